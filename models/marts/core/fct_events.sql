{{ config(
    tags=['core', 'analytics'],
    materialized='incremental',
    incremental_strategy=c360_incremental_strategy(),
    unique_key='event_id',
    on_schema_change='fail',
    partition_by=({'field': 'occurred_on', 'data_type': 'date', 'granularity': 'day'} if target.type == 'bigquery' else none),
    cluster_by=(['customer_id'] if target.type == 'bigquery' else none)
) }}

{#- incremental: the events loaded since the last run (macros/utils/incremental.sql); an added or
    removed column needs a --full-refresh (on_schema_change fail: never a half-filled column) -#}
{%- set staged_events = ref('stg_analytics__events') %}

with

events as (
    select * from {{ staged_events }}
    {%- if c360_is_incremental() %}
    where {{ c360_incremental_changed_rows('event_id', 'loaded_at', [[staged_events, 'event_id', 'loaded_at']]) }}
    {%- endif %}
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
        events.occurred_on,
        events.loaded_at
    from events
    left join event_types
        on events.event_type = event_types.event_type
)

select * from final
