{{ config(materialized='table', tags=['commerce']) }}

-- revenue orders only (cancelled orders excluded); average order value = (gross - discounts) / orders

with

orders as (
    select * from {{ ref('int_commerce__orders_priced') }}
),

final as (
    select
        customer_id,
        count(*) as total_orders,
        sum(case when order_status = 'refunded' then 1 else 0 end) as refunded_orders,
        sum(gross_amount) as lifetime_gross_revenue,
        sum(discount_amount) as lifetime_discounts,
        sum(refund_amount) as lifetime_refunds,
        sum(net_amount) as lifetime_net_revenue,
        {{ c360_safe_divide('sum(gross_amount) - sum(discount_amount)', 'count(*)') }} as average_order_value,
        min(ordered_on) as first_order_date,
        max(ordered_on) as last_order_date,
        max(ordered_at) as last_ordered_at
    from orders
    where counts_as_revenue
    group by customer_id
)

select * from final
