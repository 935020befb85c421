{{ config(alias='user_db__phones', tags=['user_db']) }}

{#- The first num_customers rows are each customer's primary mobile; the rest belong to uniformly drawn
    customers. Numbers arrive in four formats that staging normalises to +1 and ten digits. Each later
    batch adds a primary mobile per new customer (phone_id after the base rows). -#}
{%- set customers = c360_rows() %}
{%- set batch = c360_batch() %}

{%- set base_phones = c360_rows('num_phones_multiplier') %}

with

spine as (
    {{ c360_series(base_phones + (batch - 1) * c360_batch_rows()) }}
),

keyed as (
    select
        row_num,
        case
            when row_num < {{ customers }} then row_num
            -- primary mobiles of the customers later batches add
            when row_num >= {{ base_phones }} then {{ customers }} + row_num - {{ base_phones }}
            else mod({{ c360_hash('row_num', 'phone.customer') }}, {{ customers }})
        end as customer_row,
        row_num < {{ customers }} or row_num >= {{ base_phones }} as is_primary,
        cast(2000000000 + {{ c360_hash('row_num', 'phone.digits') }} as {{ dbt.type_string() }}) as digits,
        {{ c360_hash('row_num', 'phone.format') }} as h_format,
        {{ c360_hash('row_num', 'phone.type') }} as h_type
    from spine
),

timed as (
    select
        keyed.*,
        {{ c360_any_signup_offset('customer_row') }} as signup_offset
    from keyed
),

final as (
    select
        row_num + 1 as phone_id,
        customer_row + 1 as customer_id,
        case mod(h_format, 4)
            when 0 then '(' || substr(digits, 1, 3) || ') ' || substr(digits, 4, 3) || '-' || substr(digits, 7, 4)
            when 1 then substr(digits, 1, 3) || '.' || substr(digits, 4, 3) || '.' || substr(digits, 7, 4)
            when 2 then '+1 ' || substr(digits, 1, 3) || ' ' || substr(digits, 4, 3) || ' ' || substr(digits, 7, 4)
            else digits
        end as phone_number,
        case
            when is_primary then 'mobile'
            else {{ c360_pick_value('h_type', ['mobile', 'home', 'work']) }}
        end as phone_type,
        is_primary,
        {{ c360_offset_to_timestamp('signup_offset') }} as created_at,
        {{ c360_offset_to_timestamp('signup_offset + 3600') }} as _loaded_at
    from timed
)

{{ c360_with_faults('user_db__phones', 'final') }}
