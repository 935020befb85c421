with

source as (
    select * from {{ ref('val_credit_card__limit_changes') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(limit_change_id as {{ dbt.type_bigint() }}) as limit_change_id,
        cast(account_id as {{ dbt.type_bigint() }}) as account_id,
        lower(trim(change_type)) as change_type,
        cast(change_amount as {{ dbt.type_numeric() }}) as change_amount,
        lower(trim(change_reason)) as change_reason,
        cast(changed_at as {{ dbt.type_timestamp() }}) as changed_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        limit_change_id,
        account_id,
        change_type,
        change_amount,
        case when change_type = 'decrease' then -1 * change_amount else change_amount end as signed_change_amount,
        change_reason,
        changed_at,
        loaded_at
    from renamed
)

select * from final
