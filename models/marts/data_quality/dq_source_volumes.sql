{{ config(
    materialized='incremental',
    incremental_strategy=c360_incremental_strategy(),
    unique_key='volume_id',
    on_schema_change='fail',
    full_refresh=false
) }}

{#- Row counts per raw table, one row per table per run: the history the volume test compares each load
    with. Previous load = the latest earlier run recorded here for the table. The history is kept through
    --full-refresh (full_refresh=false: a daily full refresh must not forget yesterday's counts) and dropped
    with the other incremental models when the data-defining vars change (macros/utils/dataset_state.sql),
    so a count is only ever compared with a count of the same dataset. Only run and build read the history:
    with full_refresh=false dbt would look the table up even under --full-refresh, and `dbt compile` (the
    offline BigQuery compile included) must not query the warehouse; it shows the first-run form. -#}
{%- set reads_history = flags.WHICH in ['run', 'build'] and c360_is_incremental() %}

with

reconciliation as (
    select * from {{ ref('dq_reconciliation') }}
),

-- the previous load of each table: its latest earlier run in this history (none on the first run)
previous as (
    {%- if reads_history %}
    select
        history.source_name,
        history.source_table,
        history.run_number,
        history.row_count
    from {{ this }} as history
    where history.run_number = (
        select max(latest.run_number) from {{ this }} as latest
        where
            latest.source_name = history.source_name
            and latest.source_table = history.source_table
    )
    {%- else %}
        select
            source_name,
            source_table,
            cast(0 as {{ dbt.type_bigint() }}) as run_number,
            cast(raw_rows as {{ dbt.type_bigint() }}) as row_count
        from reconciliation
        where false
    {%- endif %}
),

counted as (
    select
        reconciliation.source_name,
        reconciliation.source_table,
        coalesce(previous.run_number, 0) + 1 as run_number,
        reconciliation.raw_rows as row_count,
        previous.row_count as previous_row_count
    from reconciliation
    left join previous
        on
            reconciliation.source_name = previous.source_name
            and reconciliation.source_table = previous.source_table
),

final as (
    select
        source_name || '__' || source_table || '#' || cast(run_number as {{ dbt.type_string() }}) as volume_id,
        source_name,
        source_table,
        cast(run_number as {{ dbt.type_bigint() }}) as run_number,
        cast(row_count as {{ dbt.type_bigint() }}) as row_count,
        cast(previous_row_count as {{ dbt.type_bigint() }}) as previous_row_count,
        round(100 * {{ c360_safe_divide('row_count - previous_row_count', 'previous_row_count') }}, 2)
            as change_percent
    from counted
)

select * from final
