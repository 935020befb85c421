with

source as (
    select * from {{ ref('val_user_db__addresses') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(address_id as {{ dbt.type_bigint() }}) as address_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(address_type)) as address_type,
        trim(street_line) as street_line,
        trim(city) as city,
        trim(postal_code) as postal_code,
        upper(trim(country_code)) as country_code,
        cast(is_primary as {{ dbt.type_boolean() }}) as is_primary,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        address_id,
        customer_id,
        address_type,
        street_line,
        city,
        postal_code,
        country_code,
        is_primary,
        created_at,
        loaded_at
    from renamed
)

select * from final
