with

source as (
    select * from {{ ref('val_credit_card__limit_changes') }}
    where dq_reason_codes is null
),

renamed as (
    select
        cast(limit_change_id as {{ dbt.type_bigint() }}) as limit_change_id,
        cast(account_id as {{ dbt.type_bigint() }}) as account_id,
        lower(trim(change_type)) as change_type,
        cast(change_amount as {{ dbt.type_numeric() }}) as change_amount,
        lower(trim(change_reason)) as change_reason,
        cast(changed_at as {{ dbt.type_timestamp() }}) as changed_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

deduplicated as (
    {{ c360_latest_rows('renamed', 'limit_change_id', 'loaded_at desc, changed_at desc, change_type') }}
),

final as (
    select
        limit_change_id,
        account_id,
        change_type,
        change_amount,
        case when change_type = 'decrease' then -1 * change_amount else change_amount end as signed_change_amount,
        change_reason,
        changed_at,
        loaded_at
    from deduplicated
)

select * from final
