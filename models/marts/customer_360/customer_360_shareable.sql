{#- customer_360 without direct identifiers, for sharing outside the customer data team: names and the
    street address dropped, e-mail and phone pseudonymised (SHA-256) and masked, customer_id replaced by a
    pseudonymous key, signup kept as a date only. Every metric column is unchanged. The columns are an
    explicit allowlist on purpose (not `select *` minus the PII): a column added to customer_360 later is not
    shared until someone decides it may be. -#}
{%- set salt = env_var('C360_PII_HASH_SALT', '') %}

with

customer_360 as (
    select * from {{ ref('customer_360') }}
),

final as (
    select
        -- pseudonymous identity
        {{ c360_sha256("'" ~ salt ~ "customer:' || cast(customer_id as " ~ dbt.type_string() ~ ")") }} as customer_key,
        {{ c360_sha256("'" ~ salt ~ "' || email") }} as email_sha256,
        substr(email, 1, 1) || '***' || substr(email, {{ dbt.position("'@'", 'email') }}) as email_masked,
        case
            when primary_phone is not null
                then '+1******' || substr(primary_phone, length(primary_phone) - 3)
        end as phone_masked,
        country_code,
        country_name,
        region,
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
        last_plan,
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
    from customer_360
)

select * from final
