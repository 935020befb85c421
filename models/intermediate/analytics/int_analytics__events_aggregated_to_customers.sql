{{ config(materialized='table', tags=['analytics']) }}

with

events as (
    select * from {{ ref('stg_analytics__events') }}
),

final as (
    select
        customer_id,
        count(distinct journey_id) as total_journeys,
        count(*) as total_events,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(distinct occurred_on) as active_days,
        {{ c360_safe_divide('count(*)', 'count(distinct journey_id)') }} as avg_events_per_journey,
        sum(case when event_domain = 'user' then 1 else 0 end) as user_domain_events,
        sum(case when event_domain = 'credit_card' then 1 else 0 end) as credit_card_domain_events,
        sum(case when event_domain = 'commerce' then 1 else 0 end) as commerce_domain_events,
        sum(case when event_domain = 'support' then 1 else 0 end) as support_domain_events
    from events
    group by customer_id
)

select * from final
