with

source as (
    {{ c360_dq_source('credit_card', 'accounts') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.account_id')],
            ['future_timestamp', c360_dq_is_future(['source.onboarded_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.credit_limit')],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.card_product', ['classic', 'gold', 'platinum'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.account_status', ['active', 'closed', 'frozen'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['inconsistent_timestamps', 'source.onboarded_at < parent_customer.signup_at'],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.onboarded_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.onboarded_at', 'source.credit_limit'])],
            ['invalid_type', c360_dq_is_invalid_type('credit_card', 'accounts')],
        ]) }} as dq_reason_codes
    from source
    left join valid_customers as parent_customer
        on source.customer_id = parent_customer.customer_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'credit_card', 'accounts') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'credit_card', 'accounts') }}
)

select * from final
