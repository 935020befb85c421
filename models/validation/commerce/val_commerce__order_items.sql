with

source as (
    {{ c360_dq_source('commerce', 'order_items') }}
),

valid_orders as (
    select order_id from {{ ref('val_commerce__orders') }}
    where dq_reason_codes is null
),

valid_products as (
    select product_id from {{ ref('val_commerce__products') }}
    where dq_reason_codes is null
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.order_item_id')],
            ['missing_value',
                c360_dq_is_any_missing(['source.quantity', 'source.unit_price', 'source.discount_amount'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['invalid_amount',
                c360_dq_is_invalid_amount('source.unit_price')
                ~ ' or ' ~ c360_dq_is_invalid_amount('source.discount_amount')
                ~ ' or source.discount_amount > source.quantity * source.unit_price'
                ~ ' or source.quantity < 1 or ' ~ c360_dq_is_invalid_amount('source.quantity', var('dq_max_quantity'))
                ~ ' or source.quantity * source.unit_price > ' ~ var('dq_max_amount')],
            ['orphan_foreign_key',
                c360_dq_is_orphan('source.order_id', 'valid_orders', 'order_id')
                ~ ' or ' ~ c360_dq_is_orphan('source.product_id', 'valid_products', 'product_id')],
            ['invalid_type', c360_dq_is_invalid_type('commerce', 'order_items')],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'commerce', 'order_items') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'commerce', 'order_items') }}
)

select * from final
