with

source as (
    select * from {{ ref('val_credit_card__accounts') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(account_id as {{ dbt.type_bigint() }}) as account_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(card_product)) as card_product,
        cast(credit_limit as {{ dbt.type_numeric() }}) as credit_limit,
        lower(trim(account_status)) as account_status,
        cast(onboarded_at as {{ dbt.type_timestamp() }}) as onboarded_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        account_id,
        customer_id,
        card_product,
        credit_limit,
        account_status,
        onboarded_at,
        cast(onboarded_at as date) as onboarded_on,
        loaded_at
    from renamed
)

select * from final
