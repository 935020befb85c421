with

source as (
    select * from {{ c360_source('user_db', 'customers') }}
),

countries as (
    select * from {{ ref('countries') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', 'source.customer_id is null'],
            ['invalid_email', c360_dq_is_invalid_email('source.email')],
            ['future_timestamp', 'source.signup_at > source._loaded_at or source.updated_at > source._loaded_at'],
            ['unknown_enum_value', c360_dq_is_unknown_reference('source.country_code', 'countries', 'country_code')],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'user_db', 'customers') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'user_db', 'customers') }}
)

select * from final
