{{ config(alias='support__tickets', tags=['support']) }}

{#-
    The helpdesk exports opened/resolved times as local-time strings with a UTC offset
    ('2024-03-05 14:22:10+05:30'); staging converts them to UTC. Tickets follow the customers' lifetimes
    (c360_activity_ctes: any customer, with a skew). A ticket whose resolution would fall after the window
    is still pending at its end (no resolution time, no score).
    Resolution times are skewed short (most within hours, a tail of days); open and pending tickets have
    no resolution time; 70% of resolved or closed tickets carry a 1-5 satisfaction score.
-#}
{%- set offsets = {'+00:00': 0, '-05:00': -18000, '+01:00': 3600, '+05:30': 19800} %}

with

spine as (
    {{ c360_series(c360_rows('num_tickets_multiplier')) }}
),

keyed as (
    select
        row_num,
        row_num as activity_key,
        {{ c360_hash('row_num', 'ticket.status') }} as h_status,
        {{ c360_hash('row_num', 'ticket.resolution') }} as h_resolution,
        {{ c360_hash('row_num', 'ticket.score') }} as h_score,
        {{ c360_hash('row_num', 'ticket.zone') }} as h_zone
    from spine
),

{{ c360_activity_ctes('ticket', 10, 10) }},

opened as (
    select
        activity_timed.*,
        activity_timed.activity_offset as opened_offset,
        {{ c360_pick_weighted('activity_timed.h_status', c360_catalog('ticket_statuses')) }} as drawn_status,
        activity_timed.activity_offset + 900 + {{ c360_skewed_index('activity_timed.h_resolution', 604800) }}
            as drawn_resolved_offset,
        {{ c360_pick_weighted('activity_timed.h_zone', c360_catalog('utc_offsets')) }} as utc_offset
    from activity_timed
),

resolved as (
    select
        opened.*,
        case
            when
                opened.drawn_status in ('resolved', 'closed')
                and opened.drawn_resolved_offset >= {{ c360_span_seconds() }}
                then 'pending'
            else opened.drawn_status
        end as ticket_status,
        case
            when
                opened.drawn_status in ('resolved', 'closed')
                and opened.drawn_resolved_offset < {{ c360_span_seconds() }}
                then opened.drawn_resolved_offset
        end as resolved_offset,
        case
            {%- for zone, seconds in offsets.items() %}
                when opened.utc_offset = '{{ zone }}' then {{ seconds }}
            {%- endfor %}
        end as utc_offset_seconds
    from opened
),

final as (
    select
        row_num + 1 as ticket_id,
        customer_row + 1 as customer_id,
        ticket_status,
        {{ c360_pick_weighted(c360_div('h_status', 1000), c360_catalog('ticket_priorities')) }} as priority,
        {{ c360_pick_weighted(c360_div('h_zone', 1000), c360_catalog('ticket_channels')) }} as contact_channel,
        {{ c360_format_timestamp(c360_offset_to_timestamp('opened_offset + utc_offset_seconds')) }}
        || utc_offset as opened_at,
        case
            when resolved_offset is not null
                then
                    {{ c360_format_timestamp(c360_offset_to_timestamp('resolved_offset + utc_offset_seconds')) }}
                    || utc_offset
        end as resolved_at,
        case
            when resolved_offset is not null and mod(h_score, 10) < 7
                then case
                    when mod({{ c360_div('h_score', 10) }}, 100) < 5 then 1
                    when mod({{ c360_div('h_score', 10) }}, 100) < 15 then 2
                    when mod({{ c360_div('h_score', 10) }}, 100) < 35 then 3
                    when mod({{ c360_div('h_score', 10) }}, 100) < 70 then 4
                    else 5
                end
        end as satisfaction_score,
        {{ c360_offset_to_timestamp('coalesce(resolved_offset, opened_offset) + 120') }} as _loaded_at
    from resolved
)

{{ c360_with_faults('support__tickets', 'final') }}
