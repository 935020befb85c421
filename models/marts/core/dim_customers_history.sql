{{ config(tags=['core', 'customers']) }}

{#-
    SCD2 customer profile: one row per version of a customer's profile, from snap_user_db__customers.
    valid_from: when the version became true (the source's updated_at; the first version is back-dated to
    signup, since the customer existed from then); valid_to: when the next version replaced it (null while
    current). Versions of a customer are contiguous and never overlap: as-of day X is
    valid_from <= X and (valid_to is null or X < valid_to). Before the first `dbt snapshot` / `dbt build`
    (a plain `dbt run` on a fresh warehouse) every customer has one current version. Address, subscription and segment history:
    the snap_* snapshots; analyses/customer_360_as_of.sql joins them as of a date.
-#}

with

customer_versions as (
    {{ c360_snapshot_versions('snap_user_db__customers', 'stg_user_db__customers', 'updated_at') }}
),

countries as (
    select * from {{ ref('countries') }}
),

versioned as (
    select
        customer_versions.*,
        row_number() over (
            partition by customer_versions.customer_id order by customer_versions.dbt_valid_from
        ) as version_number
    from customer_versions
),

final as (
    select
        cast(versioned.customer_id as {{ dbt.type_string() }}) || '-'
        || cast(versioned.version_number as {{ dbt.type_string() }}) as customer_version_id,
        versioned.customer_id,
        versioned.version_number,
        versioned.first_name,
        versioned.last_name,
        versioned.full_name,
        versioned.email,
        versioned.country_code,
        countries.country_name,
        countries.region,
        versioned.signup_at,
        versioned.signed_up_on,
        case
            when versioned.version_number = 1 and versioned.signup_at < versioned.dbt_valid_from
                then versioned.signup_at
            else versioned.dbt_valid_from
        end as valid_from,
        versioned.dbt_valid_to as valid_to,
        versioned.dbt_valid_to is null as is_current
    from versioned
    left join countries
        on versioned.country_code = countries.country_code
)

select * from final
