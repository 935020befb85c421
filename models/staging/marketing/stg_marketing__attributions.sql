with

source as (
    select * from {{ ref('val_marketing__attributions') }}
    -- valid rows, one signup attribution per customer: the validation model ranks the copies (the latest
    -- loaded record wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(attribution_id as {{ dbt.type_bigint() }}) as attribution_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(channel_code)) as channel_code,
        trim(campaign) as campaign,
        cast(attributed_at as {{ dbt.type_timestamp() }}) as attributed_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        attribution_id,
        customer_id,
        channel_code,
        campaign,
        attributed_at,
        loaded_at
    from renamed
)

select * from final
