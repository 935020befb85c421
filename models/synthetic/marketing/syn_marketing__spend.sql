{{ config(alias='marketing__spend', tags=['marketing']) }}

{#-
    One row per paid channel per day. Spend tracks expected signups (which grow linearly per day, see
    c360_signup_offset): spend = expected signups that day * channel share * target CAC * (0.7 .. 1.3),
    floored to cents. Organic and referral carry no spend.
-#}
{%- set paid = c360_catalog('paid_channels') %}
{%- set shares = {} %}
{%- set ns = namespace(total=0) %}
{%- for channel in c360_catalog('channels') %}
    {%- set ns.total = ns.total + channel[1] %}
    {%- do shares.update({channel[0]: channel[1]}) %}
{%- endfor %}
{%- set days = c360_num_days() %}

with

spine as (
    {{ c360_series(days * (paid | length)) }}
),

keyed as (
    select
        row_num,
        mod(row_num, {{ paid | length }}) as channel_index,
        {{ c360_div('row_num', paid | length) }} as day_number,
        {{ c360_hash('row_num', 'spend.noise') }} as h_noise
    from spine
),

costed as (
    select
        keyed.*,
        case keyed.channel_index
            {%- for channel in paid %}
                when {{ loop.index0 }} then '{{ channel[0] }}'
            {%- endfor %}
        end as channel_code,
        case keyed.channel_index
            {%- for channel in paid %}
                when {{ loop.index0 }} then {{ shares[channel[0]] / ns.total * channel[1] }}
            {%- endfor %}
        end as share_times_cac
    from keyed
),

final as (
    select
        {{ c360_add_days("cast('" ~ var('start_date') ~ "' as date)", 'day_number') }} as spend_date,
        channel_code,
        cast(floor(
            {{ c360_rows() }} * (2 * day_number + 1) / {{ (days * days) | float }}
            * share_times_cac * (0.7 + 0.6 * {{ c360_unit('h_noise') }}) * 100
        ) / 100.0 as {{ dbt.type_numeric() }}) as spend_amount,
        100 + mod(h_noise, 5000) as impressions,
        'USD' as currency_code,
        {{ c360_offset_to_timestamp('(day_number + 1) * 86400 + 3600') }} as _loaded_at
    from costed
)

{{ c360_with_faults('marketing__spend', 'final') }}
