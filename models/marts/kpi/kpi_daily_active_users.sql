{{ config(
    tags=['kpi', 'analytics'],
    materialized='incremental',
    incremental_strategy=c360_incremental_strategy(),
    unique_key='activity_date',
    on_schema_change='fail',
    partition_by=({'field': 'activity_date', 'data_type': 'date', 'granularity': 'month'} if target.type == 'bigquery' else none)
) }}

-- grain: one row per day of the window. dau = distinct customers with >= 1 event that day;
-- dau_rate = dau / customers signed up by the end of that day
-- incremental: recomputes the days from the newest day - var incremental_lookback_days (late events);
-- the running signup count still reads every customer (small), the events only of the recomputed days
{%- set first_day = c360_incremental_first_day('activity_date') if c360_is_incremental() else none %}

with

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
),

events as (
    select * from {{ ref('fct_events') }}
    {%- if first_day %}
    where occurred_on >= {{ first_day }}
    {%- endif %}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

daily_users as (
    select
        occurred_on as activity_date,
        count(distinct customer_id) as daily_active_users,
        count(*) as events
    from events
    group by occurred_on
),

daily_signups as (
    select
        signed_up_on,
        count(*) as signups
    from customers
    group by signed_up_on
),

daily as (
    select
        calendar.calendar_date as activity_date,
        coalesce(daily_users.daily_active_users, 0) as daily_active_users,
        coalesce(daily_users.events, 0) as events,
        coalesce(daily_signups.signups, 0) as signups,
        {{ c360_count(
            'sum(coalesce(daily_signups.signups, 0)) over ('
            ~ 'order by calendar.calendar_date rows between unbounded preceding and current row)'
        ) }} as customers_signed_up_to_date,
        {{ c360_rounded(c360_safe_divide(
            'coalesce(daily_users.daily_active_users, 0)',
            'sum(coalesce(daily_signups.signups, 0)) over (order by calendar.calendar_date rows between unbounded preceding and current row)'
        ), 4) }} as dau_rate
    from calendar
    left join daily_users
        on calendar.calendar_date = daily_users.activity_date
    left join daily_signups
        on calendar.calendar_date = daily_signups.signed_up_on
),

final as (
    select * from daily
    {%- if first_day %}
    where activity_date >= {{ first_day }}
    {%- endif %}
)

select * from final
