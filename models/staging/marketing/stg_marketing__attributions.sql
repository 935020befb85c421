with

source as (
    select * from {{ ref('val_marketing__attributions') }}
    where dq_reason_codes is null
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

-- signup attribution: one per customer, the latest loaded record wins
deduplicated as (
    {{ c360_latest_rows('renamed', 'customer_id', 'loaded_at desc, attributed_at desc, attribution_id desc') }}
),

final as (
    select
        attribution_id,
        customer_id,
        channel_code,
        campaign,
        attributed_at,
        loaded_at
    from deduplicated
)

select * from final
