{#
    An ISO-8601 local timestamp string with a UTC offset ('2024-03-05 14:22:10+05:30') converted to a
    UTC timestamp. Null in, null out.
#}
{% macro c360_offset_string_to_utc(string_expr) -%}
    {{ c360_add_seconds(
        'cast(substr(' ~ string_expr ~ ', 1, 19) as ' ~ dbt.type_timestamp() ~ ')',
        '-1 * case when substr(' ~ string_expr ~ ', 20, 1) = \'-\' then -1 else 1 end * ('
        ~ 'cast(substr(' ~ string_expr ~ ', 21, 2) as ' ~ dbt.type_int() ~ ') * 3600 + '
        ~ 'cast(substr(' ~ string_expr ~ ', 24, 2) as ' ~ dbt.type_int() ~ ') * 60)'
    ) }}
{%- endmacro %}

{# A phone number normalised to +1 and ten digits; null when the digits do not form one. #}
{% macro c360_normalize_phone(string_expr) -%}
    case
        when length({{ c360_digits_only(string_expr) }}) = 10
            then '+1' || {{ c360_digits_only(string_expr) }}
        when length({{ c360_digits_only(string_expr) }}) = 11 and substr({{ c360_digits_only(string_expr) }}, 1, 1) = '1'
            then '+' || {{ c360_digits_only(string_expr) }}
    end
{%- endmacro %}
