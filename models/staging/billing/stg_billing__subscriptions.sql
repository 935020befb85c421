with

source as (
    select * from {{ ref('val_billing__subscriptions') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(subscription_id as {{ dbt.type_bigint() }}) as subscription_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(plan_code)) as plan_code,
        lower(trim(billing_interval)) as billing_interval,
        cast(price as {{ dbt.type_numeric() }}) as price,
        lower(trim(subscription_status)) as subscription_status,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(ended_at as {{ dbt.type_timestamp() }}) as ended_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        subscription_id,
        customer_id,
        plan_code,
        billing_interval,
        price,
        subscription_status,
        started_at,
        cast(started_at as date) as started_on,
        ended_at,
        cast(ended_at as date) as ended_on,
        updated_at,
        loaded_at
    from renamed
)

select * from final
