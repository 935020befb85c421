{{ config(alias='marketing__attributions', tags=['marketing']) }}

{#- One signup attribution per customer: the channel that acquired them, at their signup time (also for
    the customers later batches add). -#}
{%- set batch = c360_batch() %}

with

spine as (
    {{ c360_series(c360_customers_through_batch(batch)) }}
),

hashed as (
    select
        row_num,
        {{ c360_any_signup_offset('row_num') }} as signup_offset,
        {{ c360_hash('row_num', 'attribution.channel') }} as h_channel
    from spine
),

final as (
    select
        row_num + 1 as attribution_id,
        row_num + 1 as customer_id,
        {{ c360_pick_weighted('h_channel', c360_catalog('channels')) }} as channel_code,
        {{ c360_pick_weighted('h_channel', c360_catalog('channels')) }}
        || '_campaign_' || cast(mod({{ c360_div('h_channel', 100) }}, 5) + 1 as {{ dbt.type_string() }}) as campaign,
        {{ c360_offset_to_timestamp('signup_offset') }} as attributed_at,
        {{ c360_offset_to_timestamp('signup_offset + 7200') }} as _loaded_at
    from hashed
)

{{ c360_with_faults('marketing__attributions', 'final') }}
