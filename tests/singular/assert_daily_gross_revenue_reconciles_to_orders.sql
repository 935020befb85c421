{{ config(tags=['reconciliation', 'kpi', 'commerce']) }}

{#-
    Asserts that kpi_daily_revenue loses and invents no money: over the whole window, the sums of its
    gross_revenue, discounts, refunds and net_revenue equal the sums of gross_amount, discount_amount,
    refund_amount and net_amount of the revenue orders (counts_as_revenue) in fct_orders, within 0.005.
    Catches dropped or duplicated days, orders or refunds dated outside the calendar, and a wrong net
    formula. Returns one row per measure that does not reconcile.
-#}

with

daily_revenue as (
    select * from {{ ref('kpi_daily_revenue') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

kpi_totals as (
    select
        coalesce(sum(gross_revenue), 0) as gross,
        coalesce(sum(discounts), 0) as discounts,
        coalesce(sum(refunds), 0) as refunds,
        coalesce(sum(net_revenue), 0) as net
    from daily_revenue
),

order_totals as (
    select
        coalesce(sum(gross_amount), 0) as gross,
        coalesce(sum(discount_amount), 0) as discounts,
        coalesce(sum(refund_amount), 0) as refunds,
        coalesce(sum(net_amount), 0) as net
    from orders
    where counts_as_revenue
),

comparisons as (
    select
        'gross' as measure,
        kpi_totals.gross as kpi_total,
        order_totals.gross as orders_total
    from kpi_totals cross join order_totals
    union all
    select
        'discounts' as measure,
        kpi_totals.discounts as kpi_total,
        order_totals.discounts as orders_total
    from kpi_totals cross join order_totals
    union all
    select
        'refunds' as measure,
        kpi_totals.refunds as kpi_total,
        order_totals.refunds as orders_total
    from kpi_totals cross join order_totals
    union all
    select
        'net' as measure,
        kpi_totals.net as kpi_total,
        order_totals.net as orders_total
    from kpi_totals cross join order_totals
),

final as (
    select
        measure,
        kpi_total,
        orders_total,
        kpi_total - orders_total as difference
    from comparisons
    where abs(kpi_total - orders_total) > 0.005
)

select * from final
