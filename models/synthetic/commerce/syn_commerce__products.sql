{{ config(alias='commerce__products', tags=['commerce']) }}

with

spine as (
    {{ c360_series(var('num_products') | int) }}
),

hashed as (
    select
        row_num,
        row_num + 1 as product_id,
        {{ c360_hash('row_num', 'product.category') }} as h_category
    from spine
),

final as (
    select
        product_id,
        {{ c360_pick_value('h_category', c360_catalog('product_categories')) }} as category_code,
        {{ c360_pick_value('h_category', c360_catalog('product_categories')) }}
        || ' item ' || cast(product_id as {{ dbt.type_string() }}) as product_name,
        cast({{ c360_product_price_cents('product_id') }} / 100.0 as {{ dbt.type_numeric() }}) as list_price,
        {{ c360_window_start() }} as created_at,
        {{ c360_window_start() }} as _loaded_at
    from hashed
)

{{ c360_with_faults('commerce__products', 'final') }}
