with

source as (
    select * from {{ ref('val_marketing__spend') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(spend_date as date) as spend_date,
        lower(trim(channel_code)) as channel_code,
        cast(spend_amount as {{ dbt.type_numeric() }}) as spend_amount,
        cast(impressions as {{ dbt.type_bigint() }}) as impressions,
        upper(trim(currency_code)) as currency_code,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        channel_code || '|' || cast(spend_date as {{ dbt.type_string() }}) as spend_key,
        spend_date,
        channel_code,
        spend_amount,
        impressions,
        currency_code,
        loaded_at
    from renamed
)

select * from final
