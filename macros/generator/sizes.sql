{#
    Row counts and the time window of the synthetic data, computed at compile time so that every engine
    receives the same constants.
    rows(table) = floor(num_customers * multiplier + 0.5)   (round half up; at least 1)
#}
{% macro c360_rows(multiplier_var=none) -%}
    {%- do c360_check_vars() -%}
    {%- set customers = var('num_customers') | int -%}
    {%- if multiplier_var is none -%}
        {{ return(customers) }}
    {%- else -%}
        {%- set multiplier = var(multiplier_var) | float -%}
        {{ return([((customers * multiplier) + 0.5) | int, 1] | max) }}
    {%- endif -%}
{%- endmacro %}

{% macro c360_parse_date(var_name) -%}
    {%- set raw = var(var_name) | string -%}
    {%- set parsed = modules.datetime.datetime.strptime(raw, '%Y-%m-%d') -%}
    {{ return(parsed) }}
{%- endmacro %}

{# Number of days in [start_date, end_date], both inclusive. #}
{% macro c360_num_days() -%}
    {%- set days = (c360_parse_date('end_date') - c360_parse_date('start_date')).days + 1 -%}
    {%- if days < 7 -%}
        {{ exceptions.raise_compiler_error("end_date must be at least 6 days after start_date") }}
    {%- endif -%}
    {{ return(days) }}
{%- endmacro %}

{# Seconds in the window: offsets in [0, c360_span_seconds()) are timestamps inside it. #}
{% macro c360_span_seconds() -%}
    {{ return(c360_num_days() * 86400) }}
{%- endmacro %}

{# The window's first instant, as a timestamp literal. #}
{% macro c360_window_start() -%}
    cast('{{ var("start_date") }} 00:00:00' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{# Start of window + an integer number of seconds. #}
{% macro c360_offset_to_timestamp(seconds_expr) -%}
    {{ c360_add_seconds(c360_window_start(), seconds_expr) }}
{%- endmacro %}
