{#
    Exact median of `value` per `partition_by`, the same on every engine: the mean of the two middle values
    for an even count, the middle value for an odd one (no approximate quantiles). Nulls are left out.
    Returns a select of (partition_by, alias) over `relation` (a CTE name), one row per partition with at
    least one non-null value.
#}
{% macro c360_exact_median(relation, partition_by, value, alias) -%}
    select
        {{ partition_by }},
        avg({{ value }}) as {{ alias }}
    from (
        select
            {{ partition_by }},
            {{ value }},
            row_number() over (partition by {{ partition_by }} order by {{ value }}) as value_position,
            count(*) over (partition by {{ partition_by }}) as value_count
        from {{ relation }}
        where {{ value }} is not null
    ) as ranked_values
    where
        value_position = {{ c360_div('value_count + 1', 2) }}
        or value_position = {{ c360_div('value_count + 2', 2) }}
    group by {{ partition_by }}
{%- endmacro %}
