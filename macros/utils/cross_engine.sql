{#
    The small set of expressions whose SQL differs between DuckDB and BigQuery. Models call these and
    never test target.type themselves. default__ is the BigQuery / standard-SQL form.
#}

{#
    Integer division of non-negative integers, truncating. The BigQuery form parenthesises its arguments:
    the BigQuery emulator (crucible 0.1.0a2) rewrites div(a + b, c) as a + b // c.
#}
{% macro c360_div(numerator, denominator) -%}
    {{ return(adapter.dispatch('c360_div', 'c360_warehouse')(numerator, denominator)) }}
{%- endmacro %}
{% macro default__c360_div(numerator, denominator) -%}
    div(({{ numerator }}), ({{ denominator }}))
{%- endmacro %}
{% macro duckdb__c360_div(numerator, denominator) -%}
    (({{ numerator }}) // ({{ denominator }}))
{%- endmacro %}

{# 64-bit IEEE float type (dbt.type_float() is 32-bit FLOAT on DuckDB). #}
{% macro c360_type_double() -%}
    {{ return(adapter.dispatch('c360_type_double', 'c360_warehouse')()) }}
{%- endmacro %}
{% macro default__c360_type_double() -%}float64{%- endmacro %}
{% macro duckdb__c360_type_double() -%}double{%- endmacro %}

{# Timestamp + integer seconds, staying a timestamp on both engines. #}
{% macro c360_add_seconds(timestamp_expr, seconds_expr) -%}
    {{ return(adapter.dispatch('c360_add_seconds', 'c360_warehouse')(timestamp_expr, seconds_expr)) }}
{%- endmacro %}
{% macro default__c360_add_seconds(timestamp_expr, seconds_expr) -%}
    timestamp_add({{ timestamp_expr }}, interval ({{ seconds_expr }}) second)
{%- endmacro %}
{% macro duckdb__c360_add_seconds(timestamp_expr, seconds_expr) -%}
    ({{ timestamp_expr }} + to_seconds(cast({{ seconds_expr }} as bigint)))
{%- endmacro %}

{# Date + integer days, returned as a date on both engines. #}
{% macro c360_add_days(date_expr, days_expr) -%}
    {{ return(adapter.dispatch('c360_add_days', 'c360_warehouse')(date_expr, days_expr)) }}
{%- endmacro %}
{% macro default__c360_add_days(date_expr, days_expr) -%}
    date_add({{ date_expr }}, interval ({{ days_expr }}) day)
{%- endmacro %}
{% macro duckdb__c360_add_days(date_expr, days_expr) -%}
    cast({{ date_expr }} + cast({{ days_expr }} as integer) as date)
{%- endmacro %}

{# Whole days from start_date to end_date (dates). #}
{% macro c360_days_between(start_date_expr, end_date_expr) -%}
    {{ return(adapter.dispatch('c360_days_between', 'c360_warehouse')(start_date_expr, end_date_expr)) }}
{%- endmacro %}
{% macro default__c360_days_between(start_date_expr, end_date_expr) -%}
    date_diff({{ end_date_expr }}, {{ start_date_expr }}, day)
{%- endmacro %}
{% macro duckdb__c360_days_between(start_date_expr, end_date_expr) -%}
    date_diff('day', {{ start_date_expr }}, {{ end_date_expr }})
{%- endmacro %}

{# Whole seconds between two timestamps. #}
{% macro c360_seconds_between(start_expr, end_expr) -%}
    {{ return(adapter.dispatch('c360_seconds_between', 'c360_warehouse')(start_expr, end_expr)) }}
{%- endmacro %}
{% macro default__c360_seconds_between(start_expr, end_expr) -%}
    timestamp_diff({{ end_expr }}, {{ start_expr }}, second)
{%- endmacro %}
{% macro duckdb__c360_seconds_between(start_expr, end_expr) -%}
    date_diff('second', {{ start_expr }}, {{ end_expr }})
{%- endmacro %}

{#
    Monday of the ISO week containing a date, as a date. One definition on both engines: BigQuery's
    WEEK starts on Sunday, so it uses ISOWEEK; DuckDB's date_trunc('week') is already Monday.
#}
{% macro c360_week_start(date_expr) -%}
    {{ return(adapter.dispatch('c360_week_start', 'c360_warehouse')(date_expr)) }}
{%- endmacro %}
{% macro default__c360_week_start(date_expr) -%}
    date_trunc({{ date_expr }}, isoweek)
{%- endmacro %}
{% macro duckdb__c360_week_start(date_expr) -%}
    cast(date_trunc('week', {{ date_expr }}) as date)
{%- endmacro %}

{# First day of the month of a date, as a date. #}
{% macro c360_month_start(date_expr) -%}
    {{ return(adapter.dispatch('c360_month_start', 'c360_warehouse')(date_expr)) }}
{%- endmacro %}
{% macro default__c360_month_start(date_expr) -%}
    date_trunc({{ date_expr }}, month)
{%- endmacro %}
{% macro duckdb__c360_month_start(date_expr) -%}
    cast(date_trunc('month', {{ date_expr }}) as date)
{%- endmacro %}

{# Keep only the digits of a string (every occurrence). #}
{% macro c360_digits_only(string_expr) -%}
    {{ return(adapter.dispatch('c360_digits_only', 'c360_warehouse')(string_expr)) }}
{%- endmacro %}
{% macro default__c360_digits_only(string_expr) -%}
    regexp_replace({{ string_expr }}, r'[^0-9]', '')
{%- endmacro %}
{% macro duckdb__c360_digits_only(string_expr) -%}
    regexp_replace({{ string_expr }}, '[^0-9]', '', 'g')
{%- endmacro %}

{# A timestamp formatted as 'YYYY-MM-DD HH:MM:SS'. #}
{% macro c360_format_timestamp(timestamp_expr) -%}
    {{ return(adapter.dispatch('c360_format_timestamp', 'c360_warehouse')(timestamp_expr)) }}
{%- endmacro %}
{% macro default__c360_format_timestamp(timestamp_expr) -%}
    format_timestamp('%Y-%m-%d %H:%M:%S', {{ timestamp_expr }})
{%- endmacro %}
{% macro duckdb__c360_format_timestamp(timestamp_expr) -%}
    strftime({{ timestamp_expr }}, '%Y-%m-%d %H:%M:%S')
{%- endmacro %}

{#
    `*` of the current relation without some columns and with some columns replaced by expressions, in
    place: exclude is a list of column names, replace a dict {column: sql}. DuckDB spells it
    `* exclude (...) replace (...)`, BigQuery `* except (...) replace (...)`.
#}
{% macro c360_star(exclude=[], replace={}) -%}
    {{ return(adapter.dispatch('c360_star', 'c360_warehouse')(exclude, replace)) }}
{%- endmacro %}
{% macro default__c360_star(exclude, replace) -%}
    {{ c360_star_sql('except', exclude, replace) }}
{%- endmacro %}
{% macro duckdb__c360_star(exclude, replace) -%}
    {{ c360_star_sql('exclude', exclude, replace) }}
{%- endmacro %}
{# The shared body: the engines differ only in the keyword that drops columns (except / exclude). #}
{% macro c360_star_sql(exclude_keyword, exclude, replace) -%}
    *
    {%- if exclude | length > 0 %} {{ exclude_keyword }} ({{ exclude | join(', ') }}){% endif -%}
    {%- if replace | length > 0 %} replace (
        {%- for column, expression in replace.items() %}
        {{ expression }} as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    ){%- endif -%}
{%- endmacro %}

{# True when a string matches a regular expression (RE2) from start to end. #}
{% macro c360_regexp_full_match(string_expr, pattern) -%}
    {{ return(adapter.dispatch('c360_regexp_full_match', 'c360_warehouse')(string_expr, pattern)) }}
{%- endmacro %}
{% macro default__c360_regexp_full_match(string_expr, pattern) -%}
    regexp_contains({{ string_expr }}, r'^(?:{{ pattern }})$')
{%- endmacro %}
{% macro duckdb__c360_regexp_full_match(string_expr, pattern) -%}
    regexp_full_match({{ string_expr }}, '{{ pattern }}')
{%- endmacro %}

{#
    Some columns of a row as a JSON object text, keys in the order given (columns: list of names; the
    relation alias qualifies them; value_columns: {key: column} for keys whose value another column of the
    same relation holds). Used to keep quarantined raw rows exactly as received.

    The text is BigQuery's TO_JSON_STRING on both engines, so the quarantine is equal across engines. DuckDB
    renders values its own way (DECIMAL 9.990000, TIMESTAMP "2025-06-01 12:00:00", bare Infinity, which is
    not JSON), so given the relation the columns come from, its implementation reads their types and writes
    each value as BigQuery does: a DECIMAL with a fraction as a string of its digits ("9.99") and a whole one
    as a number; a FLOAT64 that is not finite as "NaN", "Infinity" or "-Infinity" and a whole one without
    ".0"; a TIMESTAMP as RFC 3339 UTC ("2025-06-01T12:00:00Z", with .fff or .ffffff when it has a fraction).
#}
{% macro c360_columns_to_json(relation_alias, columns, relation=none, value_columns={}) -%}
    {{ return(adapter.dispatch('c360_columns_to_json', 'c360_warehouse')(
        relation_alias, columns, relation, value_columns
    )) }}
{%- endmacro %}
{% macro default__c360_columns_to_json(relation_alias, columns, relation, value_columns) -%}
    to_json_string(struct(
        {%- for column in columns %}
        {{ relation_alias }}.{{ value_columns.get(column, column) }} as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    ))
{%- endmacro %}
{% macro duckdb__c360_columns_to_json(relation_alias, columns, relation, value_columns) -%}
    {%- set types = {} -%}
    {%- if relation is not none and execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do types.update({column.name | lower: column.dtype | upper}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if columns | length == 0 -%}
    cast(null as varchar)
    {%- else -%}
    cast(to_json(struct_pack(
        {%- for column in columns %}
        {%- set value_column = value_columns.get(column, column) %}
        {{ column }} := {{ duckdb__c360_json_value(
            relation_alias ~ '.' ~ value_column, types.get(value_column | lower, '')
        ) }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    )) as varchar)
    {%- endif -%}
{%- endmacro %}

{# One value as BigQuery's TO_JSON_STRING writes it, from its DuckDB type (see c360_columns_to_json). #}
{% macro duckdb__c360_json_value(expr, dtype) -%}
    {%- set exact_whole = 'abs(' ~ expr ~ ') < 9007199254740992 and ' ~ expr ~ ' = trunc(' ~ expr ~ ')' -%}
    {%- if dtype.startswith('DECIMAL') or dtype.startswith('NUMERIC') -%}
        case
            when {{ exact_whole }} then to_json(cast({{ expr }} as hugeint))
            else to_json(rtrim(rtrim(cast({{ expr }} as varchar), '0'), '.'))
        end
    {%- elif dtype in ['DOUBLE', 'FLOAT', 'REAL', 'FLOAT8', 'FLOAT4'] -%}
        case
            when isnan({{ expr }}) then to_json('NaN')
            when {{ expr }} = cast('inf' as double) then to_json('Infinity')
            when {{ expr }} = cast('-inf' as double) then to_json('-Infinity')
            when {{ exact_whole }} then to_json(cast({{ expr }} as bigint))
            else to_json({{ expr }})
        end
    {%- elif dtype.startswith('TIMESTAMP') -%}
        {%- set utc = "timezone('UTC', " ~ expr ~ ")" if 'TIME ZONE' in dtype or dtype == 'TIMESTAMPTZ' else expr -%}
        to_json(
            strftime({{ utc }}, '%Y-%m-%dT%H:%M:%S')
            || case
                when microsecond({{ utc }}) % 1000000 = 0 then ''
                when microsecond({{ utc }}) % 1000 = 0
                    then '.' || lpad(cast((microsecond({{ utc }}) % 1000000) // 1000 as varchar), 3, '0')
                else '.' || lpad(cast(microsecond({{ utc }}) % 1000000 as varchar), 6, '0')
            end
            || 'Z'
        )
    {%- else -%}
        {{ expr }}
    {%- endif -%}
{%- endmacro %}

{# Hex SHA-256 of a string (pseudonymisation in shareable marts). #}
{% macro c360_sha256(string_expr) -%}
    {{ return(adapter.dispatch('c360_sha256', 'c360_warehouse')(string_expr)) }}
{%- endmacro %}
{% macro default__c360_sha256(string_expr) -%}
    to_hex(sha256({{ string_expr }}))
{%- endmacro %}
{% macro duckdb__c360_sha256(string_expr) -%}
    sha256({{ string_expr }})
{%- endmacro %}

{# Cast that yields null instead of failing (dbt.safe_cast is a plain cast on dbt-duckdb). #}
{% macro c360_safe_cast(expr, type) -%}
    {{ return(adapter.dispatch('c360_safe_cast', 'c360_warehouse')(expr, type)) }}
{%- endmacro %}
{% macro default__c360_safe_cast(expr, type) -%}
    safe_cast({{ expr }} as {{ type }})
{%- endmacro %}
{% macro duckdb__c360_safe_cast(expr, type) -%}
    try_cast({{ expr }} as {{ type }})
{%- endmacro %}

{#
    The first capturing group of a regular expression (RE2) in a string; without a match null on BigQuery
    and '' on DuckDB (callers treat both as missing).
#}
{% macro c360_regexp_extract(string_expr, pattern) -%}
    {{ return(adapter.dispatch('c360_regexp_extract', 'c360_warehouse')(string_expr, pattern)) }}
{%- endmacro %}
{% macro default__c360_regexp_extract(string_expr, pattern) -%}
    regexp_extract({{ string_expr }}, r'{{ pattern }}')
{%- endmacro %}
{% macro duckdb__c360_regexp_extract(string_expr, pattern) -%}
    regexp_extract({{ string_expr }}, '{{ pattern }}', 1)
{%- endmacro %}

{# True when a number is NaN or infinite (false for every finite number, null for null). #}
{% macro c360_is_not_finite(number_expr) -%}
    {{ return(adapter.dispatch('c360_is_not_finite', 'c360_warehouse')(number_expr)) }}
{%- endmacro %}
{% macro default__c360_is_not_finite(number_expr) -%}
    (is_nan(cast({{ number_expr }} as float64)) or is_inf(cast({{ number_expr }} as float64)))
{%- endmacro %}
{% macro duckdb__c360_is_not_finite(number_expr) -%}
    (not isfinite(cast({{ number_expr }} as double)))
{%- endmacro %}

{#
    `materialized` before a CTE's body (`name as {{ c360_materialized() }} (...)`) on DuckDB, which otherwise
    inlines a CTE read twice and computes it twice; nothing on BigQuery, which has no such hint.
#}
{% macro c360_materialized() -%}
    {{ return(adapter.dispatch('c360_materialized', 'c360_warehouse')()) }}
{%- endmacro %}
{% macro default__c360_materialized() -%}
{%- endmacro %}
{% macro duckdb__c360_materialized() -%}
    materialized
{%- endmacro %}
