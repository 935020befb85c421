{{ config(alias='commerce__order_items', tags=['commerce']) }}

{#- The first num_orders rows give every order one item; later rows add items to uniformly drawn
    orders. Products are drawn with a skew (best sellers). 15% of items carry a 10% discount, 5% a 25% one.
    Each order a later batch adds (syn_commerce__orders) gets 1-3 items, loaded with the order. -#}
{%- set orders = c360_rows('num_orders_multiplier') %}
{%- set items = c360_rows('num_order_items_multiplier') %}
{%- set batch = c360_batch() %}

with

order_spine as (
    {{ c360_series(orders) }}
),

extra_spine as (
    {{ c360_series([items - orders, 0] | max) }}
),

keyed as (
    select order_spine.row_num as activity_key
    from order_spine
),

-- each order's customer and time, once per order (streams of syn_commerce__orders)
{{ c360_order_activity_ctes() }},

-- read by first_items and extra_timed: computed once
order_times as {{ c360_materialized() }} (
    select
        activity_timed.activity_key as order_row,
        activity_timed.activity_offset
    from activity_timed
),

-- item row r < num_orders is order r's first item
first_items as (
    select
        order_times.order_row as row_num,
        order_times.order_row,
        order_times.activity_offset
    from order_times
    {%- if items < orders %}
    where order_times.order_row < {{ items }}
    {%- endif %}
),

-- later item rows belong to uniformly drawn orders
extra_keys as (
    select
        {{ orders }} + extra_spine.row_num as row_num
    from extra_spine
),

extra_items as (
    select
        extra_keys.row_num,
        mod({{ c360_hash('extra_keys.row_num', 'order_item.order') }}, {{ orders }}) as order_row
    from extra_keys
),

extra_timed as (
    select
        extra_items.row_num,
        extra_items.order_row,
        order_times.activity_offset
    from extra_items
    inner join order_times on extra_items.order_row = order_times.order_row
),

item_timed as (
    {{- c360_union_by_name(['first_items', 'extra_timed'], ['row_num', 'order_row', 'activity_offset']) }}
),

item_keys as (
    select
        item_timed.row_num,
        item_timed.order_row,
        item_timed.activity_offset,
        {{ c360_skewed_index(c360_hash('item_timed.row_num', 'order_item.product'), var('num_products') | int) }}
        + 1 as product_id,
        {{ c360_hash('item_timed.row_num', 'order_item.quantity') }} as h_quantity,
        {{ c360_hash('item_timed.row_num', 'order_item.discount') }} as h_discount
    from item_timed
),

-- every item as keys, hashes and its load offset; `priced` and `final` treat base and later-batch rows alike
base_items as (
    select
        row_num + 1 as order_item_id,
        order_row + 1 as order_id,
        product_id,
        h_quantity,
        h_discount,
        activity_offset + 900 as loaded_offset
    from item_keys
),
{%- if batch > 1 %}

-- three item slots per later-batch order; the order keeps 1-3 of them
batch_spine as (
    {{ c360_series((batch - 1) * c360_batch_rows('num_orders_multiplier') * 3) }}
),

batch_slots as (
    select
        row_num,
        {{ c360_div('row_num', 3) }} as batch_order_row,
        mod(row_num, 3) as slot
    from batch_spine
),

batch_hashed as (
    select
        batch_slots.*,
        {{ c360_batch_order_batch('batch_order_row') }} as batch,
        {{ c360_hash('batch_order_row', 'order.batch_customer') }} as h_batch_customer,
        {{ c360_hash('batch_order_row', 'order.batch_time') }} as h_batch_time,
        {{ c360_hash('batch_order_row', 'order.batch_item_count') }} as h_item_count,
        {{ c360_hash('row_num', 'order_item.product') }} as h_product,
        {{ c360_hash('row_num', 'order_item.quantity') }} as h_quantity,
        {{ c360_hash('row_num', 'order_item.discount') }} as h_discount
    from batch_slots
),

batch_keyed as (
    select
        batch_hashed.*,
        {{ c360_batch_customer_row('h_batch_customer', 'batch') }} as customer_row,
        {{ c360_skewed_index('h_product', var('num_products') | int) }} + 1 as product_id
    from batch_hashed
    where slot <= mod(h_item_count, 3)
),

{{ c360_batch_activity_ctes() }},

batch_items as (
    select
        {{ c360_rows('num_order_items_multiplier') }} + row_num + 1 as order_item_id,
        {{ orders }} + batch_order_row + 1 as order_id,
        product_id,
        h_quantity,
        h_discount,
        activity_offset + 900 as loaded_offset
    from batch_timed
),
{%- endif %}

all_items as (
    {%- set union_columns = [
        'order_item_id',
        'order_id',
        'product_id',
        'h_quantity',
        'h_discount',
        'loaded_offset',
    ] %}
    {{- c360_union_by_name(['base_items', 'batch_items'] if batch > 1 else ['base_items'], union_columns) }}
),

priced as (
    select
        all_items.*,
        {{ c360_product_price_cents('product_id') }} as unit_price_cents,
        case
            when mod(all_items.h_quantity, 10) < 7 then 1
            when mod(all_items.h_quantity, 10) < 9 then 2
            else 3
        end as quantity,
        case
            when mod(all_items.h_discount, 100) < 15 then 10
            when mod(all_items.h_discount, 100) < 20 then 25
            else 0
        end as discount_percent
    from all_items
),

final as (
    select
        order_item_id,
        order_id,
        product_id,
        quantity,
        cast(unit_price_cents / 100.0 as {{ dbt.type_numeric() }}) as unit_price,
        cast(
            {{ c360_div('unit_price_cents * quantity * discount_percent', 100) }} / 100.0
            as {{ dbt.type_numeric() }}
        ) as discount_amount,
        {{ c360_offset_to_timestamp('loaded_offset') }} as _loaded_at
    from priced
)

{{ c360_with_faults('commerce__order_items', 'final') }}
