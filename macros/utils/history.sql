{#
    True for the version of an SCD2 relation in force at instant `at_expr`: valid_from <= at and (valid_to is
    null or at < valid_to). `relation` is the alias the columns are read from; dbt snapshots name the columns
    dbt_valid_from / dbt_valid_to, dim_customers_history valid_from / valid_to.
#}
{% macro c360_version_valid_at(relation, at_expr, from_column='dbt_valid_from', to_column='dbt_valid_to') -%}
    {{ relation }}.{{ from_column }} <= {{ at_expr }}
    and ({{ relation }}.{{ to_column }} is null or {{ at_expr }} < {{ relation }}.{{ to_column }})
{%- endmacro %}

{#
    The versions a timestamp-strategy snapshot holds, readable before the snapshot exists. `dbt run` does
    not build snapshots, so on a fresh warehouse the snapshot table is missing; it then reads the model the
    snapshot captures and gives what the snapshot's first run would hold: one open version per key, valid
    from its updated_at. Once `dbt build` / `dbt snapshot` has made the snapshot, it reads the snapshot.
    Only `dbt run` and `dbt build` look at the warehouse; compile and docs always show the snapshot path.
#}
{% macro c360_snapshot_versions(snapshot_name, captured_model, updated_at_column) -%}
    {%- set snapshot = ref(snapshot_name) -%}
    {%- set captured = ref(captured_model) -%}
    {%- if execute and flags.WHICH in ['run', 'build'] and load_relation(snapshot) is none -%}
        select
            captured.*,
            captured.{{ updated_at_column }} as dbt_valid_from,
            cast(null as {{ dbt.type_timestamp() }}) as dbt_valid_to
        from {{ captured }} as captured
    {%- else -%}
        select * from {{ snapshot }}
    {%- endif -%}
{%- endmacro %}
