with

source as (
    select * from {{ c360_source('support', 'tickets') }}
),

valid_customers as (
    select customer_id from {{ ref('val_user_db__customers') }}
    where dq_reason_codes is null
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', c360_dq_is_missing_key('source.ticket_id')],
            ['unparseable_timestamp',
                c360_dq_is_unparseable_offset_string('source.opened_at')
                ~ ' or source.opened_at is null'
                ~ ' or ' ~ c360_dq_is_unparseable_offset_string('source.resolved_at')],
            ['future_timestamp',
                c360_dq_offset_string_time('source.opened_at') ~ ' > source._loaded_at'
                ~ ' or ' ~ c360_dq_offset_string_time('source.resolved_at') ~ ' > source._loaded_at'],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest([
                c360_dq_offset_string_time('source.opened_at'), c360_dq_offset_string_time('source.resolved_at')
            ])],
            ['inconsistent_timestamps',
                c360_dq_offset_string_time('source.resolved_at') ~ ' < ' ~ c360_dq_offset_string_time('source.opened_at')],
            ['invalid_amount', 'source.satisfaction_score < 1 or source.satisfaction_score > 5'],
            ['orphan_foreign_key', c360_dq_is_orphan('source.customer_id', 'valid_customers', 'customer_id')],
            ['unknown_enum_value',
                c360_dq_is_unknown_code('source.ticket_status', ['open', 'pending', 'resolved', 'closed'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.priority', ['low', 'normal', 'high', 'urgent'])
                ~ ' or ' ~ c360_dq_is_unknown_code('source.contact_channel', ['email', 'chat', 'phone'])],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'support', 'tickets') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'support', 'tickets') }}
)

select * from final
