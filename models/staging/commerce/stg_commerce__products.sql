with

source as (
    select * from {{ ref('val_commerce__products') }}
    where dq_reason_codes is null
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

deduplicated as (
    {{ c360_latest_rows('renamed', 'product_id', 'loaded_at desc, product_name') }}
),

final as (
    select
        product_id,
        product_name,
        category_code,
        list_price,
        created_at,
        loaded_at
    from deduplicated
)

select * from final
