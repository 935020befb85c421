with

source as (
    {{ c360_dq_source('commerce', 'products') }}
),

product_categories as (
    select * from {{ ref('product_categories') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.product_id')],
            ['future_timestamp', c360_dq_is_future(['source.created_at'])],
            ['invalid_amount', c360_dq_is_invalid_amount('source.list_price')],
            ['unknown_enum_value',
                c360_dq_is_unknown_reference('source.category_code', 'product_categories', 'category_code')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.created_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.list_price'])],
            ['invalid_type', c360_dq_is_invalid_type('commerce', 'products')],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'commerce', 'products') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'commerce', 'products') }}
)

select * from final
