{{ config(materialized='table', tags=['customers']) }}

{#-
    Every customer with every domain's aggregate, zero-filled where a customer has no rows in a domain,
    plus the derived lifetime value and activity status:
      ltv = lifetime net commerce revenue + paid subscription invoices
      last_activity_at = latest of last event and last order
      activity_status: never_active (no events, no orders), active (<= active_days_threshold days since
      last activity, as of end_date), at_risk (<= churn_days_threshold), churned (older)
-#}

with

profiles as (
    select * from {{ ref('int_customers__profiles_joined') }}
),

events as (
    select * from {{ ref('int_analytics__events_aggregated_to_customers') }}
),

cards as (
    select * from {{ ref('int_credit_card__activity_aggregated_to_customers') }}
),

orders as (
    select * from {{ ref('int_commerce__orders_aggregated_to_customers') }}
),

tickets as (
    select * from {{ ref('int_support__tickets_aggregated_to_customers') }}
),

billing as (
    select * from {{ ref('int_billing__aggregated_to_customers') }}
),

joined as (
    select
        profiles.*,
        coalesce(events.total_journeys, 0) as total_journeys,
        coalesce(events.total_events, 0) as total_events,
        events.first_seen_at,
        events.last_seen_at,
        coalesce(events.active_days, 0) as active_days,
        events.avg_events_per_journey,
        coalesce(events.user_domain_events, 0) as user_domain_events,
        coalesce(events.credit_card_domain_events, 0) as credit_card_domain_events,
        coalesce(events.commerce_domain_events, 0) as commerce_domain_events,
        coalesce(events.support_domain_events, 0) as support_domain_events,
        cards.customer_id is not null as has_credit_card,
        coalesce(cards.card_accounts, 0) as card_accounts,
        coalesce(cards.total_purchases, 0) as total_purchases,
        coalesce(cards.card_purchase_amount, 0) as card_purchase_amount,
        coalesce(cards.limit_raises, 0) as limit_raises,
        cards.total_credit_limit,
        coalesce(orders.total_orders, 0) as total_orders,
        coalesce(orders.lifetime_gross_revenue, 0) as lifetime_gross_revenue,
        coalesce(orders.lifetime_discounts, 0) as lifetime_discounts,
        coalesce(orders.lifetime_refunds, 0) as lifetime_refunds,
        coalesce(orders.lifetime_net_revenue, 0) as lifetime_net_revenue,
        orders.average_order_value,
        orders.first_order_date,
        orders.last_order_date,
        {{ c360_days_between('orders.last_order_date', c360_as_of_date()) }} as days_since_last_order,
        coalesce(tickets.total_tickets, 0) as total_tickets,
        coalesce(tickets.open_tickets, 0) as open_tickets,
        tickets.median_resolution_hours,
        tickets.avg_satisfaction_score,
        billing.current_plan,
        billing.last_plan,
        coalesce(billing.current_mrr, 0) as current_mrr,
        coalesce(billing.subscription_status, 'never_subscribed') as subscription_status,
        coalesce(billing.billing_revenue, 0) as billing_revenue,
        coalesce(orders.lifetime_net_revenue, 0) + coalesce(billing.billing_revenue, 0) as ltv,
        {{ c360_greatest_nullable('events.last_seen_at', 'orders.last_ordered_at') }} as last_activity_at
    from profiles
    left join events
        on profiles.customer_id = events.customer_id
    left join cards
        on profiles.customer_id = cards.customer_id
    left join orders
        on profiles.customer_id = orders.customer_id
    left join tickets
        on profiles.customer_id = tickets.customer_id
    left join billing
        on profiles.customer_id = billing.customer_id
),

final as (
    select
        joined.*,
        {{ c360_days_between('cast(last_activity_at as date)', c360_as_of_date()) }} as days_since_last_activity,
        case
            when joined.last_activity_at is null then 'never_active'
            when
                {{ c360_days_between('cast(last_activity_at as date)', c360_as_of_date()) }}
                <= {{ var('active_days_threshold') }} then 'active'
            when
                {{ c360_days_between('cast(last_activity_at as date)', c360_as_of_date()) }}
                <= {{ var('churn_days_threshold') }} then 'at_risk'
            else 'churned'
        end as activity_status
    from joined
)

select * from final
