{{ config(
    tags=['kpi', 'marketing'],
    partition_by=({'field': 'month_start', 'data_type': 'date', 'granularity': 'month'} if target.type == 'bigquery' else none),
    cluster_by=(['channel_code'] if target.type == 'bigquery' else none)
) }}

-- grain: channel x month. cac = spend / customers acquired (null when none acquired)

with

channel_months as (
    select * from {{ ref('int_marketing__channel_months_joined') }}
),

final as (
    select
        month_start,
        channel_code,
        is_paid,
        {{ c360_money('spend_amount') }} as spend_amount,
        customers_acquired,
        {{ c360_money(c360_safe_divide('spend_amount', 'customers_acquired')) }} as cac
    from channel_months
)

select * from final
