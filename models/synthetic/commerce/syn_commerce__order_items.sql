{{ config(alias='commerce__order_items', tags=['commerce']) }}

{#- The first num_orders rows give every order one item; later rows add items to uniformly drawn
    orders. Products are drawn with a skew (best sellers). 15% of items carry a 10% discount, 5% a 25% one. -#}
{%- set orders = c360_rows('num_orders_multiplier') %}

with

spine as (
    {{ c360_series(c360_rows('num_order_items_multiplier')) }}
),

item_keys as (
    select
        row_num,
        case
            when row_num < {{ orders }} then row_num
            else mod({{ c360_hash('row_num', 1101) }}, {{ orders }})
        end as order_row,
        {{ c360_skewed_index(c360_hash('row_num', 1102), var('num_products') | int) }} + 1 as product_id,
        {{ c360_hash('row_num', 1103) }} as h_quantity,
        {{ c360_hash('row_num', 1104) }} as h_discount
    from spine
),

keyed as (
    select
        item_keys.*,
        {{ c360_order_customer_row('order_row') }} as customer_row
    from item_keys
),

{{ c360_customer_timeline_ctes() }},

priced as (
    select
        customer_timed.*,
        {{ c360_order_offset('order_row') }} as ordered_offset,
        {{ c360_product_price_cents('product_id') }} as unit_price_cents,
        case
            when mod(customer_timed.h_quantity, 10) < 7 then 1
            when mod(customer_timed.h_quantity, 10) < 9 then 2
            else 3
        end as quantity,
        case
            when mod(customer_timed.h_discount, 100) < 15 then 10
            when mod(customer_timed.h_discount, 100) < 20 then 25
            else 0
        end as discount_percent
    from customer_timed
),

final as (
    select
        row_num + 1 as order_item_id,
        order_row + 1 as order_id,
        product_id,
        quantity,
        cast(unit_price_cents / 100.0 as {{ dbt.type_numeric() }}) as unit_price,
        cast(
            {{ c360_div('unit_price_cents * quantity * discount_percent', 100) }} / 100.0
            as {{ dbt.type_numeric() }}
        ) as discount_amount,
        {{ c360_offset_to_timestamp('ordered_offset + 900') }} as _loaded_at
    from priced
)

select * from final
