{{ config(alias='analytics__events', tags=['analytics']) }}

{#-
    Events come in journeys. Each block of 6 consecutive rows is split at random between two journey
    keys, so journeys hold 0-6 events (about 3 on average). A journey has one customer, one domain and a
    start time, all functions of its key. 85% of customers (a fixed permutation) have events; the other
    15% never appear in analytics. Events fall within 30 minutes of the journey start.
-#}
{%- set event_customers = [((c360_rows() * 0.85) + 0.5) | int, 1] | max %}
{%- set event_types = c360_catalog('event_types') %}

with

spine as (
    {{ c360_series(c360_rows('num_events_multiplier')) }}
),

hashed as (
    select
        row_num,
        {{ c360_div('row_num', 6) }} * 2 + mod({{ c360_hash('row_num', 701) }}, 2) as journey_key,
        {{ c360_hash('row_num', 702) }} as h_event_type,
        {{ c360_hash('row_num', 703) }} as h_time
    from spine
),

journeys as (
    select
        hashed.*,
        {{ c360_hash('journey_key', 711) }} as h_journey_customer,
        {{ c360_hash('journey_key', 712) }} as h_journey_domain,
        {{ c360_hash('journey_key', 713) }} as h_journey_start
    from hashed
),

keyed as (
    select
        journeys.*,
        {{ c360_permute('mod(h_journey_customer, ' ~ event_customers ~ ')', c360_rows(), 2) }} as customer_row,
        {{ c360_pick_weighted('h_journey_domain', c360_catalog('domains')) }} as journey_domain
    from journeys
),

{{ c360_customer_timeline_ctes() }},

final as (
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
        {{ c360_offset_to_timestamp(
            'least(' ~ c360_offset_between('h_journey_start', 'signup_offset', 'active_until_offset')
            ~ ' + mod(h_time, 1800), ' ~ (c360_span_seconds() - 1) ~ ')'
        ) }} as occurred_at,
        {{ c360_offset_to_timestamp(
            'least(' ~ c360_offset_between('h_journey_start', 'signup_offset', 'active_until_offset')
            ~ ' + mod(h_time, 1800), ' ~ (c360_span_seconds() - 1) ~ ') + 60 + mod(' ~ c360_div('h_time', 2048) ~ ', 3600)'
        ) }} as _loaded_at
    from customer_timed
)

select * from final
