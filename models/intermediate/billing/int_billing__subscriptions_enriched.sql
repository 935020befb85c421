{{ config(tags=['billing']) }}

-- MRR of a subscription = its price for monthly plans, price / 12 for annual plans

with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

plans as (
    select * from {{ ref('plans') }}
),

final as (
    select
        subscriptions.subscription_id,
        subscriptions.customer_id,
        subscriptions.plan_code,
        plans.plan_tier,
        subscriptions.billing_interval,
        subscriptions.price,
        case
            when subscriptions.billing_interval = 'year' then subscriptions.price / 12
            else subscriptions.price
        end as mrr_amount,
        subscriptions.subscription_status,
        subscriptions.started_at,
        subscriptions.started_on,
        subscriptions.ended_at,
        subscriptions.ended_on
    from subscriptions
    left join plans
        on subscriptions.plan_code = plans.plan_code
)

select * from final
