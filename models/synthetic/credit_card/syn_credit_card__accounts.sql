{{ config(alias='credit_card__accounts', tags=['credit_card']) }}

{#- 65% of customers hold cards; see c360_account_customer_row. The other 35% have no card. -#}

with

spine as (
    {{ c360_series(c360_rows('num_accounts_multiplier')) }}
),

keyed as (
    select
        row_num,
        row_num as account_row,
        {{ c360_hash('row_num', 'account.product') }} as h_product,
        {{ c360_hash('row_num', 'account.status') }} as h_status
    from spine
),

{{ c360_account_timeline_ctes() }},

final as (
    select
        row_num + 1 as account_id,
        customer_row + 1 as customer_id,
        {{ c360_pick_weighted('h_product', c360_catalog('card_products')) }} as card_product,
        cast(500 * (1 + mod({{ c360_div('h_product', 1000) }}, 40)) as {{ dbt.type_numeric() }}) as credit_limit,
        {{ c360_pick_weighted('h_status', c360_catalog('account_statuses')) }} as account_status,
        {{ c360_offset_to_timestamp('onboard_offset') }} as onboarded_at,
        {{ c360_offset_to_timestamp('onboard_offset + 1800') }} as _loaded_at
    from account_timed
)

{{ c360_with_faults('credit_card__accounts', 'final') }}
