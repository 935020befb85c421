{{ config(
    tags=['core', 'commerce'],
    partition_by=({'field': 'ordered_on', 'data_type': 'date', 'granularity': 'day'} if target.type == 'bigquery' else none),
    cluster_by=(['customer_id'] if target.type == 'bigquery' else none)
) }}

with

orders as (
    select * from {{ ref('int_commerce__orders_priced') }}
),

final as (
    select
        order_id,
        customer_id,
        order_status,
        order_channel,
        counts_as_revenue,
        ordered_at,
        ordered_on,
        refunded_at,
        refunded_on,
        item_count,
        units,
        gross_amount,
        discount_amount,
        refund_amount,
        net_amount
    from orders
)

select * from final
