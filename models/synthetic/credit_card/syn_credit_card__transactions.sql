{{ config(alias='credit_card__transactions', tags=['credit_card']) }}

{#- Accounts are drawn with a skew (heavy and light card users); amounts are the product of two uniforms,
    so most are small and a few are large. -#}

with

spine as (
    {{ c360_series(c360_rows('num_card_transactions_multiplier')) }}
),

keyed as (
    select
        row_num,
        {{ c360_skewed_index(c360_hash('row_num', 'transaction.account'), c360_rows('num_accounts_multiplier')) }}
            as account_row,
        {{ c360_hash('row_num', 'transaction.amount') }} as h_amount,
        {{ c360_hash('row_num', 'transaction.type') }} as h_type,
        {{ c360_hash('row_num', 'transaction.time') }} as h_time
    from spine
),

{{ c360_account_timeline_ctes() }},

final as (
    select
        row_num + 1 as transaction_id,
        account_row + 1 as account_id,
        {{ c360_pick_weighted('h_type', c360_catalog('transaction_types')) }} as transaction_type,
        {{ c360_pick_value(c360_div('h_type', 1000), c360_catalog('merchant_categories')) }} as merchant_category,
        cast(
            (99 + mod(h_amount, 300) * (1 + mod({{ c360_div('h_amount', 1000) }}, 30))) / 100.0
            as {{ dbt.type_numeric() }}
        ) as amount,
        {{ c360_offset_to_timestamp(c360_offset_between('h_time', 'onboard_offset', 'active_until_offset')) }}
            as transacted_at,
        {{ c360_offset_to_timestamp(
            c360_offset_between('h_time', 'onboard_offset', 'active_until_offset') ~ ' + 300'
        ) }}
            as _loaded_at
    from account_timed
)

{{ c360_with_faults('credit_card__transactions', 'final') }}
