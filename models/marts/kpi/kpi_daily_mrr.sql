{{ config(
    tags=['kpi', 'billing'],
    partition_by=({'field': 'mrr_date', 'data_type': 'date', 'granularity': 'month'} if target.type == 'bigquery' else none)
) }}

{#- grain: one row per day. mrr = sum of mrr_amount (price, or price / 12 for annual plans) of the
    subscriptions active that day: started_on <= day < ended_on. Built from daily deltas and a running
    sum, so it never expands subscriptions x days. -#}

with

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
),

subscriptions as (
    select * from {{ ref('int_billing__subscriptions_enriched') }}
),

starts as (
    select
        started_on as change_date,
        count(*) as started_subscriptions,
        sum(mrr_amount) as new_mrr
    from subscriptions
    group by started_on
),

ends as (
    select
        ended_on as change_date,
        count(*) as ended_subscriptions,
        sum(mrr_amount) as churned_mrr
    from subscriptions
    where ended_on is not null
    group by ended_on
),

daily_changes as (
    select
        calendar.calendar_date as mrr_date,
        coalesce(starts.started_subscriptions, 0) as started_subscriptions,
        coalesce(ends.ended_subscriptions, 0) as ended_subscriptions,
        coalesce(starts.new_mrr, 0) as new_mrr,
        coalesce(ends.churned_mrr, 0) as churned_mrr
    from calendar
    left join starts
        on calendar.calendar_date = starts.change_date
    left join ends
        on calendar.calendar_date = ends.change_date
),

final as (
    select
        mrr_date,
        started_subscriptions,
        ended_subscriptions,
        {{ c360_money('new_mrr') }} as new_mrr,
        {{ c360_money('churned_mrr') }} as churned_mrr,
        {{ c360_count(
            'sum(started_subscriptions - ended_subscriptions) over ('
            ~ 'order by mrr_date rows between unbounded preceding and current row)'
        ) }} as active_subscriptions,
        {{ c360_money(
            'sum(new_mrr - churned_mrr) over (order by mrr_date rows between unbounded preceding and current row)'
        ) }} as mrr
    from daily_changes
)

select * from final
