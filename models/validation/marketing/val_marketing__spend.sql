with

source as (
    {{ c360_dq_source('marketing', 'spend') }}
),

channels as (
    select * from {{ ref('channels') }}
),

checked as (
    select
        source.*,
        {{ c360_dq_reason_codes([
            ['missing_primary_key', 'source.spend_date is null or ' ~ c360_dq_is_blank('source.channel_code')],
            ['invalid_amount',
                c360_dq_is_invalid_amount('source.spend_amount', var('dq_max_daily_spend'))
                ~ ' or ' ~ c360_dq_is_invalid_amount('source.impressions', 'unbounded')],
            ['unknown_enum_value',
                'not ' ~ c360_dq_is_blank('source.channel_code') ~ ' and '
                ~ c360_dq_is_unknown_reference('source.channel_code', 'channels', 'channel_code')
                ~ ' or ' ~ c360_dq_is_unknown_code('source.currency_code', ['usd'])],
            ['future_timestamp', c360_dq_is_future(['source.spend_date'])],
            ['invalid_loaded_at', c360_dq_is_invalid_loaded_at('source._loaded_at')],
            ['timestamp_out_of_range', c360_dq_is_before_earliest(['source.spend_date'])],
            ['missing_value', c360_dq_is_any_missing(['source.spend_amount'])],
            ['invalid_type', c360_dq_is_invalid_type('marketing', 'spend')],
        ]) }} as dq_reason_codes
    from source
),

duplicated_keys as (
    {{ c360_dq_duplicated_keys('checked', 'marketing', 'spend') }}
),

final as (
    {{ c360_dq_rank_copies('checked', 'duplicated_keys', 'marketing', 'spend') }}
)

select * from final
