{#- Every raw row accounted for, per raw table: raw = clean + quarantined + duplicates collapsed. Each term
    is counted from a different model (raw table, staging model, quarantine mart, validation model), so the
    identity is a real check, not a definition. -#}
{%- set tables = c360_dq_tables() %}

with

{% for entry in tables %}
    {%- set name = entry.source ~ '__' ~ entry.table %}
    raw_{{ name }} as (
        select * from {{ c360_source(entry.source, entry.table) }}
    ),

    stg_{{ name }} as (
        select * from {{ ref('stg_' ~ name) }}
    ),

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
            (select count(*) as raw_rows from raw_{{ name }}) as raw_rows,
            (select count(*) as clean_rows from stg_{{ name }}) as clean_rows,
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
