{#-
    Fails for every row whose column lies outside [min_value, max_value] (both bounds inclusive).
    Either bound may be left out for a one-sided check; null values pass (pair with not_null if needed).
    Usage:
        - name: retention_rate
          data_tests:
            - between:
                arguments:
                  min_value: 0
                  max_value: 1
-#}
{% test between(model, column_name, min_value=none, max_value=none) %}

{%- if min_value is none and max_value is none %}
    {{ exceptions.raise_compiler_error("between test on " ~ column_name ~ ": give min_value, max_value or both") }}
{%- endif %}

with

final as (
    select {{ column_name }} as out_of_range_value
    from {{ model }}
    where
        {%- if min_value is not none %}
        {{ column_name }} < {{ min_value }}
        {%- endif %}
        {%- if min_value is not none and max_value is not none %}
        or
        {%- endif %}
        {%- if max_value is not none %}
        {{ column_name }} > {{ max_value }}
        {%- endif %}
)

select * from final

{% endtest %}
