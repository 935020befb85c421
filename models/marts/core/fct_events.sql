{{ config(
    tags=['core', 'analytics'],
    partition_by=({'field': 'occurred_on', 'data_type': 'date', 'granularity': 'day'} if target.type == 'bigquery' else none),
    cluster_by=(['customer_id'] if target.type == 'bigquery' else none)
) }}

with

events as (
    select * from {{ ref('stg_analytics__events') }}
),

event_types as (
    select * from {{ ref('event_types') }}
),

final as (
    select
        events.event_id,
        events.customer_id,
        events.journey_id,
        events.event_domain,
        events.event_type,
        event_types.event_type is not null as is_known_event_type,
        events.occurred_at,
        events.occurred_on
    from events
    left join event_types
        on events.event_type = event_types.event_type
)

select * from final
