with

source as (
    select * from {{ ref('val_support__tickets') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
),

renamed as (
    select
        cast(ticket_id as {{ dbt.type_bigint() }}) as ticket_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        lower(trim(ticket_status)) as ticket_status,
        lower(trim(priority)) as priority,
        lower(trim(contact_channel)) as contact_channel,
        -- the helpdesk exports local time with a UTC offset
        {{ c360_offset_string_to_utc('opened_at') }} as opened_at,
        {{ c360_offset_string_to_utc('resolved_at') }} as resolved_at,
        cast(satisfaction_score as {{ dbt.type_int() }}) as satisfaction_score,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

final as (
    select
        ticket_id,
        customer_id,
        ticket_status,
        priority,
        contact_channel,
        opened_at,
        cast(opened_at as date) as opened_on,
        resolved_at,
        satisfaction_score,
        loaded_at
    from renamed
)

select * from final
