{{ config(alias='billing__subscriptions', tags=['billing']) }}

{#-
    Subscriptions follow the customers' lifetimes (c360_activity_ctes): 5 of every 10 customers ever
    subscribe, some more than once; most subscribe early in their life; 40% are cancelled after 1-9
    thirty-day cycles, when that falls inside the window, and every subscription of a customer who
    leaves ends when they leave (c360_lifetime_end_offset); the rest are active at the window's end.
    Later batches (macros/generator/batches.sql): every subscription active at the window's end changes
    once, in batch 2 + (hash mod 100), i.e. 1% per later day: basic and plus plans are upgraded half of the
    time (the row is cancelled and a new subscription of the next tier starts at the same instant,
    subscription_id = base rows + row), the others are cancelled. Half of the customers a later batch adds
    subscribe at signup (subscription_id = 2 * base rows + new customer index + 1). Changes arrive as new
    versions of the same subscription_id, updated and loaded that day.
-#}
{%- set batch = c360_batch() %}
{%- set subscription_rows = c360_rows('num_subscriptions_multiplier') %}
{%- set prices = c360_catalog('plan_prices') %}

with

spine as (
    {{ c360_series(subscription_rows) }}
),

keyed as (
    select
        row_num,
        row_num as activity_key,
        {{ c360_hash('row_num', 'subscription.plan') }} as h_plan,
        {{ c360_hash('row_num', 'subscription.cancel') }} as h_cancel
    from spine
),

{{ c360_activity_ctes('subscription', 10, 5) }},

started as (
    select
        activity_timed.*,
        activity_timed.activity_offset as started_offset,
        {{ c360_pick_weighted('activity_timed.h_plan', c360_catalog('plans')) }} as plan_code
    from activity_timed
),

ended as (
    select
        started.*,
        case
            -- 40% are cancelled after 1-9 thirty-day cycles (when that falls inside the window) ...
            when
                mod(started.h_cancel, 100) < 40
                and started.started_offset + 2592000 * (1 + mod({{ c360_div('h_cancel', 100) }}, 9))
                < least(started.lifetime_end_offset, {{ c360_span_seconds() }})
                then started.started_offset + 2592000 * (1 + mod({{ c360_div('h_cancel', 100) }}, 9))
            -- ... and a customer who leaves cancels every subscription that instant
            when started.lifetime_end_offset < {{ c360_span_seconds() }} then started.lifetime_end_offset
        end as ended_offset
    from started
),

-- every version as offsets; `final` formats base and later-batch rows alike
base_rows as (
    select
        row_num + 1 as subscription_id,
        customer_row + 1 as customer_id,
        plan_code,
        started_offset,
        ended_offset,
        coalesce(ended_offset, started_offset) as updated_offset
    from ended
),
{%- if batch > 1 %}

changes as (
    select
        ended.*,
        2 + mod({{ c360_hash('row_num', 'subscription.change_batch') }}, 100) as change_batch,
        {{ c360_hash('row_num', 'subscription.change') }} as h_change
    from ended
    where ended.ended_offset is null
),

changes_timed as (
    select
        changes.*,
        {{ c360_batch_day_offset('change_batch') }} + mod({{ c360_div('h_change', 2) }}, 82800) as changed_offset,
        case
            when mod(h_change, 2) = 0 and plan_code like 'basic%' then replace(plan_code, 'basic', 'plus')
            when mod(h_change, 2) = 0 and plan_code like 'plus%' then replace(plan_code, 'plus', 'premium')
        end as upgraded_plan_code
    from changes
    where change_batch <= {{ batch }}
),

-- customers created by later batches: half subscribe when they sign up
new_subscribers as (
    select
        row_num,
        {{ c360_rows() }} + row_num as customer_row
    from ({{ c360_series((batch - 1) * c360_batch_rows()) }}) as new_customer_spine
),

new_subscribers_timed as (
    select
        new_subscribers.*,
        {{ c360_new_customer_signup_offset('customer_row') }} as started_offset,
        {{ c360_hash('customer_row', 'subscription.batch_plan') }} as h_new_plan
    from new_subscribers
),

batch_rows as (
    -- the ended version of every changed subscription
    select
        row_num + 1 as subscription_id,
        customer_row + 1 as customer_id,
        plan_code,
        started_offset,
        changed_offset as ended_offset,
        changed_offset as updated_offset
    from changes_timed
    union all
    -- the next tier an upgrade starts
    select
        {{ subscription_rows }} + row_num + 1 as subscription_id,
        customer_row + 1 as customer_id,
        upgraded_plan_code as plan_code,
        changed_offset as started_offset,
        null as ended_offset,
        changed_offset as updated_offset
    from changes_timed
    where upgraded_plan_code is not null
    union all
    select
        {{ 2 * subscription_rows }} + row_num + 1 as subscription_id,
        customer_row + 1 as customer_id,
        {{ c360_pick_weighted(c360_div('h_new_plan', 2), c360_catalog('plans')) }} as plan_code,
        started_offset,
        null as ended_offset,
        started_offset as updated_offset
    from new_subscribers_timed
    where mod(h_new_plan, 2) = 0
),

{%- endif %}

all_rows as (
    {%- set union_columns = [
        'subscription_id',
        'customer_id',
        'plan_code',
        'started_offset',
        'ended_offset',
        'updated_offset',
    ] %}
    {{- c360_union_by_name(['base_rows', 'batch_rows'] if batch > 1 else ['base_rows'], union_columns) }}
),

final as (
    select
        subscription_id,
        customer_id,
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
        {{ c360_offset_to_timestamp('updated_offset') }} as updated_at,
        {{ c360_offset_to_timestamp('updated_offset + 600') }} as _loaded_at
    from all_rows
)

{{ c360_with_faults('billing__subscriptions', 'final') }}
