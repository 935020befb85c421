{{ config(tags=['kpi', 'analytics']) }}

{#- grain: signup week (Monday) x weeks since signup, for every week up to the window's last week.
    retained_customers = cohort members with >= 1 event in that week; retention_rate = retained / cohort
    size. Weeks start on Monday on every engine (c360_week_start). -#}

with

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

events as (
    select * from {{ ref('fct_events') }}
),

weeks as (
    select distinct week_start from calendar
),

cohorts as (
    select
        signup_week as cohort_week,
        count(*) as cohort_size
    from customers
    group by signup_week
),

active_weeks as (
    select distinct
        customers.signup_week as cohort_week,
        events.customer_id,
        {{ c360_week_start('events.occurred_on') }} as activity_week
    from events
    inner join customers
        on events.customer_id = customers.customer_id
),

retained as (
    select
        cohort_week,
        activity_week,
        count(*) as retained_customers
    from active_weeks
    group by cohort_week, activity_week
),

final as (
    select
        cohorts.cohort_week,
        {{ c360_div(c360_days_between('cohorts.cohort_week', 'weeks.week_start'), 7) }} as weeks_since_signup,
        weeks.week_start as activity_week,
        cohorts.cohort_size,
        coalesce(retained.retained_customers, 0) as retained_customers,
        {{ c360_rounded(
            c360_safe_divide('coalesce(retained.retained_customers, 0)', 'cohorts.cohort_size'), 4
        ) }} as retention_rate
    from cohorts
    inner join weeks
        on cohorts.cohort_week <= weeks.week_start
    left join retained
        on
            cohorts.cohort_week = retained.cohort_week
            and weeks.week_start = retained.activity_week
)

select * from final
