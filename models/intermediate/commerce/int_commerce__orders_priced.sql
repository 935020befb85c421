{{ config(materialized='table', tags=['commerce']) }}

{#-
    One row per order with its amounts:
      gross    = sum(quantity * unit_price) of its items
      discount = sum(item discounts)
      refund   = gross - discount for refunded orders (full refund of what was paid), else 0
      net      = gross - discount - refund
    Cancelled orders keep their amounts for reference but do not count as revenue (counts_as_revenue).
-#}

with

orders as (
    select * from {{ ref('stg_commerce__orders') }}
),

order_items as (
    select * from {{ ref('stg_commerce__order_items') }}
),

items_per_order as (
    select
        order_id,
        count(*) as item_count,
        sum(quantity) as units,
        sum(gross_amount) as gross_amount,
        sum(discount_amount) as discount_amount,
        max(loaded_at) as loaded_at
    from order_items
    group by order_id
),

final as (
    select
        orders.order_id,
        orders.customer_id,
        orders.order_status,
        orders.order_channel,
        orders.ordered_at,
        orders.ordered_on,
        orders.refunded_at,
        orders.refunded_on,
        orders.order_status != 'cancelled' as counts_as_revenue,
        coalesce(items_per_order.item_count, 0) as item_count,
        coalesce(items_per_order.units, 0) as units,
        coalesce(items_per_order.gross_amount, 0) as gross_amount,
        coalesce(items_per_order.discount_amount, 0) as discount_amount,
        case
            when orders.order_status = 'refunded'
                then coalesce(items_per_order.gross_amount, 0) - coalesce(items_per_order.discount_amount, 0)
            else 0
        end as refund_amount,
        case
            when orders.order_status = 'refunded' then 0
            else coalesce(items_per_order.gross_amount, 0) - coalesce(items_per_order.discount_amount, 0)
        end as net_amount,
        -- the latest load of the order or any of its items
        {{ c360_greatest_nullable('orders.loaded_at', 'items_per_order.loaded_at') }} as loaded_at
    from orders
    left join items_per_order
        on orders.order_id = items_per_order.order_id
)

select * from final
