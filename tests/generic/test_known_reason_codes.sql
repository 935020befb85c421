{#-
    Fails for every row whose '|'-separated reason codes are empty or contain a code outside the data-quality
    vocabulary (c360_dq_reasons in macros/utils/data_quality.sql).
-#}
{% test known_reason_codes(model, column_name) %}

{%- set ns = namespace(remainder="'|' || " ~ column_name ~ " || '|'") %}
{%- for reason in c360_dq_reasons() %}
    {%- set ns.remainder = "replace(" ~ ns.remainder ~ ", '|" ~ reason ~ "|', '|')" %}
{%- endfor %}

with

final as (
    select {{ column_name }} as reason_codes
    from {{ model }}
    where
        {{ column_name }} is null
        or {{ column_name }} = ''
        or replace({{ ns.remainder }}, '|', '') <> ''
)

select * from final

{% endtest %}
