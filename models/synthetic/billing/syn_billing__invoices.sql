{{ config(alias='billing__invoices', tags=['billing']) }}

{#-
    Derived, not multiplied: one invoice per subscription per billing cycle (30 days for monthly plans,
    365 for annual ones) from its start until it ends or the window closes. 95% are paid, 3% failed,
    2% refunded. invoice_id = subscription_id * 1000 + cycle number. Only the subscription versions of
    the base window are invoiced: later batches (generator_batch > 1) add no invoices.
-#}
{%- set max_cycles = (c360_span_seconds() // 2592000) + 1 %}

with

subscriptions as (
    -- planted faults (var fault_rate) are not billed: invoices follow the subscriptions as generated
    {{ c360_unfaulted(ref('syn_billing__subscriptions'), 'billing__subscriptions') }}
),

cycles as (
    {{ c360_series(max_cycles) }}
),

subscription_bounds as (
    select
        subscription_id,
        customer_id,
        price,
        case when billing_interval = 'year' then 31536000 else 2592000 end as cycle_seconds,
        {{ c360_seconds_between(c360_window_start(), 'started_at') }} as started_offset,
        coalesce(
            {{ c360_seconds_between(c360_window_start(), 'ended_at') }}, {{ c360_span_seconds() }}
        ) as ended_offset
    from subscriptions
    -- the base window's versions only (a no-op in batch 1)
    where updated_at < {{ c360_offset_to_timestamp(c360_span_seconds()) }}
),

invoiced as (
    select
        subscription_bounds.subscription_id,
        subscription_bounds.customer_id,
        subscription_bounds.price,
        cycles.row_num as cycle_number,
        subscription_bounds.started_offset + cycles.row_num * subscription_bounds.cycle_seconds as issued_offset
    from subscription_bounds
    inner join cycles
        on
            subscription_bounds.started_offset + cycles.row_num * subscription_bounds.cycle_seconds
            < subscription_bounds.ended_offset
),

final as (
    select
        subscription_id * 1000 + cycle_number + 1 as invoice_id,
        subscription_id,
        customer_id,
        price as amount,
        {{ c360_pick_weighted(
            c360_hash('subscription_id * 1000 + cycle_number', 'invoice.status'), c360_catalog('invoice_statuses')
        ) }}
            as invoice_status,
        {{ c360_offset_to_timestamp('issued_offset') }} as issued_at,
        {{ c360_offset_to_timestamp('issued_offset + 3600') }} as _loaded_at
    from invoiced
)

{{ c360_with_faults('billing__invoices', 'final') }}
