{{ config(
    tags=['kpi', 'customers'],
    partition_by=({'field': 'cohort_month', 'data_type': 'date', 'granularity': 'month'} if target.type == 'bigquery' else none),
    cluster_by=(['acquisition_channel'] if target.type == 'bigquery' else none)
) }}

-- grain: signup month x acquisition channel. avg_ltv = total ltv / customers in the cell

with

customers as (
    select * from {{ ref('int_customers__value_segmented') }}
),

final as (
    select
        signup_month as cohort_month,
        acquisition_channel,
        count(*) as customers,
        {{ c360_count('sum(case when ltv > 0 then 1 else 0 end)') }} as paying_customers,
        {{ c360_money('sum(ltv)') }} as total_ltv,
        {{ c360_money(c360_safe_divide('sum(ltv)', 'count(*)')) }} as avg_ltv
    from customers
    group by signup_month, acquisition_channel
)

select * from final
