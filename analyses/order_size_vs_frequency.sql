-- question: do customers who order more often also place bigger orders?
-- grain: one row per order-count band (1, 2, 3-4, 5-9, 10+ orders) over customers with >= 1 revenue order
-- (customer_360.total_orders and average_order_value; customers without orders have no order value).
-- columns: customers and share_of_buyers per band, and the band's min / avg / max average order value.
-- the last three columns repeat, on every row, figures over all buyers: aov_orders_correlation = pearson
-- corr(total_orders, average_order_value); aov_orders_rank_correlation = the same on ranks (spearman,
-- ties get their average rank), which a few very heavy buyers cannot dominate.
-- read it: a correlation near 0 means order size does not depend on order frequency; > 0 means frequent
-- buyers also buy bigger baskets, < 0 smaller. the band table shows the shape behind the number.

with

customers as (
    select * from {{ ref('customer_360') }}
),

buyers as (
    select
        customer_id,
        cast(total_orders as {{ c360_type_double() }}) as total_orders,
        cast(average_order_value as {{ c360_type_double() }}) as average_order_value,
        case
            when total_orders = 1 then 1
            when total_orders = 2 then 2
            when total_orders <= 4 then 3
            when total_orders <= 9 then 4
            else 5
        end as band_order,
        case
            when total_orders = 1 then '1'
            when total_orders = 2 then '2'
            when total_orders <= 4 then '3-4'
            when total_orders <= 9 then '5-9'
            else '10+'
        end as order_count_band
    from customers
    where total_orders > 0
),

buyers_ranked as (
    select
        customer_id,
        total_orders,
        average_order_value,
        rank() over (order by total_orders)
        + (count(*) over (partition by total_orders) - 1) / 2.0 as total_orders_rank,
        rank() over (order by average_order_value)
        + (count(*) over (partition by average_order_value) - 1) / 2.0 as average_order_value_rank
    from buyers
),

correlations as (
    select
        corr(total_orders, average_order_value) as aov_orders_correlation,
        corr(total_orders_rank, average_order_value_rank) as aov_orders_rank_correlation,
        count(*) as all_buyers
    from buyers_ranked
),

bands as (
    select
        band_order,
        order_count_band,
        count(*) as customers,
        avg(total_orders) as avg_orders,
        min(average_order_value) as min_aov,
        avg(average_order_value) as avg_aov,
        max(average_order_value) as max_aov
    from buyers
    group by 1, 2
),

final as (
    select
        bands.band_order,
        bands.order_count_band,
        bands.customers,
        {{ c360_safe_divide('bands.customers', 'correlations.all_buyers') }} as share_of_buyers,
        bands.avg_orders,
        bands.min_aov,
        bands.avg_aov,
        bands.max_aov,
        correlations.all_buyers,
        correlations.aov_orders_correlation,
        correlations.aov_orders_rank_correlation
    from bands
    cross join correlations
)

select * from final
order by 1 -- band_order
