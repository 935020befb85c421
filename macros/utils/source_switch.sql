{#
    The one switch between synthetic and real raw data. var source_data:
      synthetic (default): the generator models in models/synthetic (named syn_<source>__<table>);
      sources:             the declared dbt sources (production loads).
    ref()/source() are only called for the active mode, so dbt docs lineage is true in both modes.
#}
{% macro c360_source(source_name, table_name) -%}
    {%- set mode = var('source_data', 'synthetic') -%}
    {%- if mode == 'synthetic' -%}
        {{ return(ref('syn_' ~ source_name ~ '__' ~ table_name)) }}
    {%- elif mode == 'sources' -%}
        {{ return(source(source_name, table_name)) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("var source_data must be 'synthetic' or 'sources', got '" ~ mode ~ "'") }}
    {%- endif -%}
{%- endmacro %}
