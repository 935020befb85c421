{{ config(tags=['reconciliation', 'kpi', 'billing', 'customer_360']) }}

{#-
    Asserts that on the window's last day (var end_date) kpi_daily_mrr agrees with the subscription state
    that customer_360 reports:
      mrr                  = sum(customer_360.current_mrr)            (each side rounded to cents: within
                                                                      half a cent per summed value)
      active_subscriptions = count of subscriptions with status 'active'
    plus the KPI's own definition recomputed directly, without the running sum: mrr and
    active_subscriptions = sum(mrr_amount) and count of subscriptions with
    started_on <= end_date < coalesce(ended_on, after the window).

    Why the first two are equal: the KPI counts a subscription on days started_on <= day < ended_on, so
    one that ended on end_date itself (raw status 'cancelled') is already out on end_date, exactly as
    current_mrr (status 'active' only) leaves it out. This relies on the raw contract that status is
    'active' exactly when ended_at is null and that no ended_at lies after end_date (true of the
    generator, whose cancellations fall strictly inside the window), and that every subscriber is a
    staged customer. A failure of those two rows alone, with the third passing, means status and dates
    disagree. Returns one row per check that fails (or a missing last-day KPI row).
-#}

with

daily_mrr as (
    select * from {{ ref('kpi_daily_mrr') }}
),

customer_360 as (
    select * from {{ ref('customer_360') }}
),

subscriptions as (
    select * from {{ ref('int_billing__subscriptions_enriched') }}
),

as_of as (
    select {{ c360_as_of_date() }} as as_of_date
),

last_day as (
    select
        as_of.as_of_date,
        daily_mrr.mrr,
        daily_mrr.active_subscriptions
    from as_of
    left join daily_mrr
        on as_of.as_of_date = daily_mrr.mrr_date
),

customer_mrr as (
    select
        coalesce(sum(current_mrr), 0) as current_mrr,
        count(*) as customers
    from customer_360
),

active_by_status as (
    select count(*) as active_subscriptions
    from subscriptions
    where subscription_status = 'active'
),

active_by_dates as (
    select
        coalesce(sum(subscriptions.mrr_amount), 0) as mrr,
        count(*) as active_subscriptions
    from subscriptions
    cross join as_of
    where
        subscriptions.started_on <= as_of.as_of_date
        and (subscriptions.ended_on is null or subscriptions.ended_on > as_of.as_of_date)
),

-- one row per check: the KPI's last-day value against each expectation
comparisons as (
    {#- [name, KPI value, expected value, allowed difference (money is rounded to cents)] -#}
    {%- for check in [
        ['mrr_vs_customer_360_current_mrr', 'last_day.mrr', 'customer_mrr.current_mrr',
            '0.005 * (customer_mrr.customers + 1)'],
        ['active_subscriptions_vs_status_active', 'last_day.active_subscriptions',
            'active_by_status.active_subscriptions', '0'],
        ['mrr_vs_subscriptions_active_by_dates', 'last_day.mrr', 'active_by_dates.mrr', '0.005'],
        ['active_subscriptions_vs_active_by_dates', 'last_day.active_subscriptions',
            'active_by_dates.active_subscriptions', '0'],
    ] %}
        select
            '{{ check[0] }}' as check_name,
            cast({{ check[1] }} as {{ c360_type_double() }}) as kpi_value,
            cast({{ check[2] }} as {{ c360_type_double() }}) as expected_value,
            cast({{ check[3] }} as {{ c360_type_double() }}) as allowed_difference
        from last_day
        cross join customer_mrr
        cross join active_by_status
        cross join active_by_dates
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        check_name,
        kpi_value,
        expected_value,
        kpi_value - expected_value as difference
    from comparisons
    where
        kpi_value is null
        or abs(kpi_value - expected_value) > allowed_difference + 1e-9 * greatest(abs(expected_value), 1)
)

select * from final
