with

source as (
    select * from {{ ref('val_commerce__orders') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(order_id as {{ dbt.type_bigint() }}) as order_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(order_status)) as order_status,
        lower(trim(order_channel)) as order_channel,
        cast(ordered_at as {{ dbt.type_timestamp() }}) as ordered_at,
        cast(refunded_at as {{ dbt.type_timestamp() }}) as refunded_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        order_id,
        customer_id,
        order_status,
        order_channel,
        ordered_at,
        cast(ordered_at as date) as ordered_on,
        refunded_at,
        cast(refunded_at as date) as refunded_on,
        loaded_at
    from renamed
)

select * from final
