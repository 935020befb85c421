{{ config(
    tags=['core', 'commerce'],
    materialized='incremental',
    incremental_strategy=c360_incremental_strategy(),
    unique_key='order_id',
    on_schema_change='fail',
    partition_by=({'field': 'ordered_on', 'data_type': 'date', 'granularity': 'day'} if target.type == 'bigquery' else none),
    cluster_by=(['customer_id'] if target.type == 'bigquery' else none)
) }}

{#- incremental: orders whose order row or items were loaded since the last run (their loaded_at in
    int_commerce__orders_priced is the newer of the two; macros/utils/incremental.sql) -#}
{%- set priced_orders = ref('int_commerce__orders_priced') %}

with

orders as (
    select * from {{ priced_orders }}
    {%- if c360_is_incremental() %}
    where {{ c360_incremental_changed_rows('order_id', 'loaded_at', [[priced_orders, 'order_id', 'loaded_at']]) }}
    {%- endif %}
),

final as (
    select
        order_id,
        customer_id,
        order_status,
        order_channel,
        counts_as_revenue,
        ordered_at,
        ordered_on,
        refunded_at,
        refunded_on,
        item_count,
        {{ c360_count('units') }} as units,
        {{ c360_money('gross_amount') }} as gross_amount,
        {{ c360_money('discount_amount') }} as discount_amount,
        {{ c360_money('refund_amount') }} as refund_amount,
        {{ c360_money('net_amount') }} as net_amount,
        loaded_at
    from orders
)

select * from final
