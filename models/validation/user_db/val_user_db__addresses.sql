with

source as (
    select * from {{ c360_source('user_db', 'addresses') }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', 'source.address_id is null'],
            ['future_timestamp', 'source.created_at > source._loaded_at'],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value', c360_dq_is_unknown_code('source.address_type', ['home', 'work', 'billing', 'shipping'])],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'user_db', 'addresses') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'user_db', 'addresses') }}
)

select * from final
