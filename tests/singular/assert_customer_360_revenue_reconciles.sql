{{ config(tags=['reconciliation', 'customer_360', 'commerce', 'billing']) }}

{#-
    Asserts that customer_360's money columns reconcile to their sources, within 0.005:
      sum(lifetime_net_revenue) = sum(fct_orders.net_amount) over revenue orders (counts_as_revenue)
      sum(ltv) = that same order total + sum(stg_billing__invoices.amount) over paid invoices
    Catches fan-out in the customer joins, lost customers' revenue, and a wrong ltv formula.
    Returns one row per measure that does not reconcile.
-#}

with

customer_360 as (
    select * from {{ ref('customer_360') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

customer_totals as (
    select
        coalesce(sum(lifetime_net_revenue), 0) as net_revenue,
        coalesce(sum(ltv), 0) as ltv
    from customer_360
),

order_totals as (
    select coalesce(sum(net_amount), 0) as net_revenue
    from orders
    where counts_as_revenue
),

invoice_totals as (
    select coalesce(sum(amount), 0) as paid_amount
    from invoices
    where invoice_status = 'paid'
),

comparisons as (
    select
        'lifetime_net_revenue' as measure,
        customer_totals.net_revenue as customer_360_total,
        order_totals.net_revenue as source_total
    from customer_totals
    cross join order_totals
    union all
    select
        'ltv' as measure,
        customer_totals.ltv as customer_360_total,
        order_totals.net_revenue + invoice_totals.paid_amount as source_total
    from customer_totals
    cross join order_totals
    cross join invoice_totals
),

final as (
    select
        measure,
        customer_360_total,
        source_total,
        customer_360_total - source_total as difference
    from comparisons
    where abs(customer_360_total - source_total) > 0.005
)

select * from final
