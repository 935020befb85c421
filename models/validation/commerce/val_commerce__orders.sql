with

source as (
    select * from {{ c360_source('commerce', 'orders') }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

-- an order time after the load is a future_timestamp already: its refund is not compared to it
checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.order_id')],
            ['future_timestamp', 'source.ordered_at > source._loaded_at or source.refunded_at > source._loaded_at'],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.order_status', ['completed', 'shipped', 'refunded', 'cancelled'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.order_channel', ['web', 'app', 'phone'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.ordered_at', 'source.refunded_at'])],
            ['inconsistent_timestamps', 'source.refunded_at < source.ordered_at and source.ordered_at <= source._loaded_at'],
            ['missing_value', c360_dq_is_any_missing(['source.ordered_at'])],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'commerce', 'orders') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'commerce', 'orders') }}
)

select * from final
