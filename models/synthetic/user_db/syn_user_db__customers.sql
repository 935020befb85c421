{{ config(alias='user_db__customers', tags=['user_db']) }}

with

spine as (
    {{ c360_series(c360_rows()) }}
),

hashed as (
    select
        row_num,
        {{ c360_signup_offset('row_num') }} as signup_offset,
        {{ c360_hash('row_num', 101) }} as h_first_name,
        {{ c360_hash('row_num', 102) }} as h_last_name,
        {{ c360_hash('row_num', 103) }} as h_email,
        {{ c360_hash('row_num', 104) }} as h_country,
        {{ c360_hash('row_num', 105) }} as h_updated
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
        {{ c360_offset_between(
            'h_updated', 'signup_offset', 'least(signup_offset + 15552000, ' ~ (c360_span_seconds() - 1) ~ ')'
        ) }} as updated_offset
    from hashed
),

final as (
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
)

select * from final
