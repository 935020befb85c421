{{ config(alias='commerce__orders', tags=['commerce']) }}

{#- 70% of customers shop (a fixed permutation); orders go to shoppers with a skew, so a few customers
    place many orders and many place one or none (c360_order_customer_row). Each later batch
    (macros/generator/batches.sql) adds batch_growth_percent % of the base rows, placed that day by
    customers existing then; refunded ones are refunded 30 minutes after they are placed. -#}
{%- set batch = c360_batch() %}

with

spine as (
    {{ c360_series(c360_rows('num_orders_multiplier')) }}
),

keyed as (
    select
        row_num,
        {{ c360_order_customer_row('row_num') }} as customer_row,
        {{ c360_hash('row_num', 'order.status') }} as h_status,
        {{ c360_hash('row_num', 'order.refund') }} as h_refund
    from spine
),

{{ c360_customer_timeline_ctes() }},

placed as (
    select
        customer_timed.*,
        {{ c360_order_offset('row_num') }} as ordered_offset,
        {{ c360_pick_weighted('h_status', c360_catalog('order_statuses')) }} as order_status
    from customer_timed
),

orders as (
    select
        row_num + 1 as order_id,
        customer_row + 1 as customer_id,
        order_status,
        {{ c360_pick_weighted(c360_div('h_status', 1000), c360_catalog('order_channels')) }} as order_channel,
        {{ c360_offset_to_timestamp('ordered_offset') }} as ordered_at,
        case
            when order_status = 'refunded'
                then {{ c360_offset_to_timestamp(
                    'least(ordered_offset + 86400 * (1 + mod(h_refund, 30)), ' ~ (c360_span_seconds() - 1) ~ ')'
                ) }}
        end as refunded_at,
        {{ c360_offset_to_timestamp(
            'case when order_status = \'refunded\' then least(ordered_offset + 86400 * (1 + mod(h_refund, 30)), '
            ~ (c360_span_seconds() - 1) ~ ') else ordered_offset end + 900'
        ) }} as _loaded_at
    from placed
),
{%- if batch > 1 %}

batch_spine as (
    {{ c360_series((batch - 1) * c360_batch_rows('num_orders_multiplier')) }}
),

batch_hashed as (
    select
        row_num,
        {{ c360_batch_order_batch('row_num') }} as batch,
        {{ c360_hash('row_num', 'order.batch_customer') }} as h_batch_customer,
        {{ c360_hash('row_num', 'order.batch_status') }} as h_status,
        {{ c360_hash('row_num', 'order.batch_time') }} as h_batch_time
    from batch_spine
),

batch_keyed as (
    select
        batch_hashed.*,
        {{ c360_batch_customer_row('h_batch_customer', 'batch') }} as customer_row,
        {{ c360_pick_weighted('h_status', c360_catalog('order_statuses')) }} as order_status
    from batch_hashed
),

{{ c360_batch_activity_ctes() }},

batch_orders as (
    select
        {{ c360_rows('num_orders_multiplier') }} + row_num + 1 as order_id,
        customer_row + 1 as customer_id,
        order_status,
        {{ c360_pick_weighted(c360_div('h_status', 1000), c360_catalog('order_channels')) }} as order_channel,
        {{ c360_offset_to_timestamp('activity_offset') }} as ordered_at,
        case
            when order_status = 'refunded' then {{ c360_offset_to_timestamp('activity_offset + 1800') }}
        end as refunded_at,
        {{ c360_offset_to_timestamp(
            'activity_offset + case when order_status = \'refunded\' then 1800 else 0 end + 900'
        ) }} as _loaded_at
    from batch_timed
),
{%- endif %}

final as (
    select * from orders
    {%- if batch > 1 %}
    union all
    select * from batch_orders
    {%- endif %}
)

{{ c360_with_faults('commerce__orders', 'final') }}
