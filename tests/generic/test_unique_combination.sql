{#-
    Fails for every combination of the given columns that appears on more than one row: a composite
    primary key check (dbt_utils.unique_combination_of_columns is unavailable, no packages install here).
    Usage at model level:
        data_tests:
          - unique_combination:
              arguments:
                combination_of_columns: [cohort_week, weeks_since_signup]
-#}
{% test unique_combination(model, combination_of_columns) %}

{%- set columns_csv = combination_of_columns | join(', ') %}

with

grouped as (
    select
        {{ columns_csv }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns_csv }}
),

final as (
    select *
    from grouped
    where row_count > 1
)

select * from final

{% endtest %}
