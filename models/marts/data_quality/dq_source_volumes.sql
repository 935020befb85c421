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
    so a count is only ever compared with a count of the same dataset. -#}

with

reconciliation as (
    select * from {{ ref('dq_reconciliation') }}
),

{%- if c360_is_incremental() %}
history as (
    select * from {{ this }}
),

latest_runs as (
    select
        source_name,
        source_table,
        max(run_number) as run_number
    from history
    group by source_name, source_table
),

previous as (
    select
        history.source_name,
        history.source_table,
        history.run_number,
        history.row_count
    from history
    inner join latest_runs
        on
            history.source_name = latest_runs.source_name
            and history.source_table = latest_runs.source_table
            and history.run_number = latest_runs.run_number
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
{%- else %}
counted as (
    select
        source_name,
        source_table,
        1 as run_number,
        raw_rows as row_count,
        cast(null as {{ dbt.type_bigint() }}) as previous_row_count
    from reconciliation
),
{%- endif %}

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
