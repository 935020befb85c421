{#- Per raw table and load day: rows received, kept clean, quarantined (in total and by reason) and
    collapsed as duplicates. A clean record counts on the load day of the copy staging keeps (no reasons,
    rank 1). Built from the validation models and the quarantine mart only, like dq_reconciliation. -#}
{%- set tables = c360_dq_tables() %}
{%- set reasons = c360_dq_reasons() %}

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

daily_counts as (
    {%- for entry in tables %}
        {%- set name = entry.source ~ '__' ~ entry.table %}
        select
            '{{ entry.source }}' as source_name,
            '{{ entry.table }}' as source_table,
            cast(_loaded_at as date) as loaded_on,
            count(*) as received_rows,
            0 as clean_rows
        from val_{{ name }}
        group by cast(_loaded_at as date)
        union all
        select
            '{{ entry.source }}' as source_name,
            '{{ entry.table }}' as source_table,
            cast(cast(_loaded_at as {{ dbt.type_timestamp() }}) as date) as loaded_on,
            0 as received_rows,
            count(*) as clean_rows
        from val_{{ name }}
        where dq_reason_codes is null and dq_duplicate_rank = 1
        group by cast(cast(_loaded_at as {{ dbt.type_timestamp() }}) as date)
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

daily_quarantine as (
    select
        source_name,
        source_table,
        loaded_on,
        count(*) as quarantined_rows,
        {%- for reason in reasons %}
            sum(
                case when has_{{ reason }} then 1 else 0 end
            ) as quarantined_{{ reason }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from quarantine
    group by source_name, source_table, loaded_on
),

daily_totals as (
    select
        source_name,
        source_table,
        loaded_on,
        sum(received_rows) as received_rows,
        sum(clean_rows) as clean_rows
    from daily_counts
    group by source_name, source_table, loaded_on
),

final as (
    select
        daily_totals.source_name,
        daily_totals.source_table,
        daily_totals.loaded_on,
        daily_totals.received_rows,
        daily_totals.clean_rows,
        coalesce(daily_quarantine.quarantined_rows, 0) as quarantined_rows,
        daily_totals.received_rows
        - daily_totals.clean_rows
        - coalesce(daily_quarantine.quarantined_rows, 0) as duplicates_collapsed,
        {%- for reason in reasons %}
            coalesce(
                daily_quarantine.quarantined_{{ reason }}, 0
            ) as quarantined_{{ reason }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from daily_totals
    left join daily_quarantine
        on
            daily_totals.source_name = daily_quarantine.source_name
            and daily_totals.source_table = daily_quarantine.source_table
            and daily_totals.loaded_on = daily_quarantine.loaded_on
)

select * from final
