{#-
    The primary key of a dbt snapshot: every version row has its key, and (key, dbt_valid_from) appears
    once. A snapshot exists only after its first `dbt snapshot` / `dbt build`; before that (a plain
    `dbt run` on a fresh warehouse) it has no versions to check, so the test returns no rows.
    Only `dbt test` / `dbt build` look at the warehouse; an offline `dbt compile` never connects.
    Usage on the key column:
        data_tests:
          - snapshot_version_key
-#}
{% test snapshot_version_key(model, column_name) %}

{%- if execute and flags.WHICH in ['test', 'build', 'retry'] and load_relation(model) is none %}

select 1 as missing_key
where 1 = 0

{%- else %}

with

versions as (
    select
        {{ column_name }} as version_key,
        dbt_valid_from
    from {{ model }}
),

final as (
    select
        version_key,
        dbt_valid_from,
        count(*) as row_count
    from versions
    group by version_key, dbt_valid_from
    having version_key is null or count(*) > 1
)

select * from final

{%- endif %}

{% endtest %}
