with

source as (
    select * from {{ ref('val_user_db__customers') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        upper(trim(country_code)) as country_code,
        cast(signup_at as {{ dbt.type_timestamp() }}) as signup_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        customer_id,
        first_name,
        last_name,
        first_name || ' ' || last_name as full_name,
        email,
        country_code,
        signup_at,
        cast(signup_at as date) as signed_up_on,
        updated_at,
        loaded_at
    from renamed
)

select * from final
