{{ config(alias='analytics__events', tags=['analytics']) }}

{#-
    Events come in journeys. Each block of 6 consecutive rows is split at random between two journey
    keys, so journeys hold 0-6 events (about 3 on average). A journey has one customer, one domain and a
    start time, all functions of its key. 85% of customers (a fixed permutation) have events; the other
    15% never appear in analytics. Events fall within 30 minutes of the journey start.
    Each later batch (macros/generator/batches.sql) adds batch_growth_percent % of the base rows, each its
    own journey, for customers existing that day; 10% of them arrive late: they occurred 1-2 days before
    the batch's day and are loaded during it.
-#}
{%- set batch = c360_batch() %}
{%- set base_events = c360_rows('num_events_multiplier') %}
{%- set event_types = c360_catalog('event_types') %}

with

spine as (
    {{ c360_series(c360_rows('num_events_multiplier')) }}
),

hashed as (
    select
        row_num,
        {{ c360_div('row_num', 6) }} * 2 + mod({{ c360_hash('row_num', 'event.journey_split') }}, 2) as journey_key,
        {{ c360_hash('row_num', 'event.type') }} as h_event_type,
        {{ c360_hash('row_num', 'event.time') }} as h_time
    from spine
),

journeys as (
    select
        hashed.*,
        {{ c360_hash('journey_key', 'journey.domain') }} as h_journey_domain
    from hashed
),

keyed as (
    select
        journeys.*,
        journeys.journey_key as activity_key,
        {{ c360_pick_weighted('h_journey_domain', c360_catalog('domains')) }} as journey_domain
    from journeys
),

{{ c360_activity_ctes('journey', 20, 17) }},

occurred as (
    select
        activity_timed.*,
        activity_timed.activity_offset + mod(
            activity_timed.h_time, least(1800, activity_timed.active_until_offset - activity_timed.activity_offset + 1)
        ) as occurred_offset
    from activity_timed
),

events as (
    select
        row_num + 1 as event_id,
        customer_row + 1 as user_id,
        journey_key + 1 as journey_id,
        -- the analytics export names this column domain
        journey_domain as domain,  -- noqa: RF04
        case journey_domain
            {%- for domain_name, types in event_types.items() %}
                when '{{ domain_name }}' then {{ c360_pick_value('h_event_type', types) }}
            {%- endfor %}
        end as event_type,
        {{ c360_offset_to_timestamp('occurred_offset') }} as occurred_at,
        {{ c360_offset_to_timestamp('occurred_offset + 60 + mod(' ~ c360_div('h_time', 2048) ~ ', 3600)') }}
            as _loaded_at
    from occurred
),
{%- if batch > 1 %}

batch_spine as (
    {{ c360_series((batch - 1) * c360_batch_rows('num_events_multiplier')) }}
),

batch_hashed as (
    select
        row_num,
        2 + {{ c360_div('row_num', c360_batch_rows('num_events_multiplier')) }} as batch,
        {{ c360_hash('row_num', 'event.batch_customer') }} as h_batch_customer,
        {{ c360_hash('row_num', 'event.batch_domain') }} as h_batch_domain,
        {{ c360_hash('row_num', 'event.batch_time') }} as h_batch_time,
        {{ c360_hash('row_num', 'event.batch_late') }} as h_batch_late
    from batch_spine
),

batch_keyed as (
    select
        batch_hashed.*,
        {{ c360_batch_customer_row('h_batch_customer', 'batch') }} as customer_row,
        {{ c360_pick_weighted('h_batch_domain', c360_catalog('domains')) }} as journey_domain
    from batch_hashed
),

{{ c360_batch_activity_ctes() }},

-- late: a base customer's event that occurred 1-2 days before the batch's day, loaded during that day
batch_late as (
    select
        batch_timed.*,
        mod(h_batch_late, 10) = 0 and customer_row < {{ (c360_rows() * 0.99) | int }} as is_late
    from batch_timed
),

batch_events as (
    select
        {{ base_events }} + row_num + 1 as event_id,
        customer_row + 1 as user_id,
        {{ (base_events // 6) * 2 + 2 }} + row_num + 1 as journey_id,
        journey_domain as domain,  -- noqa: RF04
        case journey_domain
            {%- for domain_name, types in event_types.items() %}
                when '{{ domain_name }}' then {{ c360_pick_value(c360_div('h_batch_domain', 1000), types) }}
            {%- endfor %}
        end as event_type,
        {{ c360_offset_to_timestamp(
            'case when is_late then activity_offset - 86400 * (1 + mod(' ~ c360_div('h_batch_late', 10)
            ~ ', 2)) else activity_offset end'
        ) }} as occurred_at,
        {{ c360_offset_to_timestamp(
            'case when is_late then activity_offset else activity_offset + 60 + mod('
            ~ c360_div('h_batch_time', 2048) ~ ', 3600) end'
        ) }} as _loaded_at
    from batch_late
),
{%- endif %}

final as (
    {%- set union_columns = [
        'event_id',
        'user_id',
        'journey_id',
        'domain',
        'event_type',
        'occurred_at',
        '_loaded_at',
    ] %}
    {{- c360_union_by_name(['events', 'batch_events'] if batch > 1 else ['events'], union_columns) }}
)

{{ c360_with_faults('analytics__events', 'final') }}
