{{ config(
    tags=['kpi', 'commerce'],
    materialized='incremental',
    incremental_strategy=c360_incremental_strategy(),
    unique_key='revenue_date',
    on_schema_change='fail',
    partition_by=({'field': 'revenue_date', 'data_type': 'date', 'granularity': 'month'} if target.type == 'bigquery' else none)
) }}

-- grain: one row per day. gross = item value of orders placed that day (cancelled excluded);
-- discounts on the same orders; refunds on the day they were refunded; net = gross - discounts - refunds
-- incremental: recomputes the days from the newest day - var incremental_lookback_days
{%- set first_day = c360_incremental_first_day('revenue_date') if c360_is_incremental() else none %}

with

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
    {%- if first_day %}
    where calendar_date >= {{ first_day }}
    {%- endif %}
),

orders as (
    select * from {{ ref('fct_orders') }}
    {%- if first_day %}
    where ordered_on >= {{ first_day }} or refunded_on >= {{ first_day }}
    {%- endif %}
),

placed as (
    select
        ordered_on as revenue_date,
        count(*) as orders,
        sum(gross_amount) as gross_revenue,
        sum(discount_amount) as discounts
    from orders
    where counts_as_revenue
    group by ordered_on
),

refunded as (
    select
        refunded_on as revenue_date,
        count(*) as refunded_orders,
        sum(refund_amount) as refunds
    from orders
    where counts_as_revenue and refund_amount > 0
    group by refunded_on
),

final as (
    select
        calendar.calendar_date as revenue_date,
        coalesce(placed.orders, 0) as orders,
        coalesce(refunded.refunded_orders, 0) as refunded_orders,
        {{ c360_money('coalesce(placed.gross_revenue, 0)') }} as gross_revenue,
        {{ c360_money('coalesce(placed.discounts, 0)') }} as discounts,
        {{ c360_money('coalesce(refunded.refunds, 0)') }} as refunds,
        {{ c360_money(
            'coalesce(placed.gross_revenue, 0) - coalesce(placed.discounts, 0) - coalesce(refunded.refunds, 0)'
        ) }} as net_revenue
    from calendar
    left join placed
        on calendar.calendar_date = placed.revenue_date
    left join refunded
        on calendar.calendar_date = refunded.revenue_date
)

select * from final
