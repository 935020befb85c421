{#-
    Data-quality reconciliation of one source system: fails for every raw table of the source whose raw
    rows are not exactly clean + quarantined + duplicates collapsed, and fails once if the source has no
    row at all in the reconciliation. Applied to dq_reconciliation, once per source:
        data_tests:
          - reconciles:
              arguments:
                source_name: user_db
              config:
                store_failures: true
-#}
{% test reconciles(model, source_name, column_name=none) %}

with

reconciliation as (
    select * from {{ model }}
    where source_name = '{{ source_name }}'
),

unbalanced as (
    select
        source_name,
        source_table,
        raw_rows,
        clean_rows,
        quarantined_rows,
        duplicates_collapsed,
        raw_rows - clean_rows - quarantined_rows - duplicates_collapsed as unaccounted_rows
    from reconciliation
    where
        raw_rows <> clean_rows + quarantined_rows + duplicates_collapsed
        or unaccounted_rows <> 0
        or duplicates_collapsed < 0
),

missing as (
    select
        '{{ source_name }}' as source_name,
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_bigint() }}) as raw_rows,
        cast(null as {{ dbt.type_bigint() }}) as clean_rows,
        cast(null as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(null as {{ dbt.type_bigint() }}) as duplicates_collapsed,
        cast(null as {{ dbt.type_bigint() }}) as unaccounted_rows
    from (select count(*) as tables_reconciled from reconciliation) as counted
    where counted.tables_reconciled = 0
),

final as (
    select * from unbalanced
    union all
    select * from missing
)

select * from final

{% endtest %}
