-- question: how often does a typical customer in each value segment buy: how many orders, and how many
-- days between orders?
-- grain: one row per value segment (customer_360.value_segment).
-- orders are revenue orders from fct_orders (counts_as_revenue, i.e. cancelled orders excluded), the same
-- orders customer_360.total_orders counts. a customer's days_between_orders =
-- (last order date - first order date) / (orders - 1), defined for repeat buyers (>= 2 orders) only.
-- read it: avg_orders_per_customer counts every customer in the segment (0 for non-buyers); the *_per_buyer
-- and median_* columns describe customers with >= 1 order, and the median is the "typical" customer
-- (medians use the mean of the two middle values for an even count). a lower days-between-orders means a
-- more frequent buyer.

with

customers as (
    select * from {{ ref('customer_360') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

customer_orders as (
    select
        customer_id,
        count(*) as orders,
        min(ordered_on) as first_ordered_on,
        max(ordered_on) as last_ordered_on
    from orders
    where counts_as_revenue
    group by 1
),

buyers as (
    select
        customers.value_segment,
        customer_orders.customer_id,
        customer_orders.orders,
        {{ c360_safe_divide(
            c360_days_between('customer_orders.first_ordered_on', 'customer_orders.last_ordered_on'),
            'customer_orders.orders - 1'
        ) }} as days_between_orders
    from customer_orders
    inner join customers
        on customer_orders.customer_id = customers.customer_id
),

median_orders as (
    {{ c360_exact_median('buyers', 'value_segment', 'orders', 'median_orders_per_buyer') }}
),

median_gaps as (
    {{ c360_exact_median('buyers', 'value_segment', 'days_between_orders', 'median_days_between_orders') }}
),

segment_customers as (
    select
        value_segment,
        count(*) as customers
    from customers
    group by 1
),

segment_buyers as (
    select
        value_segment,
        count(*) as buyers,
        sum(case when orders >= 2 then 1 else 0 end) as repeat_buyers,
        sum(orders) as orders,
        avg(orders) as avg_orders_per_buyer,
        avg(days_between_orders) as avg_days_between_orders
    from buyers
    group by 1
),

final as (
    select
        segment_customers.value_segment,
        segment_customers.customers,
        coalesce(segment_buyers.buyers, 0) as buyers,
        coalesce(segment_buyers.repeat_buyers, 0) as repeat_buyers,
        {{ c360_safe_divide(
            'coalesce(segment_buyers.orders, 0)',
            'segment_customers.customers'
        ) }} as avg_orders_per_customer,
        segment_buyers.avg_orders_per_buyer,
        median_orders.median_orders_per_buyer,
        segment_buyers.avg_days_between_orders,
        median_gaps.median_days_between_orders
    from segment_customers
    left join segment_buyers
        on segment_customers.value_segment = segment_buyers.value_segment
    left join median_orders
        on segment_customers.value_segment = median_orders.value_segment
    left join median_gaps
        on segment_customers.value_segment = median_gaps.value_segment
)

select * from final
order by 5 desc, 1 asc -- avg_orders_per_customer, value_segment
