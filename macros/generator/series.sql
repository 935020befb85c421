{#
    c360_series(n): a subquery with one column `row_num` holding 0 .. n-1, in no particular order.

    DuckDB: range() is a single-threaded source, so large series are split into two ranges that DuckDB
    scans in parallel.
    BigQuery: generate_array() builds one array value, capped at 1,048,575 elements (and a row must fit in
    100 MB), so series longer than `chunk` rows cross two arrays: chunk index x offset within the chunk,
    filtered to n. The chunk argument exists so tests can exercise the crossing at a small size.
#}
{% macro c360_series(n, chunk=1000000) -%}
    {{ return(adapter.dispatch('c360_series', 'c360_warehouse')(n | int, chunk | int)) }}
{%- endmacro %}

{% macro default__c360_series(n, chunk) -%}
    {%- if n <= chunk -%}
        select row_num from unnest(generate_array(0, {{ n - 1 }})) as row_num
    {%- else -%}
        {%- set chunks = (n + chunk - 1) // chunk -%}
        select chunk_index * {{ chunk }} + chunk_offset as row_num
        from unnest(generate_array(0, {{ chunks - 1 }})) as chunk_index
        cross join unnest(generate_array(0, {{ chunk - 1 }})) as chunk_offset
        where chunk_index * {{ chunk }} + chunk_offset < {{ n }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__c360_series(n, chunk) -%}
    {%- if n >= 200000 -%}
        {%- set half = n // 2 -%}
        select range as row_num from range(0, {{ half }})
        union all
        select range as row_num from range({{ half }}, {{ n }})
    {%- else -%}
        select range as row_num from range(0, {{ n }})
    {%- endif -%}
{%- endmacro %}

{#
    Union all of CTEs by column name: every branch selects `columns` in the same order, so a column added
    to one branch and not the other fails to compile instead of shifting values by position.
    Portable replacement for DuckDB's `union all by name`.
#}
{% macro c360_union_by_name(relations, columns) -%}
    {%- for relation in relations %}
    select
        {%- for column in columns %}
        {{ relation }}.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
