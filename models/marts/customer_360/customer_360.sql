{{ config(
    tags=['customers'],
    cluster_by=(['customer_id'] if target.type == 'bigquery' else none)
) }}

with

customers as (
    select * from {{ ref('int_customers__value_segmented') }}
),

final as (
    select
        -- identity and contact
        customer_id,
        full_name,
        first_name,
        last_name,
        email,
        primary_phone,
        primary_address,
        country_code,
        country_name,
        region,
        signup_at,
        signed_up_on,
        acquisition_channel,
        is_paid_acquisition,
        -- analytics
        total_journeys,
        total_events,
        first_seen_at,
        last_seen_at,
        active_days,
        avg_events_per_journey,
        user_domain_events,
        credit_card_domain_events,
        commerce_domain_events,
        support_domain_events,
        -- credit card
        has_credit_card,
        card_accounts,
        total_purchases,
        card_purchase_amount,
        limit_raises,
        total_credit_limit,
        -- commerce
        total_orders,
        lifetime_gross_revenue,
        lifetime_discounts,
        lifetime_refunds,
        lifetime_net_revenue,
        average_order_value,
        first_order_date,
        last_order_date,
        days_since_last_order,
        -- support
        total_tickets,
        open_tickets,
        median_resolution_hours,
        avg_satisfaction_score,
        -- billing
        current_plan,
        current_mrr,
        subscription_status,
        billing_revenue,
        -- value and activity
        ltv,
        ltv_rank,
        value_segment,
        is_top_20_percent,
        last_activity_at,
        days_since_last_activity,
        activity_status
    from customers
)

select * from final
