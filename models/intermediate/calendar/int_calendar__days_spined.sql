{{ config(tags=['calendar']) }}

-- one row per day of the data window [start_date, end_date], plus one day per later generator batch
{%- set days = c360_num_days() + c360_batch() - 1 %}

with

day_numbers as (
    {{ c360_series(days) }}
),

days as (
    select
        {{ c360_add_days("cast('" ~ var('start_date') ~ "' as date)", 'row_num') }} as calendar_date
    from day_numbers
),

final as (
    select
        calendar_date,
        {{ c360_week_start('calendar_date') }} as week_start,
        {{ c360_month_start('calendar_date') }} as month_start
    from days
)

select * from final
