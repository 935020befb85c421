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
        when mod({{ c360_hash(customer_row_expr, 'customer.lifetime') }}, 100) < 30
            then {{ signup_offset_expr }} + cast(floor(
                {{ c360_unit(c360_hash(customer_row_expr, 'customer.churn_point')) }}
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

{#
    Card accounts belong to card holders: 65% of customers (a fixed permutation of all customers).
    Account rows below the holder count give every holder one account; later rows go to holders with a
    skew (some hold many cards). Returns the holder's 0-based customer row.
#}
{% macro c360_card_holders() -%}
    {{ return([[((c360_rows() * 0.65) + 0.5) | int, 1] | max, c360_rows('num_accounts_multiplier') | int] | min) }}
{%- endmacro %}

{% macro c360_account_customer_row(account_row_expr) -%}
    {{ c360_permute(
        'case when ' ~ account_row_expr ~ ' < ' ~ c360_card_holders() ~ ' then ' ~ account_row_expr
        ~ ' else ' ~ c360_skewed_index(c360_hash(account_row_expr, 'account.holder'), c360_card_holders()) ~ ' end',
        c360_rows(), 'account.holders'
    ) }}
{%- endmacro %}

{#
    CTEs that add the parent account's customer and timeline to a CTE named `keyed` holding
    `account_row`. Produces a CTE named `account_timed` with customer_row, signup_offset,
    active_until_offset and onboard_offset (the account's onboarding, as in syn_credit_card__accounts).
#}
{% macro c360_account_timeline_ctes() -%}
account_keyed as (
    select
        keyed.*,
        {{ c360_account_customer_row('account_row') }} as customer_row,
        {{ c360_hash('account_row', 'account.onboard') }} as h_onboard
    from keyed
),

account_signed as (
    select
        account_keyed.*,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from account_keyed
),

account_windowed as (
    select
        account_signed.*,
        {{ c360_active_until_offset('customer_row', 'signup_offset') }} as active_until_offset
    from account_signed
),

account_timed as (
    select
        account_windowed.*,
        {{ c360_offset_between('h_onboard', 'signup_offset', 'active_until_offset') }} as onboard_offset
    from account_windowed
)
{%- endmacro %}

{#
    CTEs that add a customer's timeline to a CTE named `keyed` holding `customer_row`: produces
    `customer_timed` with signup_offset and active_until_offset.
#}
{% macro c360_customer_timeline_ctes() -%}
customer_signed as (
    select
        keyed.*,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from keyed
),

customer_timed as (
    select
        customer_signed.*,
        {{ c360_active_until_offset('customer_row', 'signup_offset') }} as active_until_offset
    from customer_signed
)
{%- endmacro %}

{# Orders: 70% of customers shop; orders go to shoppers with a skew. Returns the 0-based customer row. #}
{% macro c360_order_customer_row(order_row_expr) -%}
    {%- set shoppers = [((c360_rows() * 0.7) + 0.5) | int, 1] | max -%}
    {{ c360_permute(c360_skewed_index(c360_hash(order_row_expr, 'order.customer'), shoppers), c360_rows(), 'order.shoppers') }}
{%- endmacro %}

{# An order's placement offset, given its customer's window (columns). #}
{% macro c360_order_offset(order_row_expr) -%}
    {{ c360_offset_between(c360_hash(order_row_expr, 'order.time'), 'signup_offset', 'active_until_offset') }}
{%- endmacro %}
