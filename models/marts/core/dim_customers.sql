{{ config(tags=['core', 'customers']) }}

with

profiles as (
    select * from {{ ref('int_customers__profiles_joined') }}
),

final as (
    select
        customer_id,
        first_name,
        last_name,
        full_name,
        email,
        primary_phone,
        primary_address,
        country_code,
        country_name,
        region,
        signup_at,
        signed_up_on,
        signup_week,
        signup_month,
        acquisition_channel,
        is_paid_acquisition
    from profiles
)

select * from final
