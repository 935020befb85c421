-- question: what did we know about each customer on a given day? (the "as of" pattern over the SCD2 history)
-- grain: one row per customer who had signed up by the as-of day.
-- how: every history relation keeps versions with [valid_from, valid_to) (valid_to null = still current);
-- the version in force at instant X satisfies valid_from <= X and (valid_to is null or X < valid_to).
-- dim_customers_history gives the profile (e-mail, name, country), the snapshots give the home address,
-- the active subscription plans and the value segment as they were captured by each build. Snapshots only
-- know what a build saw: an as-of day before the first snapshot returns the first captured version
-- (dim_customers_history back-dates a customer's first version to signup). Profile, address and
-- subscription versions are dated in data time (updated_at / loaded_at); value segments come from a
-- check-strategy snapshot dated with the build's clock, so value_segment is null for days before the
-- first build that captured it.
-- use: set var as_of_date ('YYYY-MM-DD', default the loaded data's last day), e.g.
--   dbt compile -s customer_360_as_of --vars '{as_of_date: "2026-01-01"}'
-- to rebuild a full customer_360 as of a day, apply the same predicate to the facts too
-- (fct_orders.ordered_at < X, fct_events.occurred_at < X) before aggregating.
{%- set as_of = var('as_of_date', c360_data_end_date()) %}

with

customer_versions as (
    select * from {{ ref('dim_customers_history') }}
),

address_versions as (
    select * from {{ ref('snap_user_db__addresses') }}
),

subscription_versions as (
    select * from {{ ref('snap_billing__subscriptions') }}
),

segment_versions as (
    select * from {{ ref('snap_customers__value_segments') }}
),

as_of as (
    -- the end of the as-of day: versions valid at that instant
    select {{ c360_add_seconds("cast('" ~ as_of ~ " 00:00:00' as " ~ dbt.type_timestamp() ~ ")", 86399) }} as as_of_at
),

profiles as (
    select customer_versions.*
    from customer_versions
    cross join as_of
    where {{ c360_version_valid_at('customer_versions', 'as_of.as_of_at', 'valid_from', 'valid_to') }}
),

home_addresses as (
    select
        address_versions.customer_id,
        address_versions.street_line || ', ' || address_versions.city || ' ' || address_versions.postal_code
        || ', ' || address_versions.country_code as home_address
    from address_versions
    cross join as_of
    where
        address_versions.is_primary
        and {{ c360_version_valid_at('address_versions', 'as_of.as_of_at') }}
),

plans as (
    select
        subscription_versions.customer_id,
        count(*) as active_subscriptions,
        min(subscription_versions.plan_code) as first_active_plan
    from subscription_versions
    cross join as_of
    where
        {{ c360_version_valid_at('subscription_versions', 'as_of.as_of_at') }}
        -- and the subscription itself ran at that instant
        and {{ c360_version_valid_at('subscription_versions', 'as_of.as_of_at', 'started_at', 'ended_at') }}
    group by subscription_versions.customer_id
),

segments as (
    select
        segment_versions.customer_id,
        segment_versions.value_segment
    from segment_versions
    cross join as_of
    where {{ c360_version_valid_at('segment_versions', 'as_of.as_of_at') }}
),

final as (
    select
        profiles.customer_id,
        profiles.version_number as profile_version,
        profiles.email,
        profiles.full_name,
        profiles.country_code,
        home_addresses.home_address,
        coalesce(plans.active_subscriptions, 0) as active_subscriptions,
        plans.first_active_plan,
        segments.value_segment
    from profiles
    left join home_addresses
        on profiles.customer_id = home_addresses.customer_id
    left join plans
        on profiles.customer_id = plans.customer_id
    left join segments
        on profiles.customer_id = segments.customer_id
)

select * from final
