{{ config(alias='user_db__addresses', tags=['user_db']) }}

{#- The first num_customers rows are each customer's primary (home) address; the rest are extra
    addresses of uniformly drawn customers. Each later batch (macros/generator/batches.sql) adds the home
    addresses of its new customers and moves 1% of base customers: a new version of their home address
    row (same address_id, new street, city and postal code, loaded that day). -#}
{%- set customers = c360_rows() %}
{%- set batch = c360_batch() %}
{%- set base_address_rows = c360_rows('num_addresses_multiplier') %}

with

spine as (
    {{ c360_series(c360_rows('num_addresses_multiplier')) }}
),

keyed as (
    select
        row_num,
        case
            when row_num < {{ customers }} then row_num
            else mod({{ c360_hash('row_num', 'address.customer') }}, {{ customers }})
        end as customer_row,
        row_num < {{ customers }} as is_primary,
        {{ c360_hash('row_num', 'address.street') }} as h_street,
        {{ c360_hash('row_num', 'address.city') }} as h_city,
        {{ c360_hash('row_num', 'address.type') }} as h_type,
        {{ c360_hash('row_num', 'address.created') }} as h_created
    from spine
),

timed as (
    select
        keyed.*,
        {{ c360_hash('customer_row', 'customer.country') }} as h_customer_country,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from keyed
),

created as (
    select
        timed.*,
        case
            when timed.is_primary then timed.signup_offset
            else {{ c360_offset_between('timed.h_created', 'timed.signup_offset', (c360_span_seconds() - 1) | string) }}
        end as created_offset
    from timed
),

-- every address as keys, hashes and offsets; `final` formats base and later-batch rows alike
base_addresses as (
    select
        row_num + 1 as address_id,
        customer_row + 1 as customer_id,
        is_primary,
        h_type,
        h_street,
        h_city,
        h_customer_country,
        'Street' as street_suffix,
        created_offset,
        created_offset + 3600 as loaded_offset
    from created
),
{%- if batch > 1 %}

new_customer_spine as (
    {{ c360_series((batch - 1) * c360_batch_rows()) }}
),

-- a home address per customer created by a later batch
new_homes as (
    select
        row_num,
        {{ customers }} + row_num as customer_row,
        {{ c360_hash('row_num', 'address.batch_street') }} as h_street,
        {{ c360_hash('row_num', 'address.batch_city') }} as h_city
    from new_customer_spine
),

new_homes_timed as (
    select
        new_homes.*,
        {{ c360_hash('customer_row', 'customer.country') }} as h_customer_country,
        {{ c360_new_customer_signup_offset('customer_row') }} as created_offset
    from new_homes
),

later_batches as (
    select row_num + 2 as batch from ({{ c360_series(batch - 1) }}) as batch_numbers
),

-- 1% of base customers move on each later day: their home address row gets a new version
move_keys as (
    select
        customer_spine.row_num as customer_row,
        later_batches.batch,
        customer_spine.row_num * 64 + later_batches.batch as move_key
    from ({{ c360_series(customers) }}) as customer_spine
    cross join later_batches
),

moves as (
    select
        move_keys.*,
        {{ c360_hash('move_key', 'address.move') }} as h_move
    from move_keys
),

moves_timed as (
    select
        moves.*,
        {{ c360_hash('move_key', 'address.move_street') }} as h_street,
        {{ c360_hash('move_key', 'address.move_city') }} as h_city,
        {{ c360_hash('customer_row', 'customer.country') }} as h_customer_country,
        {{ c360_signup_offset('customer_row') }} as signup_offset,
        {{ c360_batch_day_offset('batch') }} + mod(h_move, 82800) as moved_offset
    from moves
    where mod(h_move, 100) = 0
),

batch_addresses as (
    select
        {{ base_address_rows }} + row_num + 1 as address_id,
        customer_row + 1 as customer_id,
        true as is_primary,
        0 as h_type,
        h_street,
        h_city,
        h_customer_country,
        'Street' as street_suffix,
        created_offset,
        created_offset + 3600 as loaded_offset
    from new_homes_timed
    union all
    select
        customer_row + 1 as address_id,
        customer_row + 1 as customer_id,
        true as is_primary,
        0 as h_type,
        h_street,
        h_city,
        h_customer_country,
        'Avenue' as street_suffix,
        signup_offset as created_offset,
        moved_offset + 3600 as loaded_offset
    from moves_timed
),
{%- endif %}

all_addresses as (
    {%- set union_columns = [
        'address_id',
        'customer_id',
        'is_primary',
        'h_type',
        'h_street',
        'h_city',
        'h_customer_country',
        'street_suffix',
        'created_offset',
        'loaded_offset',
    ] %}
    {{- c360_union_by_name(['base_addresses', 'batch_addresses'] if batch > 1 else ['base_addresses'], union_columns) }}
),

final as (
    select
        address_id,
        customer_id,
        case
            when is_primary then 'home'
            else {{ c360_pick_value('h_type', ['work', 'billing', 'shipping']) }}
        end as address_type,
        cast(1 + mod(h_street, 9999) as {{ dbt.type_string() }}) || ' '
        || {{ c360_pick_value(c360_div('h_street', 10000), ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Birch']) }}
        || ' ' || street_suffix as street_line,
        {{ c360_pick_value('h_city', c360_catalog('cities')) }} || ' City' as city,
        cast(10000 + mod(h_city, 89999) as {{ dbt.type_string() }}) as postal_code,
        {{ c360_pick_weighted('h_customer_country', c360_catalog('countries')) }} as country_code,
        is_primary,
        {{ c360_offset_to_timestamp('created_offset') }} as created_at,
        {{ c360_offset_to_timestamp('loaded_offset') }} as _loaded_at
    from all_addresses
)

{{ c360_with_faults('user_db__addresses', 'final') }}
