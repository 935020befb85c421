{{ config(materialized='table', tags=['customers']) }}

{#-
    Value ranking over all customers:
      ltv_rank: 1 = highest LTV (ties broken by customer_id)
      is_top_20_percent: ltv > 0 and ltv_rank <= ceil(0.2 * customers)
      value_segment: high_value (ltv >= high_value_threshold), standard (0 < ltv < threshold),
      no_revenue (ltv <= 0)
-#}

with

customers as (
    select * from {{ ref('int_customers__metrics_joined') }}
),

ranked as (
    select
        customers.*,
        row_number() over (order by customers.ltv desc, customers.customer_id asc) as ltv_rank,
        count(*) over () as customer_count
    from customers
),

final as (
    select
        ranked.*,
        ranked.ltv > 0 and ranked.ltv_rank <= {{ c360_div('customer_count * 2 + 9', 10) }} as is_top_20_percent,
        case
            when ranked.ltv >= {{ var('high_value_threshold') }} then 'high_value'
            when ranked.ltv > 0 then 'standard'
            else 'no_revenue'
        end as value_segment
    from ranked
)

select * from final
