with

source as (
    select * from {{ ref('val_credit_card__transactions') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(transaction_id as {{ dbt.type_bigint() }}) as transaction_id,
        cast(account_id as {{ dbt.type_bigint() }}) as account_id,
        lower(trim(transaction_type)) as transaction_type,
        lower(trim(merchant_category)) as merchant_category,
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        cast(transacted_at as {{ dbt.type_timestamp() }}) as transacted_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        transaction_id,
        account_id,
        transaction_type,
        merchant_category,
        amount,
        transacted_at,
        cast(transacted_at as date) as transacted_on,
        loaded_at
    from renamed
)

select * from final
