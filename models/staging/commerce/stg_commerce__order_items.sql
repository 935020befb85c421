with

source as (
    select * from {{ ref('val_commerce__order_items') }}
    where dq_reason_codes is null
),

renamed as (
    select
        cast(order_item_id as {{ dbt.type_bigint() }}) as order_item_id,
        cast(order_id as {{ dbt.type_bigint() }}) as order_id,
        cast(product_id as {{ dbt.type_bigint() }}) as product_id,
        cast(quantity as {{ dbt.type_int() }}) as quantity,
        cast(unit_price as {{ dbt.type_numeric() }}) as unit_price,
        cast(discount_amount as {{ dbt.type_numeric() }}) as discount_amount,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

deduplicated as (
    {{ c360_latest_rows('renamed', 'order_item_id', 'loaded_at desc, product_id, quantity') }}
),

final as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        unit_price,
        quantity * unit_price as gross_amount,
        discount_amount,
        loaded_at
    from deduplicated
)

select * from final
