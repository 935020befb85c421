{{ config(tags=['kpi', 'marketing']) }}

{#- grain: one row per channel over the whole window.
    cac = total spend / customers acquired; avg_ltv = total ltv / customers acquired;
    ltv_to_cac = avg_ltv / cac (null for channels without spend). -#}

with

channel_months as (
    select * from {{ ref('int_marketing__channel_months_joined') }}
),

customers as (
    select * from {{ ref('int_customers__value_segmented') }}
),

spend as (
    select
        channel_code,
        is_paid,
        sum(spend_amount) as total_spend,
        sum(customers_acquired) as customers_acquired
    from channel_months
    group by channel_code, is_paid
),

value as (
    select
        acquisition_channel as channel_code,
        sum(ltv) as total_ltv
    from customers
    group by acquisition_channel
),

final as (
    select
        spend.channel_code,
        spend.is_paid,
        {{ c360_money('spend.total_spend') }} as total_spend,
        {{ c360_count('spend.customers_acquired') }} as customers_acquired,
        {{ c360_money('coalesce(value.total_ltv, 0)') }} as total_ltv,
        {{ c360_money(c360_safe_divide('spend.total_spend', 'spend.customers_acquired')) }} as cac,
        {{ c360_money(c360_safe_divide('coalesce(value.total_ltv, 0)', 'spend.customers_acquired')) }} as avg_ltv,
        {{ c360_rounded(c360_safe_divide(
            c360_safe_divide('coalesce(value.total_ltv, 0)', 'spend.customers_acquired'),
            c360_safe_divide('spend.total_spend', 'spend.customers_acquired')
        ), 2) }} as ltv_to_cac
    from spend
    left join value
        on spend.channel_code = value.channel_code
)

select * from final
