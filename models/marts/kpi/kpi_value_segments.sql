{{ config(tags=['kpi', 'customers']) }}

-- grain: one row per value segment. shares are of all customers and of total ltv

with

customers as (
    select * from {{ ref('int_customers__value_segmented') }}
),

segments as (
    select
        value_segment,
        count(*) as customers,
        sum(case when is_top_20_percent then 1 else 0 end) as top_20_percent_customers,
        sum(ltv) as total_ltv,
        {{ c360_safe_divide('sum(ltv)', 'count(*)') }} as avg_ltv,
        avg(total_orders) as avg_orders
    from customers
    group by value_segment
),

final as (
    select
        value_segment,
        customers,
        {{ c360_count('top_20_percent_customers') }} as top_20_percent_customers,
        {{ c360_money('total_ltv') }} as total_ltv,
        {{ c360_money('avg_ltv') }} as avg_ltv,
        {{ c360_rounded('avg_orders', 2) }} as avg_orders,
        {{ c360_rounded(c360_safe_divide('customers', 'sum(customers) over ()'), 4) }} as share_of_customers,
        {{ c360_rounded(c360_safe_divide('total_ltv', 'sum(total_ltv) over ()'), 4) }} as share_of_ltv
    from segments
)

select * from final
