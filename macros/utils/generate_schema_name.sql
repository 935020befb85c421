{#
    Custom schemas are used as-is (raw, staging, intermediate, marts, reference) so users query
    `marts.customer_360` on every target. Without a custom schema the target's schema is used.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
