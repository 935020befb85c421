{#
    How the marts present numbers to business users.
      c360_money(x)          rounded to cents: DuckDB decimal(18, 2), BigQuery NUMERIC
      c360_rounded(x, n)     rounded to n decimal places: averages (2) and rates (4); DuckDB decimal(18, n),
                             BigQuery NUMERIC
      c360_count(x)          64-bit integer (DuckDB sums of integers are 128-bit HUGEINT otherwise)
    Both engines round the same value: the expression as a 9-place decimal (what BigQuery's cast to NUMERIC
    gives), then half away from zero to n places. Rounding a FLOAT64 directly would differ on halves such as
    303.965, which is 303.96499999999997 as a double.
    BigQuery gets plain NUMERIC, rounded: parameterised NUMERIC(p, s) is not supported by the BigQuery
    emulator the project is tested on. Model contracts declare the same types per engine
    (data_type int64 / decimal(18, n) on DuckDB, numeric on BigQuery).
#}
{% macro c360_money(expr) -%}
    {{ c360_rounded(expr, 2) }}
{%- endmacro %}

{% macro c360_rounded(expr, places) -%}
    {{ return(adapter.dispatch('c360_rounded', 'c360_warehouse')(expr, places)) }}
{%- endmacro %}
{% macro default__c360_rounded(expr, places) -%}
    round(cast({{ expr }} as numeric), {{ places }})
{%- endmacro %}
{% macro duckdb__c360_rounded(expr, places) -%}
    cast(round(cast({{ expr }} as decimal(38, 9)), {{ places }}) as decimal(18, {{ places }}))
{%- endmacro %}

{% macro c360_count(expr) -%}
    cast({{ expr }} as {{ dbt.type_bigint() }})
{%- endmacro %}
