{{ config(alias='credit_card__limit_changes', tags=['credit_card']) }}

with

spine as (
    {{ c360_series(c360_rows('num_limit_changes_multiplier')) }}
),

keyed as (
    select
        row_num,
        mod({{ c360_hash('row_num', 'limit_change.account') }}, {{ c360_rows('num_accounts_multiplier') }})
            as account_row,
        {{ c360_hash('row_num', 'limit_change.change') }} as h_change,
        {{ c360_hash('row_num', 'limit_change.time') }} as h_time
    from spine
),

{{ c360_account_timeline_ctes() }},

-- the account's opening limit is 500 * (1 + mod(h_account_product // 1000, 40)), as in the accounts table
account_opened as (
    select
        account_timed.*,
        {{ c360_hash('account_row', 'account.product') }} as h_account_product
    from account_timed
),

final as (
    select
        row_num + 1 as limit_change_id,
        account_row + 1 as account_id,
        case when mod(h_change, 4) = 0 then 'decrease' else 'increase' end as change_type,
        -- an increase adds 250-5000; a decrease takes 5% of the opening limit, so a limit stays >= 0
        -- unless one account receives 20 decreases
        cast(case
            when mod(h_change, 4) = 0 then 25 * (1 + mod({{ c360_div('h_account_product', 1000) }}, 40))
            else 250 * (1 + mod({{ c360_div('h_change', 4) }}, 20))
        end as {{ dbt.type_numeric() }}) as change_amount,
        {{ c360_pick_value(c360_div('h_change', 100), ['customer_request', 'automatic_review', 'risk_review']) }}
            as change_reason,
        {{ c360_offset_to_timestamp(c360_offset_between('h_time', 'onboard_offset', 'active_until_offset')) }}
            as changed_at,
        {{ c360_offset_to_timestamp(
            c360_offset_between('h_time', 'onboard_offset', 'active_until_offset') ~ ' + 600'
        ) }}
            as _loaded_at
    from account_opened
)

{{ c360_with_faults('credit_card__limit_changes', 'final') }}
