with

source as (
    {{ c360_dq_source('billing', 'invoices') }}
),

-- the copy of each valid subscription that staging keeps (one per subscription: the join below keeps every
-- row once)
valid_subscriptions as (
    {{ c360_dq_kept_rows('val_billing__subscriptions', ['subscription_id', 'customer_id', 'started_at']) }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.invoice_id')],
            ['future_timestamp', c360_dq_is_future(['source.issued_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.amount')],
            ['orphan_foreign_key',
                c360_dq_is_orphan('source.subscription_id', 'valid_subscriptions', 'subscription_id')
                ~ ' or ' ~ c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')
                ~ ' or source.customer_id != parent_subscription.customer_id'],
            ['unknown_enum_value', c360_dq_is_unknown_code('source.invoice_status', ['paid', 'failed', 'refunded'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['inconsistent_timestamps', 'source.issued_at < parent_subscription.started_at'],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.issued_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.issued_at', 'source.amount'])],
            ['invalid_type', c360_dq_is_invalid_type('billing', 'invoices')],
        ]) }} as dq_reason_codes
    from source
    left join valid_subscriptions as parent_subscription
        on source.subscription_id = parent_subscription.subscription_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'billing', 'invoices') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'billing', 'invoices') }}
)

select * from final
