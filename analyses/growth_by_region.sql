-- question: how many new customers does each region sign up per month, how fast is that growing month
-- over month, and which regions grow fastest in the last 6 months of the window vs the 6 months before?
-- grain: one row per region x signup month of the data window (var start_date .. end_date; months with no
-- signups show 0). mom_growth_rate = (new - previous month's new) / previous month's new, null when the
-- previous month had none (or for the first month).
-- the region_* columns repeat the region's half-year comparison on every row: last_6_months_new =
-- signups in the window's last 6 months, previous_6_months_new = the 6 months before those,
-- half_year_growth_rate = last / previous - 1; region_growth_rank = 1 is the fastest-growing region.
-- read it: rows come sorted by region_growth_rank, then most recent month first, so the top rows are the
-- fastest-growing region's latest months.
-- the month spine comes from kpi_daily_active_users, which has one row per day of the window.

with

customers as (
    select * from {{ ref('dim_customers') }}
),

window_days as (
    select * from {{ ref('kpi_daily_active_users') }}
),

months as (
    select distinct {{ c360_month_start('activity_date') }} as signup_month
    from window_days
),

regions as (
    select distinct coalesce(region, 'unknown') as region
    from customers
),

signups as (
    select
        coalesce(region, 'unknown') as region,
        signup_month,
        count(*) as new_customers
    from customers
    group by 1, 2
),

region_months as (
    select
        regions.region,
        months.signup_month,
        coalesce(signups.new_customers, 0) as new_customers,
        -- 0 = the window's last month, 1 = the month before, ...
        (extract(year from {{ c360_as_of_date() }}) * 12 + extract(month from {{ c360_as_of_date() }}))
        - (extract(year from months.signup_month) * 12 + extract(month from months.signup_month)) as months_before_end
    from regions
    cross join months
    left join signups
        on
            regions.region = signups.region
            and months.signup_month = signups.signup_month
),

monthly_growth as (
    select
        region,
        signup_month,
        months_before_end,
        new_customers,
        lag(new_customers) over (partition by region order by signup_month) as previous_month_new_customers
    from region_months
),

half_years as (
    select
        region,
        sum(case when months_before_end between 0 and 5 then new_customers else 0 end) as last_6_months_new,
        sum(case when months_before_end between 6 and 11 then new_customers else 0 end) as previous_6_months_new
    from region_months
    group by 1
),

region_growth as (
    select
        region,
        last_6_months_new,
        previous_6_months_new,
        {{ c360_safe_divide('last_6_months_new', 'previous_6_months_new') }} - 1 as half_year_growth_rate
    from half_years
),

ranked_region_growth as (
    select
        region,
        last_6_months_new,
        previous_6_months_new,
        half_year_growth_rate,
        rank() over (
            order by case when half_year_growth_rate is null then 1 else 0 end asc, half_year_growth_rate desc
        ) as region_growth_rank
    from region_growth
),

final as (
    select
        monthly_growth.region,
        monthly_growth.signup_month,
        monthly_growth.new_customers,
        monthly_growth.previous_month_new_customers,
        {{ c360_safe_divide(
            'monthly_growth.new_customers - monthly_growth.previous_month_new_customers',
            'monthly_growth.previous_month_new_customers'
        ) }} as mom_growth_rate,
        ranked_region_growth.last_6_months_new as region_last_6_months_new,
        ranked_region_growth.previous_6_months_new as region_previous_6_months_new,
        ranked_region_growth.half_year_growth_rate as region_half_year_growth_rate,
        ranked_region_growth.region_growth_rank
    from monthly_growth
    inner join ranked_region_growth
        on monthly_growth.region = ranked_region_growth.region
)

select * from final
order by 9 asc, 1 asc, 2 desc -- region_growth_rank, region, signup_month
