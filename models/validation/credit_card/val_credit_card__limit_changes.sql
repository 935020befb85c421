with

source as (
    {{ c360_dq_source('credit_card', 'limit_changes') }}
),

-- the copy of each valid account that staging keeps (one per account: the join below keeps every row once)
valid_accounts as (
    {{ c360_dq_kept_rows('val_credit_card__accounts', ['account_id', 'onboarded_at']) }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.limit_change_id')],
            ['future_timestamp', c360_dq_is_future(['source.changed_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.change_amount')],
            ['orphan_foreign_key', c360_dq_is_orphan('source.account_id', 'valid_accounts', 'account_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.change_type', ['increase', 'decrease'])
                ~ ' or ' ~ c360_dq_is_unknown_code(
                    'source.change_reason', ['customer_request', 'automatic_review', 'risk_review']
                )],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.changed_at'])],
            ['inconsistent_timestamps', 'source.changed_at < parent_account.onboarded_at'],
            ['missing_value', c360_dq_is_any_missing(['source.changed_at', 'source.change_amount'])],
            ['invalid_type', c360_dq_is_invalid_type('credit_card', 'limit_changes')],
        ]) }} as dq_reason_codes
    from source
    left join valid_accounts as parent_account
        on source.account_id = parent_account.account_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'credit_card', 'limit_changes') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'credit_card', 'limit_changes') }}
)

select * from final
