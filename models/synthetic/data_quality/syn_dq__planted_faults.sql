{{ config(alias='dq__planted_faults', tags=['data_quality']) }}

{#- What the generator planted when var fault_rate > 0: one row per raw table and fault kind, straight
    from c360_fault_plan (the macro the generator models plant with). Empty when fault_rate is 0. -#}
{%- set kinds = [] %}
{%- for table in c360_fault_tables().keys() | sort %}
    {%- set plan = c360_fault_plan(table) %}
    {%- for kind in plan['kinds'] %}
        {%- do kinds.append({'table': table, 'kind': kind, 'count': plan['count']}) %}
    {%- endfor %}
{%- endfor %}

with

planted as (
    {%- for row in kinds %}
    select
        '{{ row.table.split("__")[0] }}' as source_name,
        '{{ row.table.split("__")[1] }}' as source_table,
        '{{ row.kind.name }}' as fault_kind,
        '{{ row.kind.classes | join("|") }}' as fault_classes,
        '{{ row.kind.outcome }}' as expected_outcome,
        {{ row.count }} as planted_rows
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as source_name,
            cast(null as {{ dbt.type_string() }}) as source_table,
            cast(null as {{ dbt.type_string() }}) as fault_kind,
            cast(null as {{ dbt.type_string() }}) as fault_classes,
            cast(null as {{ dbt.type_string() }}) as expected_outcome,
            cast(null as {{ dbt.type_bigint() }}) as planted_rows
        from (select 1 as placeholder) as empty_input
        where 1 = 0
    {%- endfor %}
),

final as (
    select
        source_name,
        source_table,
        fault_kind,
        fault_classes,
        expected_outcome,
        cast(planted_rows as {{ dbt.type_bigint() }}) as planted_rows,
        {{ c360_fault_rate() }} as fault_rate
    from planted
)

select * from final
