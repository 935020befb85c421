{{ config(alias='commerce__orders', tags=['commerce']) }}

{#- Orders follow the customers' lifetimes (c360_activity_ctes): 7 of every 10 customers shop, heavy
    and light shoppers, most orders early in a customer's life, none after they leave; weekday and
    December peaks. A refund comes 1-30 days after the order; one that falls after the loaded window is
    not there yet: the order shows as completed, and the batch that reaches the refund's day adds the
    refunded version (same order_id, loaded that day). Each later batch
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
        row_num as activity_key,
        {{ c360_hash('row_num', 'order.status') }} as h_status,
        {{ c360_hash('row_num', 'order.refund') }} as h_refund
    from spine
),

{{ c360_order_activity_ctes() }},

placed as (
    select
        activity_timed.*,
        activity_timed.activity_offset as ordered_offset,
        {{ c360_pick_weighted('activity_timed.h_status', c360_catalog('order_statuses')) }} as drawn_status,
        case
            when {{ c360_pick_weighted('activity_timed.h_status', c360_catalog('order_statuses')) }} = 'refunded'
                then activity_timed.activity_offset + 86400 * (1 + mod(activity_timed.h_refund, 30))
        end as refund_offset
    from activity_timed
),

-- every version as offsets; `orders` formats them. A refund after the loaded window is not there yet.
versions as (
    select
        row_num,
        customer_row,
        h_status,
        ordered_offset,
        case
            when refund_offset >= {{ c360_span_seconds() }} then 'completed' else drawn_status
        end as order_status,
        case when refund_offset < {{ c360_span_seconds() }} then refund_offset end as refund_offset
    from placed
    {%- if batch > 1 %}
    union all
    select
        row_num,
        customer_row,
        h_status,
        ordered_offset,
        drawn_status as order_status,
        refund_offset
    from placed
    where
        refund_offset >= {{ c360_span_seconds() }}
        and refund_offset < {{ c360_batch_day_offset(batch + 1) }}
    {%- endif %}
),

orders as (
    select
        row_num + 1 as order_id,
        customer_row + 1 as customer_id,
        order_status,
        {{ c360_pick_weighted(c360_div('h_status', 1000), c360_catalog('order_channels')) }} as order_channel,
        {{ c360_offset_to_timestamp('ordered_offset') }} as ordered_at,
        case when refund_offset is not null then {{ c360_offset_to_timestamp('refund_offset') }} end as refunded_at,
        {{ c360_offset_to_timestamp('coalesce(refund_offset, ordered_offset) + 900') }} as _loaded_at
    from versions
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
    {%- set union_columns = [
        'order_id',
        'customer_id',
        'order_status',
        'order_channel',
        'ordered_at',
        'refunded_at',
        '_loaded_at',
    ] %}
    {{- c360_union_by_name(['orders', 'batch_orders'] if batch > 1 else ['orders'], union_columns) }}
)

{{ c360_with_faults('commerce__orders', 'final') }}
