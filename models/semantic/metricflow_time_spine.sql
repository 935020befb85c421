{{ config(tags=['semantic']) }}

-- MetricFlow's day-grain time spine: one row per day of the data window (the project calendar)

with

calendar as (
    select * from {{ ref('int_calendar__days_spined') }}
),

final as (
    select calendar_date as date_day
    from calendar
)

select * from final
