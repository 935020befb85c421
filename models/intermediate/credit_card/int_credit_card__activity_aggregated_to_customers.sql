{{ config(materialized='table', tags=['credit_card']) }}

with

accounts as (
    select * from {{ ref('stg_credit_card__accounts') }}
),

transactions as (
    select * from {{ ref('stg_credit_card__transactions') }}
),

limit_changes as (
    select * from {{ ref('stg_credit_card__limit_changes') }}
),

accounts_per_customer as (
    select
        customer_id,
        count(*) as card_accounts,
        sum(case when account_status = 'active' then 1 else 0 end) as active_card_accounts,
        min(onboarded_at) as first_card_onboarded_at,
        sum(credit_limit) as total_initial_credit_limit
    from accounts
    group by customer_id
),

transactions_per_customer as (
    select
        accounts.customer_id,
        sum(case when transactions.transaction_type = 'purchase' then 1 else 0 end) as total_purchases,
        sum(
            case when transactions.transaction_type = 'purchase' then transactions.amount else 0 end
        ) as card_purchase_amount
    from transactions
    inner join accounts
        on transactions.account_id = accounts.account_id
    group by accounts.customer_id
),

limit_changes_per_customer as (
    select
        accounts.customer_id,
        sum(case when limit_changes.change_type = 'increase' then 1 else 0 end) as limit_raises,
        sum(limit_changes.signed_change_amount) as net_limit_change
    from limit_changes
    inner join accounts
        on limit_changes.account_id = accounts.account_id
    group by accounts.customer_id
),

final as (
    select
        accounts_per_customer.customer_id,
        accounts_per_customer.card_accounts,
        accounts_per_customer.active_card_accounts,
        accounts_per_customer.first_card_onboarded_at,
        accounts_per_customer.total_initial_credit_limit
        + coalesce(limit_changes_per_customer.net_limit_change, 0) as total_credit_limit,
        coalesce(transactions_per_customer.total_purchases, 0) as total_purchases,
        coalesce(transactions_per_customer.card_purchase_amount, 0) as card_purchase_amount,
        coalesce(limit_changes_per_customer.limit_raises, 0) as limit_raises
    from accounts_per_customer
    left join transactions_per_customer
        on accounts_per_customer.customer_id = transactions_per_customer.customer_id
    left join limit_changes_per_customer
        on accounts_per_customer.customer_id = limit_changes_per_customer.customer_id
)

select * from final
