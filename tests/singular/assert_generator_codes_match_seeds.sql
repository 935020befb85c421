{{ config(tags=['reconciliation', 'seeds', 'staging']) }}

{#-
    Asserts that every code in the raw data (read through the staging models) exists in its reference
    seed, so the generator's catalog (macros/generator/catalog.sql) and the seeds stay in step:
      country_code  (stg_user_db__customers, stg_user_db__addresses)   in countries
      channel_code  (stg_marketing__attributions, stg_marketing__spend) in channels
      plan_code     (stg_billing__subscriptions)                        in plans
      category_code (stg_commerce__products)                            in product_categories
      event_type    (fct_events: the staged events as a table, so the check does not recompute the
                   de-duplication view over every event)                in event_types
    and that each subscription's price and billing_interval equal its plan's list_price and
    billing_interval in the plans seed (price within 0.005). Returns one row per distinct offending
    code (or plan/price pair).
-#}

with

customers as (
    select * from {{ ref('stg_user_db__customers') }}
),

addresses as (
    select * from {{ ref('stg_user_db__addresses') }}
),

attributions as (
    select * from {{ ref('stg_marketing__attributions') }}
),

spend as (
    select * from {{ ref('stg_marketing__spend') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

products as (
    select * from {{ ref('stg_commerce__products') }}
),

events as (
    select * from {{ ref('fct_events') }}
),

countries as (
    select * from {{ ref('countries') }}
),

channels as (
    select * from {{ ref('channels') }}
),

plans as (
    select * from {{ ref('plans') }}
),

product_categories as (
    select * from {{ ref('product_categories') }}
),

event_types as (
    select * from {{ ref('event_types') }}
),

used_codes as (
    select distinct
        'stg_user_db__customers.country_code' as used_in,
        'country_code' as code_type,
        country_code as code
    from customers
    union all
    select distinct
        'stg_user_db__addresses.country_code' as used_in,
        'country_code' as code_type,
        country_code as code
    from addresses
    union all
    select distinct
        'stg_marketing__attributions.channel_code' as used_in,
        'channel_code' as code_type,
        channel_code as code
    from attributions
    union all
    select distinct
        'stg_marketing__spend.channel_code' as used_in,
        'channel_code' as code_type,
        channel_code as code
    from spend
    union all
    select distinct
        'stg_billing__subscriptions.plan_code' as used_in,
        'plan_code' as code_type,
        plan_code as code
    from subscriptions
    union all
    select distinct
        'stg_commerce__products.category_code' as used_in,
        'category_code' as code_type,
        category_code as code
    from products
    union all
    select distinct
        'fct_events.event_type' as used_in,
        'event_type' as code_type,
        event_type as code
    from events
),

seed_codes as (
    select
        'country_code' as code_type,
        country_code as code
    from countries
    union all
    select
        'channel_code' as code_type,
        channel_code as code
    from channels
    union all
    select
        'plan_code' as code_type,
        plan_code as code
    from plans
    union all
    select
        'category_code' as code_type,
        category_code as code
    from product_categories
    union all
    select
        'event_type' as code_type,
        event_type as code
    from event_types
),

unknown_codes as (
    select
        used_codes.used_in,
        used_codes.code,
        'code not in seed' as problem
    from used_codes
    left join seed_codes
        on
            used_codes.code = seed_codes.code
            and used_codes.code_type = seed_codes.code_type
    where seed_codes.code is null
),

plan_mismatches as (
    select distinct
        'stg_billing__subscriptions.price' as used_in,
        subscriptions.plan_code || ' ' || subscriptions.billing_interval || ' '
        || cast(subscriptions.price as {{ dbt.type_string() }}) as code,
        'price or billing_interval differs from plans seed' as problem
    from subscriptions
    inner join plans
        on subscriptions.plan_code = plans.plan_code
    where
        abs(
            cast(subscriptions.price as {{ c360_type_double() }})
            - cast(plans.list_price as {{ c360_type_double() }})
        ) > 0.005
        or subscriptions.billing_interval != plans.billing_interval
        or subscriptions.price is null
),

final as (
    select * from unknown_codes
    union all
    select * from plan_mismatches
)

select * from final
