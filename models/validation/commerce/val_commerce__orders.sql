with

source as (
    {{ c360_dq_source('commerce', 'orders') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
),

-- the plausible raw items of every order (each item counted once, at its largest copy; items absurd on
-- their own are quarantined by val_commerce__order_items): an order whose items add up to more than var
-- dq_max_amount is quarantined, and its items with it (orphan_foreign_key)
raw_items as (
    {{ c360_dq_source('commerce', 'order_items') }}
),

item_totals as (
    select
        order_id,
        order_item_id,
        max(quantity * unit_price) as line_total
    from raw_items
    where quantity >= 1 and unit_price >= 0 and quantity * unit_price <= {{ var('dq_max_amount') }}
    group by order_id, order_item_id
),

large_orders as (
    select order_id
    from item_totals
    group by order_id
    having sum(line_total) > {{ var('dq_max_amount') }}
),

-- an order time after the load is a future_timestamp already: its refund is not compared to it
checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.order_id')],
            ['future_timestamp', c360_dq_is_future(['source.ordered_at', 'source.refunded_at'])],
            ['invalid_amount', 'source.order_id in (select order_id from large_orders)'],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.order_status', ['completed', 'shipped', 'refunded', 'cancelled'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.order_channel', ['web', 'app', 'phone'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.ordered_at', 'source.refunded_at'])],
            ['inconsistent_timestamps',
                'source.refunded_at < source.ordered_at and source.ordered_at <= source._loaded_at'
                ~ " or lower(trim(source.order_status)) = 'refunded' and source.refunded_at is null"
                ~ " or lower(trim(source.order_status)) in ('completed', 'shipped', 'cancelled')"
                ~ ' and source.refunded_at is not null'
                ~ ' or source.ordered_at < parent_customer.signup_at'],
            ['missing_value', c360_dq_is_any_missing(['source.ordered_at'])],
            ['invalid_type', c360_dq_is_invalid_type('commerce', 'orders')],
        ]) }} as dq_reason_codes
    from source
    left join valid_customers as parent_customer
        on source.customer_id = parent_customer.customer_id
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'commerce', 'orders') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'commerce', 'orders') }}
)

select * from final
