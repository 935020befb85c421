with

source as (
    {{ c360_dq_source('user_db', 'customers') }}
),

countries as (
    select * from {{ ref('countries') }}
),

checked_alone as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.customer_id')],
            ['invalid_email', c360_dq_is_invalid_email('source.email')],
            ['future_timestamp', c360_dq_is_future(['source.signup_at', 'source.updated_at'])],
            ['unknown_enum_value', c360_dq_is_unknown_reference('source.country_code', 'countries', 'country_code')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.signup_at', 'source.updated_at'])],
            ['missing_value', c360_dq_is_any_missing(['source.signup_at', 'source.first_name', 'source.last_name'])],
            ['invalid_type', c360_dq_is_invalid_type('user_db', 'customers')],
        ]) }} as dq_reason_codes
    from source
),

-- an e-mail belongs to the customer who signed up first with it (then the smallest id); the valid rows of
-- any later customer with the same e-mail are quarantined, so staging keeps every e-mail once
ranked_emails as (
    select
        lower(trim(email)) as email_key,
        customer_id as owner_customer_id,
        row_number() over (
            partition by lower(trim(email))
            order by signup_at, customer_id
        ) as owner_rank
    from checked_alone
    where dq_reason_codes is null
),

email_owners as (
    select
        email_key,
        owner_customer_id
    from ranked_emails
    where owner_rank = 1
),

with_email_owner as (
    select
        checked_alone.*,
        email_owners.owner_customer_id as dq_email_owner_id
    from checked_alone
    left join email_owners
        on lower(trim(checked_alone.email)) = email_owners.email_key
),

checked as (
    select
        {{ c360_star(exclude=['dq_email_owner_id'], replace={'dq_reason_codes':
            "case when dq_reason_codes is null and dq_email_owner_id != customer_id then 'duplicate_email'"
            ~ " else dq_reason_codes end"}) }}
    from with_email_owner
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'user_db', 'customers') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'user_db', 'customers') }}
)

select * from final
