{{ config(tags=['billing']) }}

-- MRR of a subscription = its price for monthly plans, price / 12 (rounded to 6 decimals) for annual plans

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
        -- exact decimal, rounded to 6 places on every engine: a float here would make sums depend on
        -- the order rows are added in, and builds would stop being bit-for-bit reproducible
        cast(
            case
                when subscriptions.billing_interval = 'year' then round(subscriptions.price / 12, 6)
                else subscriptions.price
            end as {{ dbt.type_numeric() }}
        ) as mrr_amount,
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
