{#
    Data-quality helpers: the validation models (models/validation) flag every raw row with the reasons it
    cannot be used; staging keeps the rows without reasons; the data_quality marts quarantine, reconcile and
    summarise.

    Reason codes (the quarantine's vocabulary):
      missing_primary_key      the record's key is null, blank, or not a whole number
      invalid_email            the e-mail, after lower-casing and trimming, is not a plausible address
                               (local part <= 64 characters without leading, trailing or double dots,
                               total <= 254, domain labels of letters (any script), digits and hyphens)
      invalid_phone            the phone number is not a phone number: letters, too few or too many
                               digits, or a North American number that is not +1 and ten digits
      unparseable_timestamp    a timestamp delivered as text is not ISO-8601 with a valid UTC offset
      future_timestamp         an event time lies after the moment the record was loaded (_loaded_at), or
                               after the data window (on or after the day following the as-of date)
      invalid_amount           a money amount or quantity is negative, NaN or infinite, or absurd: above
                               var dq_max_amount (one amount, one order line, one order's total),
                               dq_max_quantity, or dq_max_daily_spend (one channel's spend of a day)
      orphan_foreign_key       a reference (customer, account, order, ...) that is not among the parent's
                               valid records, or that disagrees with the parent (an invoice's customer is
                               not its subscription's)
      unknown_enum_value       a code (event type, channel, plan, status, ...) outside its accepted
                               values, or a pair of codes that does not go together (event type and domain)
      invalid_loaded_at        _loaded_at is missing, before the earliest date, or later than the load
                               horizon (the day after the as-of date; in sources mode also the run's start)
      timestamp_out_of_range   an event time lies before the earliest date: the later of var
                               dq_earliest_date and var start_date (the data window's first day)
      inconsistent_timestamps  two times of one record are out of order (resolved before opened, refunded
                               before ordered, ended before started, a limit change before its account
                               was opened, an event, order, ticket, subscription, card account or
                               attribution before its customer signed up, a card transaction before its
                               account was opened, an invoice before its subscription started), or a status disagrees
                               with its times (an active subscription with an end, a cancelled one without;
                               a refunded order without a refund time or another status with one; a
                               resolved or closed ticket without a resolution time or an open one with one)
      missing_value            a value every reader needs (a required time, amount, flag or name) is null
                               or blank
      duplicate_email          the e-mail belongs to another customer who signed up earlier (the first
                               customer keeps it; the later ones are quarantined)
      invalid_type             sources mode: a column delivered in a type that breaks the source's schema
                               contract holds a value (not null, not blank) that does not cast to the
                               declared type, e.g. '12,50' for a DECIMAL (macros/utils/source_contract.sql)
#}

{% macro c360_dq_reasons() -%}
    {{ return(['missing_primary_key', 'invalid_email', 'invalid_phone', 'unparseable_timestamp',
               'future_timestamp', 'invalid_amount', 'orphan_foreign_key', 'unknown_enum_value',
               'invalid_loaded_at', 'timestamp_out_of_range', 'inconsistent_timestamps', 'missing_value',
               'duplicate_email', 'invalid_type']) }}
{%- endmacro %}

{#
    The reason codes of a row as one text, codes in the order given, separated by '|'; null when no check
    fails. checks: list of [reason_code, sql condition]; a condition that is null counts as passed; a check
    whose condition is '' does not apply to this build and is left out.
#}
{% macro c360_dq_reason_codes(checks) -%}
    {%- set active = [] -%}
    {%- for check in checks -%}
        {%- if check[0] not in c360_dq_reasons() -%}
            {{ exceptions.raise_compiler_error("unknown data-quality reason code " ~ check[0]) }}
        {%- endif -%}
        {%- if check[1] | trim != '' -%}
            {%- do active.append(check) -%}
        {%- endif -%}
    {%- endfor -%}
    nullif(substr(
        {%- for check in active %}
        case when {{ check[1] }} then '|{{ check[0] }}' else '' end{% if not loop.last %} ||{% endif %}
        {%- endfor %},
        2
    ), '')
{%- endmacro %}

{# Null, or blank once trimmed (keys delivered as text). #}
{% macro c360_dq_is_blank(expr) -%}
    ({{ expr }} is null or trim(cast({{ expr }} as {{ dbt.type_string() }})) = '')
{%- endmacro %}

{#
    Not a plausible e-mail address once lower-cased and trimmed (null is not plausible). Local part: 1-64
    characters of letters, digits and ._%+-, no leading, trailing or double dot. Domain: labels of letters
    of any script (internationalised domain names), digits and inner hyphens, a top-level label of at
    least two letters (or its punycode form). At most 254 characters in all.
#}
{% macro c360_dq_is_invalid_email(expr) -%}
    {%- set email = 'lower(trim(' ~ expr ~ '))' -%}
    {%- set label = '[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?' -%}
    coalesce(not (
        {{ c360_regexp_full_match(
            email,
            '[a-z0-9_%+-]+([.][a-z0-9_%+-]+)*@(' ~ label ~ '[.])+(\\p{L}{2,}|xn--[a-z0-9-]+)'
        ) }}
        and length({{ email }}) <= 254
        and {{ dbt.position("'@'", email) }} <= 65
    ), true)
{%- endmacro %}

{# A key that is null, blank once trimmed, or (delivered as text) not a whole number. #}
{% macro c360_dq_is_missing_key(expr) -%}
    ({{ c360_dq_is_blank(expr) }} or {{ c360_safe_cast('trim(cast(' ~ expr ~ ' as ' ~ dbt.type_string() ~ '))',
        dbt.type_bigint()) }} is null)
{%- endmacro %}

{# Any of the values null, or blank once trimmed (exprs: list of sql expressions). #}
{% macro c360_dq_is_any_missing(exprs) -%}
    ({% for expr in exprs %}{{ c360_dq_is_blank(expr) }}{% if not loop.last %} or {% endif %}{% endfor %})
{%- endmacro %}

{#
    The earliest time a record may carry: the later of var dq_earliest_date and var start_date, the first day
    of the data window (the calendar, the running totals and the cohorts start there: an earlier time would
    fall outside every KPI that counts it).
#}
{% macro c360_dq_earliest_date() -%}
    {%- set earliest = var('dq_earliest_date') | string -%}
    {%- set window_start = var('start_date') | string -%}
    {{ return(earliest if earliest > window_start else window_start) }}
{%- endmacro %}

{# Any of the times (timestamps or dates) before the earliest date (c360_dq_earliest_date). #}
{% macro c360_dq_is_before_earliest(exprs) -%}
    ({% for expr in exprs -%}
        cast({{ expr }} as {{ dbt.type_timestamp() }})
        < cast('{{ c360_dq_earliest_date() }}' as {{ dbt.type_timestamp() }})
        {%- if not loop.last %} or {% endif %}
    {%- endfor %})
{%- endmacro %}

{#
    The load horizon: no row can have been loaded after it. The day after the as-of date (a daily load
    lands in the early hours of the next day) ends it; in sources mode the run's start does too, whichever
    is earlier (the generator's later batches are loaded on days that may lie after the run).
#}
{% macro c360_dq_load_horizon() -%}
    {%- set day_after = c360_add_days(c360_as_of_date(), 2) -%}
    {%- if var('source_data', 'synthetic') == 'sources' -%}
        {%- set run_start = "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as "
            ~ dbt.type_timestamp() ~ ")" -%}
        case
            when cast({{ day_after }} as {{ dbt.type_timestamp() }}) < {{ run_start }}
                then cast({{ day_after }} as {{ dbt.type_timestamp() }})
            else {{ run_start }}
        end
    {%- else -%}
        cast({{ day_after }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#
    Any of the times later than the record's load (loaded_at), or after the data window: on or after the day
    following the as-of date (every "days since" figure counts to the as-of date and may not turn negative).
#}
{% macro c360_dq_is_future(exprs, loaded_at='source._loaded_at') -%}
    {%- set window_end = 'cast(' ~ c360_add_days(c360_as_of_date(), 1) ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
    ({% for expr in exprs -%}
        cast({{ expr }} as {{ dbt.type_timestamp() }}) > {{ loaded_at }}
        or cast({{ expr }} as {{ dbt.type_timestamp() }}) >= {{ window_end }}
        {%- if not loop.last %} or {% endif %}
    {%- endfor %})
{%- endmacro %}

{# _loaded_at missing, before the earliest date, or at / after the load horizon. #}
{% macro c360_dq_is_invalid_loaded_at(expr) -%}
    ({{ expr }} is null or {{ c360_dq_is_before_earliest([expr]) }} or {{ expr }} >= {{ c360_dq_load_horizon() }})
{%- endmacro %}

{# A code outside a list of accepted values (compared lower-cased and trimmed; null is unknown). #}
{% macro c360_dq_is_unknown_code(expr, accepted) -%}
    coalesce(lower(trim({{ expr }})) not in ('{{ accepted | join("', '") }}'), true)
{%- endmacro %}

{# A code not found in a column of a seed's import CTE (compared lower-cased and trimmed; null is unknown). #}
{% macro c360_dq_is_unknown_reference(expr, cte, column) -%}
    coalesce(lower(trim({{ expr }})) not in (select lower({{ column }}) from {{ cte }}), true)
{%- endmacro %}

{# A reference not among the parent's valid keys (the parent's import CTE); a null reference is an orphan too. #}
{% macro c360_dq_is_orphan(expr, cte, column) -%}
    coalesce({{ expr }} not in (select {{ column }} from {{ cte }}), true)
{%- endmacro %}

{# An amount outside [0, var dq_max_amount], NaN or infinite; null amounts pass (see c360_dq_is_any_missing). #}
{% macro c360_dq_is_invalid_amount(expr, max_amount=none) -%}
    {%- set upper = var('dq_max_amount') if max_amount is none else max_amount -%}
    ({{ c360_is_not_finite(expr) }} or {{ expr }} < 0
        {%- if upper != 'unbounded' %} or {{ expr }} > {{ upper }}{% endif %})
{%- endmacro %}

{# A pair of codes that is not a row of a seed's import CTE (compared lower-cased and trimmed). #}
{% macro c360_dq_is_unknown_pair(first_expr, second_expr, cte, first_column, second_column) -%}
    coalesce(
        lower(trim({{ first_expr }})) || '|' || lower(trim({{ second_expr }}))
        not in (select lower({{ first_column }}) || '|' || lower({{ second_column }}) from {{ cte }}),
        true
    )
{%- endmacro %}

{#
    A helpdesk local-time text that is present but not ISO-8601 with a UTC offset: date, 'T' or a space,
    time with optional fractional seconds, then 'Z' or an offset of at most 14:00 hours (minutes < 60).
#}
{% macro c360_dq_is_unparseable_offset_string(expr) -%}
    ({{ expr }} is not null and not coalesce(
        {{ c360_regexp_full_match('trim(' ~ expr ~ ')', c360_offset_string_pattern()) }}
        and {{ c360_offset_string_to_utc(expr, safe=true) }} is not null
        and {{ c360_offset_string_seconds(expr) }} between -50400 and 50400
        and {{ c360_safe_cast('substr(' ~ c360_offset_string_offset(expr) ~ ', 5, 2)', dbt.type_int()) }} < 60,
        false
    ))
{%- endmacro %}

{# The UTC time of a helpdesk text once it is valid, else null (for checks on the parsed value). #}
{% macro c360_dq_offset_string_time(expr) -%}
    case
        when not {{ c360_dq_is_unparseable_offset_string(expr) }}
            then {{ c360_offset_string_to_utc(expr, safe=true) }}
    end
{%- endmacro %}

{#
    The raw tables under data-quality control: source, table, the raw columns forming the record key, the
    expressions a record is de-duplicated on (`dedupe`), and the order that picks the copy to keep (`latest`:
    last write wins, then columns that break the remaining ties). The validation model ranks the copies once
    (c360_dq_duplicate_rank); staging keeps rank 1.
#}
{% macro c360_dq_tables() -%}
    {{ return([
        {'source': 'user_db', 'table': 'customers', 'key': ['customer_id'], 'dedupe': ['customer_id'],
         'latest': '_loaded_at desc, updated_at desc, email'},
        {'source': 'user_db', 'table': 'addresses', 'key': ['address_id'], 'dedupe': ['address_id'],
         'latest': '_loaded_at desc, created_at desc, street_line'},
        {'source': 'user_db', 'table': 'phones', 'key': ['phone_id'], 'dedupe': ['phone_id'],
         'latest': '_loaded_at desc, created_at desc, phone_number'},
        {'source': 'credit_card', 'table': 'accounts', 'key': ['account_id'], 'dedupe': ['account_id'],
         'latest': '_loaded_at desc, onboarded_at desc, account_status'},
        {'source': 'credit_card', 'table': 'limit_changes', 'key': ['limit_change_id'], 'dedupe': ['limit_change_id'],
         'latest': '_loaded_at desc, changed_at desc, change_type'},
        {'source': 'credit_card', 'table': 'transactions', 'key': ['transaction_id'], 'dedupe': ['transaction_id'],
         'latest': '_loaded_at desc, transacted_at desc, amount'},
        {'source': 'analytics', 'table': 'events', 'key': ['event_id'], 'dedupe': ['event_id'],
         'latest': '_loaded_at desc, occurred_at desc, event_type'},
        {'source': 'commerce', 'table': 'products', 'key': ['product_id'], 'dedupe': ['product_id'],
         'latest': '_loaded_at desc, product_name'},
        {'source': 'commerce', 'table': 'orders', 'key': ['order_id'], 'dedupe': ['order_id'],
         'latest': '_loaded_at desc, ordered_at desc, order_status'},
        {'source': 'commerce', 'table': 'order_items', 'key': ['order_item_id'], 'dedupe': ['order_item_id'],
         'latest': '_loaded_at desc, product_id, quantity'},
        {'source': 'support', 'table': 'tickets', 'key': ['ticket_id'], 'dedupe': ['ticket_id'],
         'latest': '_loaded_at desc, opened_at desc, ticket_status'},
        {'source': 'billing', 'table': 'subscriptions', 'key': ['subscription_id'], 'dedupe': ['subscription_id'],
         'latest': '_loaded_at desc, updated_at desc, subscription_status'},
        {'source': 'billing', 'table': 'invoices', 'key': ['invoice_id'], 'dedupe': ['invoice_id'],
         'latest': '_loaded_at desc, issued_at desc, invoice_status'},
        {'source': 'marketing', 'table': 'attributions', 'key': ['attribution_id'], 'dedupe': ['customer_id'],
         'latest': '_loaded_at desc, attributed_at desc, attribution_id desc'},
        {'source': 'marketing', 'table': 'spend', 'key': ['spend_date', 'channel_code'],
         'dedupe': ['cast(spend_date as date)', 'lower(trim(channel_code))'],
         'latest': '_loaded_at desc, spend_amount desc'}
    ]) }}
{%- endmacro %}

{# The c360_dq_tables() entry of a raw table (a compile error names a table without one). #}
{% macro c360_dq_table(source_name, table_name) -%}
    {%- set matches = c360_dq_tables() | selectattr('source', 'equalto', source_name)
        | selectattr('table', 'equalto', table_name) | list -%}
    {%- if matches | length != 1 -%}
        {{ exceptions.raise_compiler_error("no data-quality entry for " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {{ return(matches[0]) }}
{%- endmacro %}

{#
    De-duplication, computed once in the validation table so that no reader of a staging view repeats it.
    Ranking every row with a window sorts the whole wide table (200M events at 10M customers, which spills and
    grew the build superlinearly). Copies are rare, so the validation model instead:
      1. c360_dq_duplicated_keys: groups the valid rows on the narrow de-duplication key and keeps the keys with
         more than one valid copy (dedupe_key_1, dedupe_key_2, ...);
      2. c360_dq_rank_copies: gives rank 1 to a valid row whose key is not among them, ranks only the rows whose
         key is (same order as before: `latest` of c360_dq_tables()), and null to rows with reason codes.
    The de-duplication key of a valid row is never null (missing_primary_key / orphan_foreign_key reject nulls),
    so the equality joins lose no row; the pytest suite checks the ranks against a plain window on faulty data.
#}
{% macro c360_dq_duplicated_keys(relation, source_name, table_name) -%}
    {%- set entry = c360_dq_table(source_name, table_name) -%}
    select
        {%- for expression in entry.dedupe %}
        {{ expression }} as dedupe_key_{{ loop.index }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    where dq_reason_codes is null
    group by {% for expression in entry.dedupe %}{{ expression }}{% if not loop.last %}, {% endif %}{% endfor %}
    having count(*) > 1
{%- endmacro %}

{% macro c360_dq_rank_copies(relation, duplicated_keys, source_name, table_name) -%}
    {%- set entry = c360_dq_table(source_name, table_name) -%}
    {%- set is_duplicated -%}
        exists (
            select 1 from {{ duplicated_keys }}
            where
                {%- for expression in entry.dedupe %}
                {% if not loop.first %}and {% endif %}{{ duplicated_keys }}.dedupe_key_{{ loop.index }} = {{ expression }}
                {%- endfor %}
        )
    {%- endset -%}
    select
        {{ relation }}.*,
        cast(null as {{ dbt.type_bigint() }}) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is not null

    union all

    select
        {{ relation }}.*,
        cast(1 as {{ dbt.type_bigint() }}) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is null and not {{ is_duplicated }}

    union all

    select
        {{ relation }}.*,
        row_number() over (
            partition by {{ entry.dedupe | join(', ') }}
            order by {{ entry.latest }}
        ) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is null and {{ is_duplicated }}
{%- endmacro %}

{# One expression per key for count(distinct): the expression itself, or its parts as text joined by '|'. #}
{% macro c360_dq_key_text(expressions) -%}
    {%- if expressions | length == 1 -%}
        {{ expressions[0] }}
    {%- else -%}
        {%- for expression in expressions -%}
            coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '')
            {%- if not loop.last %} || '|' || {% endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{# A record's key as text: key columns joined with '|'; null when any part is null. #}
{% macro c360_dq_record_key(columns, relation_alias) -%}
    {%- for column in columns -%}
        cast({{ relation_alias }}.{{ column }} as {{ dbt.type_string() }}){% if not loop.last %} || '|' || {% endif %}
    {%- endfor -%}
{%- endmacro %}

{#
    The raw columns of a validation model, in order, from its YAML (graph), without the dq_ columns: known at
    compile time without querying the warehouse (offline BigQuery compiles stay offline). Every validation
    model documents every raw column; tests/python/test_data_quality.py checks the quarantine's raw_record
    equals the whole raw row. Empty at parse time.
#}
{% macro c360_dq_raw_columns(model_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ model_name) -%}
    {%- set columns = [] -%}
    {%- if node is not none -%}
        {%- for column in node.columns.keys() -%}
            {%- if column not in ['dq_reason_codes', 'dq_duplicate_rank'] -%}
                {%- do columns.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("no documented raw columns for " ~ model_name ~ " (its YAML lists them)") }}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}

{#
    The copy of each valid parent record that staging keeps (no reason codes, duplicate rank 1): one row per
    key, so a child's orphan and order checks that join it keep every child row once.
#}
{% macro c360_dq_kept_rows(model_name, columns) -%}
    select
        {{ columns | join(',\n        ') }}
    from {{ ref(model_name) }}
    where dq_reason_codes is null and dq_duplicate_rank = 1
{%- endmacro %}
