{{ config(alias='billing__subscriptions', tags=['billing']) }}

{#-
    Half of the customers subscribe (a fixed permutation); rows beyond that are second subscriptions of
    subscribers. 40% of subscriptions are cancelled after 1-9 thirty-day cycles, when that falls inside
    the window; the rest are active at the window's end.
-#}
{%- set subscription_rows = c360_rows('num_subscriptions_multiplier') %}
{%- set subscribers = [[((c360_rows() * 0.5) + 0.5) | int, 1] | max, subscription_rows] | min %}
{%- set prices = c360_catalog('plan_prices') %}

with

spine as (
    {{ c360_series(subscription_rows) }}
),

keyed as (
    select
        row_num,
        {{ c360_permute(
            'case when row_num < ' ~ subscribers ~ ' then row_num else mod(' ~ c360_hash('row_num', 1401) ~ ', ' ~ subscribers ~ ') end',
            c360_rows(), 5
        ) }} as customer_row,
        {{ c360_hash('row_num', 1402) }} as h_time,
        {{ c360_hash('row_num', 1403) }} as h_plan,
        {{ c360_hash('row_num', 1404) }} as h_cancel
    from spine
),

{{ c360_customer_timeline_ctes() }},

started as (
    select
        customer_timed.*,
        {{ c360_offset_between('h_time', 'signup_offset', 'active_until_offset') }} as started_offset,
        {{ c360_pick_weighted('h_plan', c360_catalog('plans')) }} as plan_code
    from customer_timed
),

ended as (
    select
        started.*,
        case
            when
                mod(started.h_cancel, 100) < 40
                and started.started_offset + 2592000 * (1 + mod({{ c360_div('h_cancel', 100) }}, 9))
                < {{ c360_span_seconds() }}
                then started.started_offset + 2592000 * (1 + mod({{ c360_div('h_cancel', 100) }}, 9))
        end as ended_offset
    from started
),

final as (
    select
        row_num + 1 as subscription_id,
        customer_row + 1 as customer_id,
        plan_code,
        case when plan_code like '%annual' then 'year' else 'month' end as billing_interval,
        cast(case plan_code
            {%- for plan, price in prices.items() %}
                when '{{ plan }}' then {{ price }}
            {%- endfor %}
        end as {{ dbt.type_numeric() }}) as price,
        case when ended_offset is null then 'active' else 'cancelled' end as subscription_status,
        {{ c360_offset_to_timestamp('started_offset') }} as started_at,
        case when ended_offset is not null then {{ c360_offset_to_timestamp('ended_offset') }} end as ended_at,
        {{ c360_offset_to_timestamp('coalesce(ended_offset, started_offset)') }} as updated_at,
        {{ c360_offset_to_timestamp('coalesce(ended_offset, started_offset) + 600') }} as _loaded_at
    from ended
)

select * from final
