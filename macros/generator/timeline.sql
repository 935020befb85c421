{#
    Customer timeline, a pure function of the customer's 0-based row number, so child tables recompute
    their parent's signup and activity window arithmetically instead of joining.

    signup offset (seconds after start_date) = floor((span - 1) * sqrt((row + 0.5) / num_customers)):
    customer ids follow signup order and signups accelerate over the window (quadratic growth).
    active_until: 30% of customers churn at a uniform point between signup and the window's end; the
    others stay active to the end. Child rows (events, orders, ...) fall inside [signup, active_until].
#}
{% macro c360_signup_offset(customer_row_expr) -%}
    cast(floor(
        cast({{ c360_span_seconds() - 1 }} as {{ c360_type_double() }})
        * sqrt((cast({{ customer_row_expr }} as {{ c360_type_double() }}) + 0.5) / {{ c360_rows() }})
    ) as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro c360_active_until_offset(customer_row_expr, signup_offset_expr) -%}
    case
        when mod({{ c360_hash(customer_row_expr, 901) }}, 100) < 30
            then {{ signup_offset_expr }} + cast(floor(
                {{ c360_unit(c360_hash(customer_row_expr, 902)) }}
                * ({{ c360_span_seconds() }} - {{ signup_offset_expr }})
            ) as {{ dbt.type_bigint() }})
        else {{ c360_span_seconds() - 1 }}
    end
{%- endmacro %}

{# An offset uniformly inside [from_offset, to_offset] (inclusive), from a hash column. #}
{% macro c360_offset_between(hash_expr, from_offset_expr, to_offset_expr) -%}
    ({{ from_offset_expr }} + cast(floor(
        {{ c360_unit(hash_expr) }} * ({{ to_offset_expr }} - {{ from_offset_expr }} + 1)
    ) as {{ dbt.type_bigint() }}))
{%- endmacro %}
