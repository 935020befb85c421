{{ config(tags=['reconciliation', 'customer_360']) }}

{#-
    Asserts that customer_360 holds exactly the staged customers: the same row count as
    stg_user_db__customers, and no customer_id on only one side (anti-joins both ways). Catches fan-out
    from a domain join (duplicates), and customers dropped or invented along the way.
    Returns one row per problem: a count mismatch, or a customer_id missing from either side.
-#}

with

customer_360 as (
    select * from {{ ref('customer_360') }}
),

staged_customers as (
    select * from {{ ref('stg_user_db__customers') }}
),

customer_360_count as (
    select count(*) as customer_360_rows from customer_360
),

staged_count as (
    select count(*) as staged_rows from staged_customers
),

row_counts as (
    select
        customer_360_count.customer_360_rows,
        staged_count.staged_rows
    from customer_360_count
    cross join staged_count
),

count_mismatch as (
    select
        'row_count_mismatch' as problem,
        cast(null as {{ dbt.type_bigint() }}) as customer_id,
        customer_360_rows,
        staged_rows
    from row_counts
    where customer_360_rows != staged_rows
),

missing_from_customer_360 as (
    select
        'missing_from_customer_360' as problem,
        staged_customers.customer_id,
        cast(null as {{ dbt.type_bigint() }}) as customer_360_rows,
        cast(null as {{ dbt.type_bigint() }}) as staged_rows
    from staged_customers
    left join customer_360
        on staged_customers.customer_id = customer_360.customer_id
    where customer_360.customer_id is null
),

not_a_staged_customer as (
    select
        'not_a_staged_customer' as problem,
        customer_360.customer_id,
        cast(null as {{ dbt.type_bigint() }}) as customer_360_rows,
        cast(null as {{ dbt.type_bigint() }}) as staged_rows
    from customer_360
    left join staged_customers
        on customer_360.customer_id = staged_customers.customer_id
    where staged_customers.customer_id is null
),

final as (
    select * from count_mismatch
    union all
    select * from missing_from_customer_360
    union all
    select * from not_a_staged_customer
)

select * from final
