{#- One row per rejected raw record, from every validation model: the raw row as received (JSON), its
    source and table, and every reason it was rejected. A column delivered in a type that breaks the source
    contract shows its delivered value (dq_delivered__<column>, macros/utils/source_contract.sql). -#}
{%- set tables = c360_dq_tables() %}

with

{% for entry in tables %}
    {{ entry.source }}__{{ entry.table }} as (
        select * from {{ ref('val_' ~ entry.source ~ '__' ~ entry.table) }}
        where dq_reason_codes is not null
    ),

{% endfor %}
rejected as (
    {%- for entry in tables %}
        {%- set model_name = 'val_' ~ entry.source ~ '__' ~ entry.table %}
        {%- set columns = c360_dq_raw_columns(model_name) %}
        select
            '{{ entry.source }}' as source_name,
            '{{ entry.table }}' as source_table,
            {{ c360_dq_record_key(entry.key, 'flagged') }} as record_key,
            flagged.dq_reason_codes as reason_codes,
            cast(flagged._loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
            {{ c360_columns_to_json(
                'flagged', columns, ref(model_name), c360_dq_delivered_columns(entry.source, entry.table)
            ) }} as raw_record
        from {{ entry.source }}__{{ entry.table }} as flagged
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        source_table || '#' || cast(row_number() over (
            partition by source_table order by raw_record
        ) as {{ dbt.type_string() }}) as quarantine_id,
        source_name,
        source_table,
        record_key,
        reason_codes,
        {%- for reason in c360_dq_reasons() %}
            {{ dbt.position("'" ~ reason ~ "'", 'reason_codes') }} > 0 as has_{{ reason }},
        {%- endfor %}
        loaded_at,
        cast(loaded_at as date) as loaded_on,
        raw_record
    from rejected
)

select * from final
