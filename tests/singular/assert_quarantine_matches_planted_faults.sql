{{ config(
    enabled=var('source_data', 'synthetic') == 'synthetic' and (var('generator_batch', 1) | int) == 1,
    store_failures=true,
    tags=['data_quality', 'reconciliation']
) }}

{#-
    Every fault the generator planted (syn_dq__planted_faults, var fault_rate) is found, and nothing else:
    per raw table and fault class, the quarantined rows carrying the class's reason code equal the planted
    rows, and the duplicates collapsed by staging equal the planted duplicate copies. Returns one row per
    (table, class) that differs. With fault_rate 0 nothing is planted and nothing may be quarantined.
    Base load only: later batches reload changed rows under their keys, which staging collapses by design.
-#}
{%- set reasons = c360_dq_reasons() %}

with

planted as (
    select * from {{ ref('syn_dq__planted_faults') }}
),

quarantine as (
    select * from {{ ref('dq_quarantine') }}
),

reconciliation as (
    select * from {{ ref('dq_reconciliation') }}
),

planted_by_class as (
    {%- for reason in reasons %}
        select
            source_name,
            source_table,
            '{{ reason }}' as fault_class,
            sum(planted_rows) as planted_rows
        from planted
        where '|' || fault_classes || '|' like '%|{{ reason }}|%'
        group by source_name, source_table
        union all
    {%- endfor %}
    select
        source_name,
        source_table,
        'duplicate_id' as fault_class,
        sum(planted_rows) as planted_rows
    from planted
    where fault_classes = 'duplicate_id'
    group by source_name, source_table
),

found_by_class as (
    {%- for reason in reasons %}
        select
            source_name,
            source_table,
            '{{ reason }}' as fault_class,
            sum(case when has_{{ reason }} then 1 else 0 end) as found_rows
        from quarantine
        group by source_name, source_table
        union all
    {%- endfor %}
    select
        source_name,
        source_table,
        'duplicate_id' as fault_class,
        duplicates_collapsed as found_rows
    from reconciliation
),

final as (
    select
        coalesce(planted_by_class.source_name, found_by_class.source_name) as source_name,
        coalesce(planted_by_class.source_table, found_by_class.source_table) as source_table,
        coalesce(planted_by_class.fault_class, found_by_class.fault_class) as fault_class,
        coalesce(planted_by_class.planted_rows, 0) as planted_rows,
        coalesce(found_by_class.found_rows, 0) as found_rows
    from planted_by_class
    full outer join found_by_class
        on
            planted_by_class.source_name = found_by_class.source_name
            and planted_by_class.source_table = found_by_class.source_table
            and planted_by_class.fault_class = found_by_class.fault_class
    where coalesce(planted_by_class.planted_rows, 0) <> coalesce(found_by_class.found_rows, 0)
)

select * from final
