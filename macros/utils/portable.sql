{#
    Portable helpers that need no dispatch: the same SQL is valid and equal on DuckDB and BigQuery.
#}

{#
    Division that yields null instead of inf (DuckDB) or an error (BigQuery) when the divisor is 0. Both
    sides are cast to a 64-bit float first, so every ratio and average has one type on both engines:
    DuckDB divides decimals as DOUBLE, while BigQuery's NUMERIC / NUMERIC is NUMERIC rounded to 9 decimal
    places, which differs from the DOUBLE by up to 5e-10 absolute (measured: share_of_ltv 0.1904710308457652
    on DuckDB vs 0.190471031 on BigQuery before this cast).
#}
{% macro c360_safe_divide(numerator, denominator) -%}
    (
        cast({{ numerator }} as {{ c360_type_double() }})
        / nullif(cast({{ denominator }} as {{ c360_type_double() }}), 0)
    )
{%- endmacro %}

{#
    The later of two nullable values. BigQuery's greatest() returns null if any argument is null and
    DuckDB's ignores nulls, so neither is used directly.
#}
{% macro c360_greatest_nullable(left_expr, right_expr) -%}
    case
        when {{ left_expr }} is null then {{ right_expr }}
        when {{ right_expr }} is null then {{ left_expr }}
        when {{ left_expr }} >= {{ right_expr }} then {{ left_expr }}
        else {{ right_expr }}
    end
{%- endmacro %}

{#
    The as-of date of every "days since" figure: the data window's last day (reproducible, not today);
    end_date + (generator_batch - 1) days once later batches are loaded.
#}
{% macro c360_as_of_date() -%}
    cast('{{ c360_data_end_date() }}' as date)
{%- endmacro %}
