with

source as (
    {{ c360_dq_source('credit_card', 'transactions') }}
),

-- the copy of each valid account that staging keeps (one per account: the join below keeps every row once)
valid_accounts as (
    {{ c360_dq_kept_rows('val_credit_card__accounts', ['account_id', 'onboarded_at']) }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.transaction_id')],
            ['future_timestamp', c360_dq_is_future(['source.transacted_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.amount')],
            ['orphan_foreign_key', c360_dq_is_orphan('source.account_id', 'valid_accounts', 'account_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.transaction_type', ['purchase', 'refund', 'cash_advance'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.merchant_category', [
                    'grocery', 'travel', 'dining', 'fuel', 'electronics', 'apparel', 'health', 'entertainment'
                ])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['inconsistent_timestamps', 'source.transacted_at < parent_account.onboarded_at'],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.transacted_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.transacted_at', 'source.amount'])],
            ['invalid_type', c360_dq_is_invalid_type('credit_card', 'transactions')],
        ]) }} as dq_reason_codes
    from source
    left join valid_accounts as parent_account
        on source.account_id = parent_account.account_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'credit_card', 'transactions') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'credit_card', 'transactions') }}
)

select * from final
