{{ config(materialized='table', tags=['billing']) }}

{#-
    current_plan: the most recently started active subscription (null when none is active);
    last_plan: the most recently started subscription, whatever its status;
    current_mrr: MRR of all active subscriptions; billing_revenue: paid invoices.
    subscription_status: active if any subscription is active, else cancelled.
-#}

with

subscriptions as (
    select * from {{ ref('int_billing__subscriptions_enriched') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

ranked_subscriptions as (
    select
        customer_id,
        plan_code,
        subscription_status,
        row_number() over (
            partition by customer_id
            order by case when subscription_status = 'active' then 0 else 1 end, started_at desc, subscription_id desc
        ) as active_rank,
        row_number() over (
            partition by customer_id
            order by started_at desc, subscription_id desc
        ) as recency_rank
    from subscriptions
),

latest_subscriptions as (
    select
        customer_id,
        max(case when active_rank = 1 and subscription_status = 'active' then plan_code end) as current_plan,
        max(case when recency_rank = 1 then plan_code end) as last_plan
    from ranked_subscriptions
    where active_rank = 1 or recency_rank = 1
    group by customer_id
),

subscription_totals as (
    select
        customer_id,
        count(*) as total_subscriptions,
        sum(case when subscription_status = 'active' then mrr_amount else 0 end) as current_mrr,
        max(case when subscription_status = 'active' then 1 else 0 end) as has_active_subscription
    from subscriptions
    group by customer_id
),

invoice_totals as (
    select
        customer_id,
        sum(case when invoice_status = 'paid' then amount else 0 end) as billing_revenue
    from invoices
    group by customer_id
),

final as (
    select
        subscription_totals.customer_id,
        latest_subscriptions.current_plan,
        latest_subscriptions.last_plan,
        subscription_totals.current_mrr,
        case
            when subscription_totals.has_active_subscription = 1 then 'active'
            else 'cancelled'
        end as subscription_status,
        subscription_totals.total_subscriptions,
        coalesce(invoice_totals.billing_revenue, 0) as billing_revenue
    from subscription_totals
    inner join latest_subscriptions
        on subscription_totals.customer_id = latest_subscriptions.customer_id
    left join invoice_totals
        on subscription_totals.customer_id = invoice_totals.customer_id
)

select * from final
