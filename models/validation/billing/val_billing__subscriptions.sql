with

source as (
    select * from {{ c360_source('billing', 'subscriptions') }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

plans as (
    select * from {{ ref('plans') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.subscription_id')],
            ['future_timestamp', c360_dq_is_future(['source.started_at', 'source.ended_at', 'source.updated_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.price')],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_reference('source.plan_code', 'plans', 'plan_code')
                ~ ' or ' ~ c360_dq_is_unknown_code('source.billing_interval', ['month', 'year'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.subscription_status', ['active', 'cancelled'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range',
                c360_dq_is_before_earliest(['source.started_at', 'source.ended_at', 'source.updated_at'])],
            ['inconsistent_timestamps',
                'source.ended_at < source.started_at'
                ~ " or lower(trim(source.subscription_status)) = 'active' and source.ended_at is not null"
                ~ " or lower(trim(source.subscription_status)) = 'cancelled' and source.ended_at is null"],
            ['missing_value', c360_dq_is_any_missing(['source.started_at', 'source.price'])],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'billing', 'subscriptions') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'billing', 'subscriptions') }}
)

select * from final
