{#
    Time-advancing generator. var generator_batch (default 1) is the load the raw tables reflect:
      batch 1   = the base data over [start_date, end_date], exactly as without batches;
      batch b>1 = batch 1 plus one more day per later batch: day d = end_date + (b - 1) days.
    Each later day adds, per batch, batch_growth_percent % of the base rows of customers, events, orders,
    order items and subscriptions of new customers, and changes existing rows: e-mail changes, address
    moves, subscription cancellations and upgrades (new versions of the same key, loaded that day), and
    late-arriving events (occurred 1-2 days before their load). Every value is a hash of row numbers, so
    the same vars give the same data and batch b+1 contains batch b unchanged.
#}
{% macro c360_batch() -%}
    {{ return(c360_checked_var('generator_batch')) }}
{%- endmacro %}

{# Rows one later batch adds to a table of base size c360_rows(multiplier_var): at least 1. #}
{% macro c360_batch_rows(multiplier_var=none) -%}
    {%- set percent = c360_checked_var('batch_growth_percent') -%}
    {{ return([((c360_rows(multiplier_var) * percent / 100) + 0.5) | int, 1] | max) }}
{%- endmacro %}

{# Customers that exist once batch `batch` is loaded (compile-time integer). #}
{% macro c360_customers_through_batch(batch) -%}
    {{ return(c360_rows() + ((batch | int) - 1) * c360_batch_rows()) }}
{%- endmacro %}

{# Seconds from start_date to the first instant of a later batch's day (batch_expr >= 2). #}
{% macro c360_batch_day_offset(batch_expr) -%}
    ({{ c360_span_seconds() }} + (({{ batch_expr }}) - 2) * 86400)
{%- endmacro %}

{# The last day the loaded data covers: end_date + (generator_batch - 1) days, as 'YYYY-MM-DD'. #}
{% macro c360_data_end_date() -%}
    {%- set end = c360_parse_date('end_date') + modules.datetime.timedelta(days=c360_batch() - 1) -%}
    {{ return(end.strftime('%Y-%m-%d')) }}
{%- endmacro %}

{#
    The batch (>= 2) of a customer created by a later batch, and its signup offset: a uniform instant of
    that batch's day. Only meaningful for customer_row >= num_customers.
#}
{% macro c360_new_customer_batch(customer_row_expr) -%}
    (2 + {{ c360_div('(' ~ customer_row_expr ~ ') - ' ~ c360_rows(), c360_batch_rows()) }})
{%- endmacro %}

{% macro c360_new_customer_signup_offset(customer_row_expr) -%}
    ({{ c360_batch_day_offset(c360_new_customer_batch(customer_row_expr)) }}
        + mod({{ c360_hash(customer_row_expr, 'customer.batch_signup_time') }}, 86400))
{%- endmacro %}

{#
    A customer row that exists in batch `batch_expr`, drawn uniformly from a hash column: base customers
    and the new customers of batches 2 .. batch_expr.
#}
{% macro c360_batch_customer_row(hash_expr, batch_expr) -%}
    mod({{ hash_expr }}, {{ c360_rows() }} + (({{ batch_expr }}) - 1) * {{ c360_batch_rows() }})
{%- endmacro %}

{#
    CTEs turning a CTE named `batch_keyed` (columns batch, customer_row, h_batch_time) into
    `batch_timed` with activity_offset: a uniform instant of the batch's day, not before the signup of a
    customer created that day.
#}
{% macro c360_batch_activity_ctes() -%}
batch_bounded as (
    select
        batch_keyed.*,
        case
            when
                batch_keyed.customer_row >= {{ c360_rows() }}
                and {{ c360_new_customer_batch('batch_keyed.customer_row') }} = batch_keyed.batch
                then {{ c360_new_customer_signup_offset('batch_keyed.customer_row') }}
            else {{ c360_batch_day_offset('batch_keyed.batch') }}
        end as earliest_offset
    from batch_keyed
),

batch_timed as (
    select
        batch_bounded.*,
        earliest_offset + cast(floor(
            {{ c360_unit('h_batch_time') }} * ({{ c360_batch_day_offset('batch') }} + 86400 - earliest_offset)
        ) as {{ dbt.type_bigint() }}) as activity_offset
    from batch_bounded
)
{%- endmacro %}

{# The batch (>= 2) of the k-th (0-based) order added by later batches. #}
{% macro c360_batch_order_batch(batch_order_row_expr) -%}
    (2 + {{ c360_div(batch_order_row_expr, c360_batch_rows('num_orders_multiplier')) }})
{%- endmacro %}

{# Signup offset of any customer row: the base formula, or a later batch's day for rows it added. #}
{% macro c360_any_signup_offset(customer_row_expr) -%}
    {%- if c360_batch() > 1 -%}
        case
            when {{ customer_row_expr }} < {{ c360_rows() }} then {{ c360_signup_offset(customer_row_expr) }}
            else {{ c360_new_customer_signup_offset(customer_row_expr) }}
        end
    {%- else -%}
        {{ c360_signup_offset(customer_row_expr) }}
    {%- endif -%}
{%- endmacro %}
