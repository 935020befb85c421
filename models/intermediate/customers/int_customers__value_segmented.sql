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

customer_count as (
    select count(*) as customer_count
    from customers
),

-- the global sort runs on two narrow columns, not on the wide customer rows
ltv_ranks as (
    select
        customer_id,
        row_number() over (order by ltv desc, customer_id asc) as ltv_rank
    from customers
),

ranked as (
    select
        customers.*,
        ltv_ranks.ltv_rank,
        customer_count.customer_count
    from customers
    inner join ltv_ranks
        on customers.customer_id = ltv_ranks.customer_id
    cross join customer_count
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
