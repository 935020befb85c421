-- question: which value segments are the most loyal to a single product category?
-- note: the marts have no order-item grain, so this analysis also refs the staging models
-- stg_commerce__order_items and stg_commerce__products (and fct_orders for the customer and to keep
-- revenue orders only, i.e. cancelled orders excluded).
-- a customer's top_category_share = units in their top product category / all their units (1.0 = buys
-- from one category only; with 8 categories bought at random it tends to 1/8 as units grow).
-- grain: one row per value segment (customer_360.value_segment); customers without units are left out of
-- the averages (customers_with_units counts who is in).
-- read it: a higher avg_top_category_share means a more category-loyal segment. customers with few units
-- are loyal almost by construction (one unit = share 1.0), so compare segments on
-- avg_top_category_share_5_plus_units (customers with >= 5 units) too. majority_loyal_share = share of
-- customers with more than half their units in one category; most_common_top_category is the category
-- most often a customer's top one in the segment (ties go to the category code first alphabetically).

with

customers as (
    select * from {{ ref('customer_360') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

order_items as (
    select * from {{ ref('stg_commerce__order_items') }}
),

products as (
    select * from {{ ref('stg_commerce__products') }}
),

product_categories as (
    select * from {{ ref('product_categories') }}
),

customer_category_units as (
    select
        orders.customer_id,
        coalesce(products.category_code, 'unknown') as category_code,
        sum(order_items.quantity) as units
    from order_items
    inner join orders
        on order_items.order_id = orders.order_id
    left join products
        on order_items.product_id = products.product_id
    where orders.counts_as_revenue
    group by 1, 2
),

customer_categories_ranked as (
    select
        customer_id,
        category_code,
        units,
        sum(units) over (partition by customer_id) as total_units,
        count(*) over (partition by customer_id) as categories_bought,
        row_number() over (partition by customer_id order by units desc, category_code asc) as category_rank
    from customer_category_units
),

customer_loyalty as (
    select
        customers.value_segment,
        customer_categories_ranked.customer_id,
        customer_categories_ranked.category_code as top_category_code,
        customer_categories_ranked.total_units,
        customer_categories_ranked.categories_bought,
        {{ c360_safe_divide(
            'customer_categories_ranked.units',
            'customer_categories_ranked.total_units'
        ) }} as top_category_share
    from customer_categories_ranked
    inner join customers
        on customer_categories_ranked.customer_id = customers.customer_id
    where customer_categories_ranked.category_rank = 1
),

segment_loyalty as (
    select
        value_segment,
        count(*) as customers_with_units,
        avg(total_units) as avg_units,
        avg(categories_bought) as avg_categories_bought,
        avg(top_category_share) as avg_top_category_share,
        avg(case when total_units >= 5 then top_category_share end) as avg_top_category_share_5_plus_units,
        sum(case when total_units >= 5 then 1 else 0 end) as customers_with_5_plus_units,
        {{ c360_safe_divide(
            'sum(case when top_category_share > 0.5 then 1 else 0 end)',
            'count(*)'
        ) }} as majority_loyal_share
    from customer_loyalty
    group by 1
),

top_categories_ranked as (
    select
        value_segment,
        top_category_code,
        count(*) as customers,
        row_number() over (partition by value_segment order by count(*) desc, top_category_code asc) as popularity_rank
    from customer_loyalty
    group by 1, 2
),

segments as (
    select distinct value_segment from customers
),

final as (
    select
        segments.value_segment,
        coalesce(segment_loyalty.customers_with_units, 0) as customers_with_units,
        segment_loyalty.avg_units,
        segment_loyalty.avg_categories_bought,
        segment_loyalty.avg_top_category_share,
        segment_loyalty.customers_with_5_plus_units,
        segment_loyalty.avg_top_category_share_5_plus_units,
        segment_loyalty.majority_loyal_share,
        top_categories_ranked.top_category_code as most_common_top_category,
        product_categories.category_name as most_common_top_category_name,
        {{ c360_safe_divide(
            'top_categories_ranked.customers',
            'segment_loyalty.customers_with_units'
        ) }} as most_common_top_category_share
    from segments
    left join segment_loyalty
        on segments.value_segment = segment_loyalty.value_segment
    left join top_categories_ranked
        on
            segments.value_segment = top_categories_ranked.value_segment
            and top_categories_ranked.popularity_rank = 1
    left join product_categories
        on top_categories_ranked.top_category_code = product_categories.category_code
)

select * from final
order by 5 desc, 1 asc -- avg_top_category_share, value_segment
