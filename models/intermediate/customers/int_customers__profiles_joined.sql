{{ config(materialized='table', tags=['customers']) }}

with

customers as (
    select * from {{ ref('stg_user_db__customers') }}
),

addresses as (
    select * from {{ ref('stg_user_db__addresses') }}
),

phones as (
    select * from {{ ref('stg_user_db__phones') }}
),

attributions as (
    select * from {{ ref('stg_marketing__attributions') }}
),

countries as (
    select * from {{ ref('countries') }}
),

channels as (
    select * from {{ ref('channels') }}
),

-- the primary address; if none is flagged, the oldest one
primary_addresses as (
    select
        customer_id,
        street_line || ', ' || city || ' ' || postal_code || ', ' || country_code as primary_address
    from (
        select
            addresses.*,
            row_number() over (
                partition by addresses.customer_id order by addresses.is_primary desc, addresses.address_id asc
            ) as address_rank
        from addresses
    ) as ranked
    where address_rank = 1
),

-- the primary phone with a valid number; otherwise the oldest valid one
primary_phones as (
    select
        customer_id,
        phone_number as primary_phone
    from (
        select
            phones.*,
            row_number() over (
                partition by phones.customer_id order by phones.is_primary desc, phones.phone_id asc
            ) as phone_rank
        from phones
        where phones.phone_number is not null
    ) as ranked
    where phone_rank = 1
),

final as (
    select
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customers.full_name,
        customers.email,
        primary_phones.primary_phone,
        primary_addresses.primary_address,
        customers.country_code,
        countries.country_name,
        countries.region,
        customers.signup_at,
        customers.signed_up_on,
        {{ c360_week_start('customers.signed_up_on') }} as signup_week,
        {{ c360_month_start('customers.signed_up_on') }} as signup_month,
        coalesce(attributions.channel_code, 'unattributed') as acquisition_channel,
        coalesce(channels.is_paid, false) as is_paid_acquisition
    from customers
    left join primary_addresses
        on customers.customer_id = primary_addresses.customer_id
    left join primary_phones
        on customers.customer_id = primary_phones.customer_id
    left join countries
        on customers.country_code = countries.country_code
    left join attributions
        on customers.customer_id = attributions.customer_id
    left join channels
        on attributions.channel_code = channels.channel_code
)

select * from final
