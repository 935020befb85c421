with

source as (
    select * from {{ ref('val_commerce__order_items') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
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
    from renamed
)

select * from final
