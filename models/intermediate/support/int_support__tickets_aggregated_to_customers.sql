{{ config(materialized='table', tags=['support']) }}

{#- median_resolution_hours is the exact median over the customer's resolved tickets (c360_exact_median:
    window functions, so both engines give the same value; no approximate quantiles). -#}

with

tickets as (
    select * from {{ ref('stg_support__tickets') }}
),

resolution_times as (
    select
        customer_id,
        {{ c360_seconds_between('opened_at', 'resolved_at') }} / 3600.0 as resolution_hours
    from tickets
    where resolved_at is not null
),

median_resolutions as (
    {{ c360_exact_median('resolution_times', 'customer_id', 'resolution_hours', 'median_resolution_hours') }}
),

ticket_counts as (
    select
        customer_id,
        count(*) as total_tickets,
        sum(case when ticket_status in ('open', 'pending') then 1 else 0 end) as open_tickets,
        avg(satisfaction_score) as avg_satisfaction_score,
        max(opened_at) as last_ticket_opened_at
    from tickets
    group by customer_id
),

final as (
    select
        ticket_counts.customer_id,
        ticket_counts.total_tickets,
        ticket_counts.open_tickets,
        median_resolutions.median_resolution_hours,
        ticket_counts.avg_satisfaction_score,
        ticket_counts.last_ticket_opened_at
    from ticket_counts
    left join median_resolutions
        on ticket_counts.customer_id = median_resolutions.customer_id
)

select * from final
