with

source as (
    {{ c360_dq_source('support', 'tickets') }}
),

-- the copy of each valid customer that staging keeps (one per customer: the join below keeps every row once)
valid_customers as (
    {{ c360_dq_kept_rows('val_user_db__customers', ['customer_id', 'signup_at']) }}
),

-- the helpdesk times in UTC, parsed once for the checks; null when missing or malformed
parsed as (
    select
        source.*,
        {{ c360_dq_offset_string_time('source.opened_at') }} as dq_opened_at_utc,
        {{ c360_dq_offset_string_time('source.resolved_at') }} as dq_resolved_at_utc
    from source
),

flagged as (
    select
        parsed.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('parsed.ticket_id')],
            ['unparseable_timestamp',
                'parsed.dq_opened_at_utc is null'
                ~ ' or parsed.resolved_at is not null and parsed.dq_resolved_at_utc is null'],
            ['future_timestamp',
                c360_dq_is_future(['parsed.dq_opened_at_utc', 'parsed.dq_resolved_at_utc'], 'parsed._loaded_at')],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('parsed._loaded_at')],
            ['timestamp_out_of_range',
                c360_dq_is_before_earliest(['parsed.dq_opened_at_utc', 'parsed.dq_resolved_at_utc'])],
            ['inconsistent_timestamps',
                'parsed.dq_resolved_at_utc < parsed.dq_opened_at_utc'
                ~ " or lower(trim(parsed.ticket_status)) in ('resolved', 'closed') and parsed.resolved_at is null"
                ~ " or lower(trim(parsed.ticket_status)) in ('open', 'pending') and parsed.resolved_at is not null"
                ~ ' or parsed.dq_opened_at_utc < parent_customer.signup_at'],
            ['invalid_amount', 'parsed.satisfaction_score < 1 or parsed.satisfaction_score > 5'],
            ['orphan_foreign_key', c360_dq_is_orphan('parsed.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('parsed.ticket_status', ['open', 'pending', 'resolved', 'closed'])
                ~ ' or ' ~ c360_dq_is_unknown_code('parsed.priority', ['low', 'normal', 'high', 'urgent'])
                ~ ' or ' ~ c360_dq_is_unknown_code('parsed.contact_channel', ['email', 'chat', 'phone'])],
            ['invalid_type', c360_dq_is_invalid_type('support', 'tickets', 'parsed')],
        ]) }} as dq_reason_codes
    from parsed
    left join valid_customers as parent_customer
        on parsed.customer_id = parent_customer.customer_id
),

checked as (
    select {{ c360_star(exclude=['dq_opened_at_utc', 'dq_resolved_at_utc']) }}
    from flagged
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'support', 'tickets') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'support', 'tickets') }}
)

select * from final
