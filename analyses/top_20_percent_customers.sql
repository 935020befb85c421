-- question: how much of total ltv do the top 20% of customers hold, and how does ltv spread within each
-- value segment?
-- grain: one row per breakdown x group_value. breakdown 'top_20_percent' splits customers by
-- customer_360.is_top_20_percent (top_20_percent / other_80_percent); breakdown 'value_segment' by
-- value_segment. within a breakdown, share_of_customers and share_of_ltv add up to 1.
-- read it: the top_20_percent row's share_of_ltv is the answer to "what share of ltv do the top 20% hold"
-- (a pareto-style 80/20 would show ~0.8); min / avg / max ltv show how wide each group is.

with

customers as (
    select * from {{ ref('customer_360') }}
),

by_top_20_percent as (
    select
        'top_20_percent' as breakdown,
        case when is_top_20_percent then 'top_20_percent' else 'other_80_percent' end as group_value,
        count(*) as customers,
        sum(ltv) as total_ltv,
        min(ltv) as min_ltv,
        avg(ltv) as avg_ltv,
        max(ltv) as max_ltv
    from customers
    group by 2
),

by_value_segment as (
    select
        'value_segment' as breakdown,
        value_segment as group_value,
        count(*) as customers,
        sum(ltv) as total_ltv,
        min(ltv) as min_ltv,
        avg(ltv) as avg_ltv,
        max(ltv) as max_ltv
    from customers
    group by 2
),

breakdown_groups as (
    select * from by_top_20_percent
    union all
    select * from by_value_segment
),

final as (
    select
        breakdown,
        group_value,
        customers,
        {{ c360_safe_divide('customers', 'sum(customers) over (partition by breakdown)') }} as share_of_customers,
        total_ltv,
        {{ c360_safe_divide('total_ltv', 'sum(total_ltv) over (partition by breakdown)') }} as share_of_ltv,
        min_ltv,
        avg_ltv,
        max_ltv
    from breakdown_groups
)

select * from final
order by 1 asc, 9 desc, 2 asc -- breakdown, max_ltv, group_value
