with

source as (
    select * from {{ ref('val_user_db__phones') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(phone_id as {{ dbt.type_bigint() }}) as phone_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        {{ c360_normalize_phone('phone_number') }} as phone_number,
        lower(trim(phone_type)) as phone_type,
        cast(is_primary as {{ dbt.type_boolean() }}) as is_primary,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        phone_id,
        customer_id,
        phone_number,
        phone_type,
        is_primary,
        created_at,
        loaded_at
    from renamed
)

select * from final
