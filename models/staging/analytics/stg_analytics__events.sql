with

source as (
    select * from {{ ref('val_analytics__events') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(event_id as {{ dbt.type_bigint() }}) as event_id,
        cast(user_id as {{ dbt.type_bigint() }}) as customer_id,
        cast(journey_id as {{ dbt.type_bigint() }}) as journey_id,
        lower(trim(domain)) as event_domain,
        lower(trim(event_type)) as event_type,
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        event_id,
        customer_id,
        journey_id,
        event_domain,
        event_type,
        occurred_at,
        cast(occurred_at as date) as occurred_on,
        loaded_at
    from renamed
)

select * from final
