with

source as (
    {{ c360_dq_source('marketing', 'attributions') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
),

channels as (
    select * from {{ ref('channels') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.attribution_id')],
            ['future_timestamp', c360_dq_is_future(['source.attributed_at'])],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value', c360_dq_is_unknown_reference('source.channel_code', 'channels', 'channel_code')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['inconsistent_timestamps', 'source.attributed_at < parent_customer.signup_at'],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.attributed_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.attributed_at'])],
            ['invalid_type', c360_dq_is_invalid_type('marketing', 'attributions')],
        ]) }} as dq_reason_codes
    from source
    left join valid_customers as parent_customer
        on source.customer_id = parent_customer.customer_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'marketing', 'attributions') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'marketing', 'attributions') }}
)

select * from final
