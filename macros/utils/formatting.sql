{#
    How the marts present numbers to business users; the same SQL on DuckDB and BigQuery.
      c360_money(x)          rounded to cents, decimal(18, 2) (BigQuery: NUMERIC)
      c360_rounded(x, n)     rounded to n decimal places, decimal(18, n): averages (2) and rates (4)
      c360_count(x)          64-bit integer (DuckDB sums of integers are 128-bit HUGEINT otherwise)
    Model contracts declare the same types (data_type int64 / decimal(18,2) / decimal(18,4)), which both
    engines resolve to these.
#}
{% macro c360_money(expr) -%}
    cast(round({{ expr }}, 2) as decimal(18, 2))
{%- endmacro %}

{% macro c360_rounded(expr, places) -%}
    cast(round({{ expr }}, {{ places }}) as decimal(18, {{ places }}))
{%- endmacro %}

{% macro c360_count(expr) -%}
    cast({{ expr }} as {{ dbt.type_bigint() }})
{%- endmacro %}
