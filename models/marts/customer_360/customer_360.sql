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
        {{ c360_rounded('avg_events_per_journey', 2) }} as avg_events_per_journey,
        {{ c360_count('user_domain_events') }} as user_domain_events,
        {{ c360_count('credit_card_domain_events') }} as credit_card_domain_events,
        {{ c360_count('commerce_domain_events') }} as commerce_domain_events,
        {{ c360_count('support_domain_events') }} as support_domain_events,
        -- credit card
        has_credit_card,
        card_accounts,
        {{ c360_count('total_purchases') }} as total_purchases,
        {{ c360_money('card_purchase_amount') }} as card_purchase_amount,
        {{ c360_count('limit_raises') }} as limit_raises,
        {{ c360_money('total_credit_limit') }} as total_credit_limit,
        -- commerce
        total_orders,
        {{ c360_money('lifetime_gross_revenue') }} as lifetime_gross_revenue,
        {{ c360_money('lifetime_discounts') }} as lifetime_discounts,
        {{ c360_money('lifetime_refunds') }} as lifetime_refunds,
        {{ c360_money('lifetime_net_revenue') }} as lifetime_net_revenue,
        {{ c360_money('average_order_value') }} as average_order_value,
        first_order_date,
        last_order_date,
        days_since_last_order,
        -- support
        total_tickets,
        {{ c360_count('open_tickets') }} as open_tickets,
        {{ c360_rounded('median_resolution_hours', 2) }} as median_resolution_hours,
        {{ c360_rounded('avg_satisfaction_score', 2) }} as avg_satisfaction_score,
        -- billing
        current_plan,
        last_plan,
        {{ c360_money('current_mrr') }} as current_mrr,
        subscription_status,
        {{ c360_money('billing_revenue') }} as billing_revenue,
        -- value and activity
        {{ c360_money('ltv') }} as ltv,
        ltv_rank,
        value_segment,
        is_top_20_percent,
        last_activity_at,
        days_since_last_activity,
        activity_status
    from customers
)

select * from final
