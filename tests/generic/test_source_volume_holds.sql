{#-
    Fails (warn severity where it is configured) for every raw table whose count in the latest run of a
    volume history (dq_source_volumes) is 0, or is below the previous load's count by more than var
    dq_max_volume_drop_percent (default 50) percent. One row per table and problem: volume_problem is
    `empty` or `dropped`.
-#}
{% test source_volume_holds(model) %}

{%- set max_drop = c360_checked_var('dq_max_volume_drop_percent') %}

with

volumes as (
    select * from {{ model }}
),

latest_runs as (
    select
        source_name,
        source_table,
        max(run_number) as run_number
    from volumes
    group by source_name, source_table
),

final as (
    select
        volumes.source_name,
        volumes.source_table,
        volumes.run_number,
        volumes.row_count,
        volumes.previous_row_count,
        volumes.change_percent,
        case when volumes.row_count = 0 then 'empty' else 'dropped' end as volume_problem
    from volumes
    inner join latest_runs
        on
            volumes.source_name = latest_runs.source_name
            and volumes.source_table = latest_runs.source_table
            and volumes.run_number = latest_runs.run_number
    where
        volumes.row_count = 0
        or 100 * (volumes.previous_row_count - volumes.row_count) > {{ max_drop }} * volumes.previous_row_count
)

select * from final

{% endtest %}
