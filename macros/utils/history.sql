{#
    True for the version of an SCD2 relation in force at instant `at_expr`: valid_from <= at and (valid_to is
    null or at < valid_to). `relation` is the alias the columns are read from; dbt snapshots name the columns
    dbt_valid_from / dbt_valid_to, dim_customers_history valid_from / valid_to.
#}
{% macro c360_version_valid_at(relation, at_expr, from_column='dbt_valid_from', to_column='dbt_valid_to') -%}
    {{ relation }}.{{ from_column }} <= {{ at_expr }}
    and ({{ relation }}.{{ to_column }} is null or {{ at_expr }} < {{ relation }}.{{ to_column }})
{%- endmacro %}
