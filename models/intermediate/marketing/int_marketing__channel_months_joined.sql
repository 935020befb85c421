{{ config(tags=['marketing']) }}

-- every channel x month of the window with its spend and the customers it acquired that month

with

channels as (
    select * from {{ ref('channels') }}
),

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
),

spend as (
    select * from {{ ref('stg_marketing__spend') }}
),

customers as (
    select * from {{ ref('int_customers__profiles_joined') }}
),

months as (
    select distinct month_start from calendar
),

spend_per_month as (
    select
        channel_code,
        {{ c360_month_start('spend_date') }} as month_start,
        sum(spend_amount) as spend_amount
    from spend
    group by 1, 2
),

acquisitions_per_month as (
    select
        acquisition_channel as channel_code,
        signup_month as month_start,
        count(*) as customers_acquired
    from customers
    group by 1, 2
),

final as (
    select
        months.month_start,
        channels.channel_code,
        channels.is_paid,
        coalesce(spend_per_month.spend_amount, 0) as spend_amount,
        coalesce(acquisitions_per_month.customers_acquired, 0) as customers_acquired
    from months
    cross join channels
    left join spend_per_month
        on
            channels.channel_code = spend_per_month.channel_code
            and months.month_start = spend_per_month.month_start
    left join acquisitions_per_month
        on
            channels.channel_code = acquisitions_per_month.channel_code
            and months.month_start = acquisitions_per_month.month_start
)

select * from final
