with

source as (
    select * from {{ ref('val_billing__invoices') }}
    where dq_reason_codes is null
),

renamed as (
    select
        cast(invoice_id as {{ dbt.type_bigint() }}) as invoice_id,
        cast(subscription_id as {{ dbt.type_bigint() }}) as subscription_id,
        cast(customer_id as {{ dbt.type_bigint() }}) as customer_id,
        cast(amount as {{ dbt.type_numeric() }}) as amount,
        lower(trim(invoice_status)) as invoice_status,
        cast(issued_at as {{ dbt.type_timestamp() }}) as issued_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source
),

deduplicated as (
    {{ c360_latest_rows('renamed', 'invoice_id', 'loaded_at desc, issued_at desc, invoice_status') }}
),

final as (
    select
        invoice_id,
        subscription_id,
        customer_id,
        amount,
        invoice_status,
        issued_at,
        cast(issued_at as date) as issued_on,
        loaded_at
    from deduplicated
)

select * from final
