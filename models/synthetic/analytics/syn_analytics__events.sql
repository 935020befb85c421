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
{#- journeys 2b and 2b + 1 share the block of rows 6b .. 6b + 5 #}
{%- set blocks = (base_events + 5) // 6 %}
{%- set event_types = c360_catalog('event_types') %}

with

block_spine as (
    {{ c360_series(blocks) }}
),

pair_spine as (
    {{ c360_series(2) }}
),

slot_spine as (
    {{ c360_series(6) }}
),

block_rows as (
    select
        row_num as block_row,
        row_num * 6 as row_0,
        row_num * 6 + 1 as row_1,
        row_num * 6 + 2 as row_2,
        row_num * 6 + 3 as row_3,
        row_num * 6 + 4 as row_4,
        row_num * 6 + 5 as row_5
    from block_spine
),

-- split_k: the block's row 6b + k belongs to journey 2b + split_k
block_split as (
    select
        block_rows.block_row,
        mod({{ c360_hash('block_rows.row_0', 'event.journey_split') }}, 2) as split_0,
        mod({{ c360_hash('block_rows.row_1', 'event.journey_split') }}, 2) as split_1,
        mod({{ c360_hash('block_rows.row_2', 'event.journey_split') }}, 2) as split_2,
        mod({{ c360_hash('block_rows.row_3', 'event.journey_split') }}, 2) as split_3,
        mod({{ c360_hash('block_rows.row_4', 'event.journey_split') }}, 2) as split_4,
        mod({{ c360_hash('block_rows.row_5', 'event.journey_split') }}, 2) as split_5
    from block_rows
),

-- bit k of split_mask is split_k
block_masked as (
    select
        block_split.block_row,
        block_split.split_0 + 2 * block_split.split_1 + 4 * block_split.split_2 + 8 * block_split.split_3
        + 16 * block_split.split_4 + 32 * block_split.split_5 as split_mask
    from block_split
),

-- member_mask: the rows of the block journey_key holds (bit k: row 6b + k), short of the base events' end
journey_keys as (
    select
        block_masked.block_row,
        block_masked.block_row * 2 + pair_spine.row_num as journey_key,
        (case when pair_spine.row_num = 1 then block_masked.split_mask else 63 - block_masked.split_mask end)
        {%- if base_events % 6 %}
            & (case when block_masked.block_row = {{ blocks - 1 }} then {{ 2 ** (base_events % 6) - 1 }} else 63 end)
        {%- endif %} as member_mask
    from block_masked
    cross join pair_spine
),

journeys as (
    select
        journey_keys.*,
        {{ c360_hash('journey_keys.journey_key', 'journey.domain') }} as h_journey_domain
    from journey_keys
),

keyed as (
    select
        journeys.*,
        journeys.journey_key as activity_key,
        {{ c360_pick_weighted('journeys.h_journey_domain', c360_catalog('domains')) }} as journey_domain
    from journeys
),

-- the journey's customer and start, once per journey (not once per event)
{{ c360_activity_ctes('journey', 20, 17) }},

slots as (
    select
        row_num as slot,
        cast(power(2, row_num) as {{ dbt.type_bigint() }}) as slot_bit
    from slot_spine
),

-- what the events need of their journey; events fall within 30 minutes of its start, before active_until
journey_timed as (
    select
        activity_timed.block_row,
        activity_timed.member_mask,
        activity_timed.journey_key,
        activity_timed.journey_domain,
        activity_timed.customer_row,
        activity_timed.activity_offset,
        least(1800, activity_timed.active_until_offset - activity_timed.activity_offset + 1) as occurred_room
    from activity_timed
),

-- a journey's events: the rows of its block its member_mask names
expanded as (
    select
        journey_timed.*,
        journey_timed.block_row * 6 + slots.slot as row_num
    from journey_timed
    cross join slots
    where (journey_timed.member_mask & slots.slot_bit) > 0
),

hashed as (
    select
        expanded.*,
        {{ c360_hash('expanded.row_num', 'event.type') }} as h_event_type,
        {{ c360_hash('expanded.row_num', 'event.time') }} as h_time
    from expanded
),

occurred as (
    select
        hashed.*,
        hashed.activity_offset + mod(hashed.h_time, hashed.occurred_room) as occurred_offset
    from hashed
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
