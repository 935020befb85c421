with

source as (
    {{ c360_dq_source('user_db', 'addresses') }}
),

countries as (
    select * from {{ ref('countries') }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.address_id')],
            ['future_timestamp', c360_dq_is_future(['source.created_at'])],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.address_type', ['home', 'work', 'billing', 'shipping'])
                ~ ' or ' ~ c360_dq_is_unknown_reference('source.country_code', 'countries', 'country_code')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.created_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.is_primary'])],
            ['invalid_type', c360_dq_is_invalid_type('user_db', 'addresses')],
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
