{#
    Helpdesk local times: ISO-8601 text with a UTC offset, e.g. '2024-03-05 14:22:10+05:30',
    '2024-03-05T14:22:10.250Z' or '2024-03-05T14:22:10-0800'. The pattern of a well-formed text; the
    validation model also bounds the offset (c360_dq_is_unparseable_offset_string).
#}
{% macro c360_offset_string_pattern() -%}
    [0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})
{%- endmacro %}

{# The offset of a helpdesk text as '+HH:MM' ('Z' is '+00:00'); null or '' when there is none. #}
{% macro c360_offset_string_offset(string_expr) -%}
    {%- set offset = c360_regexp_extract('trim(' ~ string_expr ~ ')', '(Z|[+-][0-9]{2}:?[0-9]{2})$') -%}
    case
        when {{ offset }} = 'Z' then '+00:00'
        else substr({{ offset }}, 1, 3) || ':' || substr(replace({{ offset }}, ':', ''), 4, 2)
    end
{%- endmacro %}

{# The offset of a helpdesk text in seconds east of UTC; null when there is none. #}
{% macro c360_offset_string_seconds(string_expr) -%}
    {%- set offset = c360_offset_string_offset(string_expr) -%}
    (case when substr({{ offset }}, 1, 1) = '-' then -1 else 1 end * (
        {{ c360_safe_cast('substr(' ~ offset ~ ', 2, 2)', dbt.type_int()) }} * 3600
        + {{ c360_safe_cast('substr(' ~ offset ~ ', 5, 2)', dbt.type_int()) }} * 60
    ))
{%- endmacro %}

{#
    A helpdesk text converted to a UTC timestamp (fractional seconds kept to the microsecond). Null in,
    null out. safe=true yields null instead of failing on a malformed text (validation).
#}
{% macro c360_offset_string_to_utc(string_expr, safe=false) -%}
    {%- set local_text = "replace(" ~ c360_regexp_extract(
        'trim(' ~ string_expr ~ ')',
        '^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]{1,6})?)'
    ) ~ ", 'T', ' ')" -%}
    {%- if safe -%}
        {%- set local_time = c360_safe_cast(local_text, dbt.type_timestamp()) -%}
    {%- else -%}
        {%- set local_time = 'cast(' ~ local_text ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
    {%- endif -%}
    {{ c360_add_seconds(local_time, '-1 * ' ~ c360_offset_string_seconds(string_expr)) }}
{%- endmacro %}

{#
    A phone number in E.164 ('+' and 8 to 15 digits, no leading 0), or null when the text is not a phone
    number. Only digits, spaces, dots, hyphens and parentheses are allowed, after an optional 'tel:' (a
    tel URI) and an optional '+' or '00' (international prefix). Without one, the number is North American:
    ten digits, or eleven starting with 1. A +1 number must have ten digits after the 1.
#}
{% macro c360_normalize_phone(string_expr) -%}
    {%- set text = "trim(regexp_replace(lower(trim(" ~ string_expr ~ ")), '^tel:', ''))" -%}
    {%- set digits = c360_digits_only(string_expr) -%}
    case
        when not coalesce({{ c360_regexp_full_match(text, '[+]?[0-9 ().-]+') }}, false) then null
        when substr({{ text }}, 1, 1) = '+' or substr({{ text }}, 1, 2) = '00' then
            case
                when substr({{ text }}, 1, 2) = '00' and substr({{ digits }}, 3, 1) = '1'
                    and length({{ digits }}) = 13 then '+' || substr({{ digits }}, 3)
                when substr({{ text }}, 1, 2) = '00' and substr({{ digits }}, 3, 1) not in ('0', '1')
                    and length({{ digits }}) between 10 and 17 then '+' || substr({{ digits }}, 3)
                when substr({{ text }}, 1, 1) = '+' and substr({{ digits }}, 1, 1) = '1'
                    and length({{ digits }}) = 11 then '+' || {{ digits }}
                when substr({{ text }}, 1, 1) = '+' and substr({{ digits }}, 1, 1) not in ('0', '1')
                    and length({{ digits }}) between 8 and 15 then '+' || {{ digits }}
            end
        when length({{ digits }}) = 10 then '+1' || {{ digits }}
        when length({{ digits }}) = 11 and substr({{ digits }}, 1, 1) = '1' then '+' || {{ digits }}
    end
{%- endmacro %}
