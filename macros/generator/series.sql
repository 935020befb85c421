{#
    c360_series(n): a subquery with one column `row_num` holding 0 .. n-1.
    DuckDB: range() is a single-threaded source, so large series are split into two ranges that DuckDB
    scans in parallel.
#}
{% macro c360_series(n) -%}
    {{ return(adapter.dispatch('c360_series', 'customer_360')(n | int)) }}
{%- endmacro %}

{% macro default__c360_series(n) -%}
    select row_num from unnest(generate_array(0, {{ n - 1 }})) as row_num
{%- endmacro %}

{% macro duckdb__c360_series(n) -%}
    {%- if n >= 200000 -%}
        {%- set half = n // 2 -%}
        select range as row_num from range(0, {{ half }})
        union all
        select range as row_num from range({{ half }}, {{ n }})
    {%- else -%}
        select range as row_num from range(0, {{ n }})
    {%- endif -%}
{%- endmacro %}
