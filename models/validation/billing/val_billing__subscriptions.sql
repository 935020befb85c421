with

source as (
    {{ c360_dq_source('billing', 'subscriptions') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
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
                c360_dq_is_unknown_pair(
                    'source.plan_code', 'source.billing_interval', 'plans', 'plan_code', 'billing_interval'
                )
                ~ ' or ' ~ c360_dq_is_unknown_code('source.subscription_status', ['active', 'cancelled'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range',
                c360_dq_is_before_earliest(['source.started_at', 'source.ended_at', 'source.updated_at'])],
            ['inconsistent_timestamps',
                'source.ended_at < source.started_at'
                ~ " or lower(trim(source.subscription_status)) = 'active' and source.ended_at is not null"
                ~ " or lower(trim(source.subscription_status)) = 'cancelled' and source.ended_at is null"
                ~ ' or source.started_at < parent_customer.signup_at'],
            ['missing_value', c360_dq_is_any_missing(['source.started_at', 'source.price'])],
            ['invalid_type', c360_dq_is_invalid_type('billing', 'subscriptions')],
        ]) }} as dq_reason_codes
    from source
    left join valid_customers as parent_customer
        on source.customer_id = parent_customer.customer_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'billing', 'subscriptions') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'billing', 'subscriptions') }}
)

select * from final
