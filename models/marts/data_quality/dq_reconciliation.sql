{#- Every raw row accounted for, per raw table: raw = clean + quarantined + duplicates collapsed. Built from
    the validation models only (each holds every raw row with its reasons and copy rank) and the quarantine
    mart, so it is built, and agrees with dq_quarantine, whenever validation is, even when a staging model,
    a mart or a test downstream fails. The terms come from different columns and models (all rows, rows
    without reasons at rank 1, the quarantine mart's rows, distinct keys), so the identity is a check, not a
    definition; tests/python/test_data_quality.py counts the raw tables and the staging models on their own
    and checks them against raw_rows and clean_rows here. -#}
{%- set tables = c360_dq_tables() %}

with

{% for entry in tables %}
    {%- set name = entry.source ~ '__' ~ entry.table %}
    val_{{ name }} as (
        select * from {{ ref('val_' ~ name) }}
    ),

{% endfor %}
quarantine as (
    select * from {{ ref('dq_quarantine') }}
),

quarantined as (
    select
        source_name,
        source_table,
        count(*) as quarantined_rows
    from quarantine
    group by source_name, source_table
),

counted as (
    {%- for entry in tables %}
        {%- set name = entry.source ~ '__' ~ entry.table %}
        select
            '{{ entry.source }}' as source_name,
            '{{ entry.table }}' as source_table,
            (select count(*) as raw_rows from val_{{ name }}) as raw_rows,
            (
                select count(*) as clean_rows from val_{{ name }}
                where dq_reason_codes is null and dq_duplicate_rank = 1
            ) as clean_rows,
            (
                select count(*) - count(distinct {{ c360_dq_key_text(entry.dedupe) }}) as duplicates_collapsed
                from val_{{ name }}
                where dq_reason_codes is null
            ) as duplicates_collapsed
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        counted.source_name,
        counted.source_table,
        counted.raw_rows,
        counted.clean_rows,
        coalesce(quarantined.quarantined_rows, 0) as quarantined_rows,
        counted.duplicates_collapsed,
        counted.raw_rows
        - counted.clean_rows
        - coalesce(quarantined.quarantined_rows, 0)
        - counted.duplicates_collapsed as unaccounted_rows
    from counted
    left join quarantined
        on
            counted.source_name = quarantined.source_name
            and counted.source_table = quarantined.source_table
)

select * from final
