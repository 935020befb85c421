{{ config(alias='user_db__addresses', tags=['user_db']) }}

{#- The first num_customers rows are each customer's primary (home) address; the rest are extra
    addresses of uniformly drawn customers. -#}
{%- set customers = c360_rows() %}

with

spine as (
    {{ c360_series(c360_rows('num_addresses_multiplier')) }}
),

keyed as (
    select
        row_num,
        case
            when row_num < {{ customers }} then row_num
            else mod({{ c360_hash('row_num', 201) }}, {{ customers }})
        end as customer_row,
        row_num < {{ customers }} as is_primary,
        {{ c360_hash('row_num', 202) }} as h_street,
        {{ c360_hash('row_num', 203) }} as h_city,
        {{ c360_hash('row_num', 204) }} as h_type,
        {{ c360_hash('row_num', 205) }} as h_created
    from spine
),

timed as (
    select
        keyed.*,
        {{ c360_hash('customer_row', 104) }} as h_customer_country,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from keyed
),

final as (
    select
        row_num + 1 as address_id,
        customer_row + 1 as customer_id,
        case
            when is_primary then 'home'
            else {{ c360_pick_value('h_type', ['work', 'billing', 'shipping']) }}
        end as address_type,
        cast(1 + mod(h_street, 9999) as {{ dbt.type_string() }}) || ' '
        || {{ c360_pick_value(c360_div('h_street', 10000), ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Birch']) }}
        || ' Street' as street_line,
        {{ c360_pick_value('h_city', c360_catalog('cities')) }} || ' City' as city,
        cast(10000 + mod(h_city, 89999) as {{ dbt.type_string() }}) as postal_code,
        {{ c360_pick_weighted('h_customer_country', c360_catalog('countries')) }} as country_code,
        is_primary,
        {{ c360_offset_to_timestamp(
            'case when is_primary then signup_offset else '
            ~ c360_offset_between('h_created', 'signup_offset', (c360_span_seconds() - 1) | string) ~ ' end'
        ) }} as created_at,
        {{ c360_offset_to_timestamp(
            'case when is_primary then signup_offset else '
            ~ c360_offset_between('h_created', 'signup_offset', (c360_span_seconds() - 1) | string) ~ ' end + 3600'
        ) }} as _loaded_at
    from timed
)

select * from final
