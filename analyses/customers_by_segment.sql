-- question: which value segments and which acquisition channels have the most customers, and what share
-- of revenue (ltv) does each hold?
-- grain: one row per dimension x dimension_value, where dimension is 'value_segment' or
-- 'acquisition_channel'. customers_rank = 1 is the biggest group within its dimension.
-- read it: within each dimension the shares add up to 1; compare share_of_customers with share_of_ltv
-- (ltv_index = share_of_ltv / share_of_customers: above 1 means the group is worth more than its
-- headcount). value segments come from customer_360 (high_value / standard / no_revenue).

with

customers as (
    select * from {{ ref('customer_360') }}
),

channels as (
    select * from {{ ref('channels') }}
),

by_value_segment as (
    select
        'value_segment' as dimension,
        value_segment as dimension_value,
        cast(null as {{ dbt.type_string() }}) as dimension_group,
        count(*) as customers,
        sum(ltv) as total_ltv
    from customers
    group by 2
),

by_acquisition_channel as (
    select
        'acquisition_channel' as dimension,
        customers.acquisition_channel as dimension_value,
        max(channels.channel_group) as dimension_group,
        count(*) as customers,
        sum(customers.ltv) as total_ltv
    from customers
    left join channels
        on customers.acquisition_channel = channels.channel_code
    group by 2
),

segment_groups as (
    select * from by_value_segment
    union all
    select * from by_acquisition_channel
),

shares as (
    select
        dimension,
        dimension_value,
        dimension_group,
        customers,
        rank() over (partition by dimension order by customers desc) as customers_rank,
        {{ c360_safe_divide('customers', 'sum(customers) over (partition by dimension)') }} as share_of_customers,
        total_ltv,
        {{ c360_safe_divide('total_ltv', 'customers') }} as avg_ltv,
        {{ c360_safe_divide('total_ltv', 'sum(total_ltv) over (partition by dimension)') }} as share_of_ltv
    from segment_groups
),

final as (
    select
        dimension,
        dimension_value,
        dimension_group,
        customers,
        customers_rank,
        share_of_customers,
        total_ltv,
        avg_ltv,
        share_of_ltv,
        {{ c360_safe_divide('share_of_ltv', 'share_of_customers') }} as ltv_index
    from shares
)

select * from final
order by 1 desc, 5 asc, 2 asc -- dimension, customers_rank, dimension_value
