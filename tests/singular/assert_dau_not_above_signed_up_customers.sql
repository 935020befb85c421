{{ config(tags=['reconciliation', 'kpi', 'analytics']) }}

{#-
    Asserts that on every day of kpi_daily_active_users, daily_active_users is at most the number of
    customers who had signed up by that day (signed_up_on <= day), counted here directly from
    dim_customers rather than from the KPI's own customers_signed_up_to_date column.
    That bound is loose (a day's active users are a small share of all signed-up customers), so a
    second, tight form of the same invariant is checked too: daily_active_users is at most the number of
    customers who had signed up by that day AND have an event in fct_events that day. Both hold because
    a customer cannot be active before signing up; they fail on events dated before signup, events of
    customers unknown to dim_customers, or a DAU that counts events or journeys instead of distinct
    customers. Returns the offending days, one row per failed check.
-#}

with

daily_active_users as (
    select * from {{ ref('kpi_daily_active_users') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

events as (
    select * from {{ ref('fct_events') }}
),

signed_up_by_day as (
    select
        daily_active_users.activity_date,
        count(customers.customer_id) as customers_signed_up
    from daily_active_users
    left join customers
        on daily_active_users.activity_date >= customers.signed_up_on
    group by daily_active_users.activity_date
),

signed_up_and_active_by_day as (
    select
        events.occurred_on as activity_date,
        count(distinct events.customer_id) as customers_signed_up_and_active
    from events
    inner join customers
        on
            events.customer_id = customers.customer_id
            and events.occurred_on >= customers.signed_up_on
    group by events.occurred_on
),

compared as (
    select
        daily_active_users.activity_date,
        daily_active_users.daily_active_users,
        signed_up_by_day.customers_signed_up,
        coalesce(signed_up_and_active_by_day.customers_signed_up_and_active, 0) as customers_signed_up_and_active
    from daily_active_users
    inner join signed_up_by_day
        on daily_active_users.activity_date = signed_up_by_day.activity_date
    left join signed_up_and_active_by_day
        on daily_active_users.activity_date = signed_up_and_active_by_day.activity_date
),

final as (
    select
        'dau_above_customers_signed_up' as check_name,
        activity_date,
        daily_active_users,
        customers_signed_up as bound
    from compared
    where daily_active_users > customers_signed_up
    union all
    select
        'dau_above_signed_up_customers_active_that_day' as check_name,
        activity_date,
        daily_active_users,
        customers_signed_up_and_active as bound
    from compared
    where daily_active_users > customers_signed_up_and_active
)

select * from final
