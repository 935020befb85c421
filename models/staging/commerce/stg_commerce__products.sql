with

source as (
    select * from {{ ref('val_commerce__products') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(product_id as {{ dbt.type_bigint() }}) as product_id,
        trim(product_name) as product_name,
        lower(trim(category_code)) as category_code,
        cast(list_price as {{ dbt.type_numeric() }}) as list_price,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        product_id,
        product_name,
        category_code,
        list_price,
        created_at,
        loaded_at
    from renamed
)

select * from final
