with

source as (
    {{ c360_dq_source('analytics', 'events') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
),

event_types as (
    select * from {{ ref('event_types') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.event_id')],
            ['future_timestamp', c360_dq_is_future(['source.occurred_at'])],
            ['orphan_foreign_key', c360_dq_is_orphan('source.user_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_pair('source.domain', 'source.event_type', 'event_types', 'domain', 'event_type')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['inconsistent_timestamps', 'source.occurred_at < event_customer.signup_at'],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.occurred_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.occurred_at', 'source.journey_id'])],
            ['invalid_type', c360_dq_is_invalid_type('analytics', 'events')],
        ]) }} as dq_reason_codes
    from source
    left join valid_customers as event_customer
        on source.user_id = event_customer.customer_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'analytics', 'events') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'analytics', 'events') }}
)

select * from final
