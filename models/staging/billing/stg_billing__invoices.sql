with

source as (
    select * from {{ ref('val_billing__invoices') }}
    -- valid rows, one copy per record: the validation model ranks the copies (last write wins)
    where dq_reason_codes is null and dq_duplicate_rank = 1
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
    from renamed
)

select * from final
