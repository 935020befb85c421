{{ config(alias='user_db__customers', tags=['user_db']) }}

{#-
    Batch 1: one row per base customer. Each later batch b (macros/generator/batches.sql) adds the
    customers created on its day and a new version (same customer_id, new e-mail, updated and loaded that
    day) of every base customer with an e-mail that changes on each load (2% of them).
-#}
{%- set batch = c360_batch() %}

with

spine as (
    {{ c360_series(c360_customers_through_batch(batch)) }}
),

hashed as (
    select
        row_num,
        {{ c360_any_signup_offset('row_num') }} as signup_offset,
        {{ c360_hash('row_num', 'customer.first_name') }} as h_first_name,
        {{ c360_hash('row_num', 'customer.last_name') }} as h_last_name,
        {{ c360_hash('row_num', 'customer.email') }} as h_email,
        {{ c360_hash('row_num', 'customer.country') }} as h_country,
        {{ c360_hash('row_num', 'customer.updated') }} as h_updated
    from spine
),

named as (
    select
        row_num,
        signup_offset,
        h_email,
        h_updated,
        {{ c360_pick_value('h_first_name', c360_catalog('first_names')) }} as first_name,
        {{ c360_pick_value('h_last_name', c360_catalog('last_names')) }} as last_name,
        {{ c360_pick_weighted('h_country', c360_catalog('countries')) }} as country_code,
        {{ c360_pick_value(c360_div('h_email', 16), c360_catalog('email_domains')) }} as email_domain,
        case
            -- customers a later batch adds have not changed since signup
            when row_num >= {{ c360_rows() }} then signup_offset
            else {{ c360_offset_between(
                'h_updated', 'signup_offset', 'least(signup_offset + 15552000, ' ~ (c360_span_seconds() - 1) ~ ')'
            ) }}
        end as updated_offset
    from hashed
),

customers as (
    select
        row_num + 1 as customer_id,
        first_name,
        last_name,
        -- 10% arrive upper-cased and padded: staging must normalise them, not reject them
        case
            when mod(h_email, 10) = 0
                then
                    '  '
                    || upper(
                        first_name
                        || '.'
                        || last_name
                        || cast(row_num + 1 as {{ dbt.type_string() }})
                        || '@'
                        || email_domain
                    )
                    || ' '
            else
                lower(
                    first_name
                    || '.'
                    || last_name
                    || cast(row_num + 1 as {{ dbt.type_string() }})
                    || '@'
                    || email_domain
                )
        end as email,
        country_code,
        {{ c360_offset_to_timestamp('signup_offset') }} as signup_at,
        {{ c360_offset_to_timestamp('updated_offset') }} as updated_at,
        {{ c360_offset_to_timestamp('updated_offset + 3600') }} as _loaded_at
    from named
),
{%- if batch > 1 %}

later_batches as (
    select row_num + 2 as batch from ({{ c360_series(batch - 1) }}) as batch_numbers
),

-- 2% of base customers change their e-mail on every later load: first.last<id>.v<batch>@<domain>
email_changes as (
    select
        named.row_num,
        named.first_name,
        named.last_name,
        named.country_code,
        named.signup_offset,
        named.email_domain,
        later_batches.batch,
        named.row_num * 64 + later_batches.batch as change_key
    from named
    cross join later_batches
    where named.row_num < {{ c360_rows() }} and mod({{ c360_hash('named.row_num', 'customer.email_change') }}, 50) = 0
),

email_changes_timed as (
    select
        email_changes.*,
        {{ c360_batch_day_offset('batch') }} + mod({{ c360_hash('change_key', 'customer.email_change_time') }}, 82800)
            as updated_offset
    from email_changes
),

changed_customers as (
    select
        row_num + 1 as customer_id,
        first_name,
        last_name,
        lower(
            first_name
            || '.'
            || last_name
            || cast(row_num + 1 as {{ dbt.type_string() }})
            || '.v'
            || cast(batch as {{ dbt.type_string() }})
            || '@'
            || email_domain
        ) as email,
        country_code,
        {{ c360_offset_to_timestamp('signup_offset') }} as signup_at,
        {{ c360_offset_to_timestamp('updated_offset') }} as updated_at,
        {{ c360_offset_to_timestamp('updated_offset + 3600') }} as _loaded_at
    from email_changes_timed
),
{%- endif %}

final as (
    {%- set union_columns = [
        'customer_id',
        'first_name',
        'last_name',
        'email',
        'country_code',
        'signup_at',
        'updated_at',
        '_loaded_at',
    ] %}
    {{- c360_union_by_name(['customers', 'changed_customers'] if batch > 1 else ['customers'], union_columns) }}
)

{{ c360_with_faults('user_db__customers', 'final') }}
