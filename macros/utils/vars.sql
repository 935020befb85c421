{#
    Every project var checked up front, with a message naming the var, before anything is built.

    c360_var_rules() is the one registry: kind (integer | number | date | choice | boolean), bounds, and
    for choices the allowed values. c360_check_vars() runs first in on-run-start (every dbt run, build,
    seed, snapshot and test) and from c360_rows() (so `dbt compile` checks the generator's vars too).
    Integers must be integers: 1.5 is an error, not 1. Numbers may be written as numbers or numeric text.
    Upper bounds name the limit instead of failing later with an overflow: the generator's hash keys must
    stay below 8e9 (macros/generator/hashing.sql), so no raw table may exceed 2,000,000,000 rows.
#}
{% macro c360_var_rules() -%}
    {%- set multiplier = {'kind': 'number', 'min': 0, 'min_exclusive': true, 'max': 50} -%}
    {{ return({
        'source_data': {'kind': 'choice', 'values': ['synthetic', 'sources']},
        'num_customers': {'kind': 'integer', 'min': 1, 'max': 100000000},
        'num_addresses_multiplier': multiplier,
        'num_phones_multiplier': multiplier,
        'num_accounts_multiplier': multiplier,
        'num_limit_changes_multiplier': multiplier,
        'num_card_transactions_multiplier': multiplier,
        'num_events_multiplier': multiplier,
        'num_orders_multiplier': multiplier,
        'num_order_items_multiplier': multiplier,
        'num_tickets_multiplier': multiplier,
        'num_subscriptions_multiplier': multiplier,
        'num_products': {'kind': 'integer', 'min': 1, 'max': 10000000},
        'start_date': {'kind': 'date'},
        'end_date': {'kind': 'date'},
        'generator_seed': {'kind': 'integer', 'min': 0, 'max': 2147483646},
        'generator_batch': {'kind': 'integer', 'min': 1, 'max': 3650},
        'batch_growth_percent': {'kind': 'number', 'min': 0, 'min_exclusive': true, 'max': 100},
        'incremental_lookback_days': {'kind': 'integer', 'min': 0, 'max': 365},
        'fault_rate': {'kind': 'number', 'min': 0, 'max': 0.05},
        'active_days_threshold': {'kind': 'integer', 'min': 1, 'max': 3650},
        'churn_days_threshold': {'kind': 'integer', 'min': 1, 'max': 3650},
        'high_value_threshold': {'kind': 'number', 'min': 0, 'max': 1000000000000},
        'dq_max_amount': {'kind': 'number', 'min': 0, 'min_exclusive': true, 'max': 1000000000000},
        'dq_max_quantity': {'kind': 'integer', 'min': 1, 'max': 1000000000},
        'dq_max_daily_spend': {'kind': 'number', 'min': 0, 'min_exclusive': true, 'max': 1000000000000},
        'dq_earliest_date': {'kind': 'date'},
        'dq_max_volume_drop_percent': {'kind': 'number', 'min': 0, 'max': 100},
        'reset_history': {'kind': 'boolean'},
    }) }}
{%- endmacro %}

{# The problem with one var's value, or '' when it is valid. #}
{% macro c360_var_problem(name, value, rule) -%}
    {%- set text = value | string -%}
    {%- if rule.kind == 'choice' -%}
        {%- if text not in rule['values'] -%}
            {{ return("must be one of '" ~ rule['values'] | join("', '") ~ "'") }}
        {%- endif -%}
    {%- elif rule.kind == 'boolean' -%}
        {%- if value is not sameas true and value is not sameas false -%}
            {{ return('must be true or false') }}
        {%- endif -%}
    {%- elif rule.kind == 'date' -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', text) -%}
            {{ return('must be a date written YYYY-MM-DD') }}
        {%- endif -%}
        {%- set year, month, day = text[0:4] | int, text[5:7] | int, text[8:10] | int -%}
        {%- if year < 1900 or month < 1 or month > 12 or day < 1 -%}
            {{ return('must be a valid calendar date (YYYY-MM-DD) from 1900 on') }}
        {%- endif -%}
        {%- set next_month = modules.datetime.date(year + month // 12, month % 12 + 1, 1) -%}
        {%- if day > (next_month - modules.datetime.timedelta(days=1)).day -%}
            {{ return('must be a valid calendar date (YYYY-MM-DD) from 1900 on') }}
        {%- endif -%}
    {%- else -%}
        {%- set is_integer = (value is integer and value is not sameas true and value is not sameas false)
            or (value is string and modules.re.fullmatch('-?[0-9]+', text.strip())) -%}
        {%- set is_number = is_integer or value is float
            or (value is string and modules.re.fullmatch('-?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?', text.strip())) -%}
        {%- set bounds = 'between ' ~ rule.min ~ ('' if not rule.get('min_exclusive') else ' (exclusive)') ~ ' and ' ~ rule.max -%}
        {%- if rule.kind == 'integer' and not is_integer -%}
            {{ return('must be an integer ' ~ bounds) }}
        {%- elif not is_number -%}
            {{ return('must be a number ' ~ bounds) }}
        {%- endif -%}
        {%- set number = text.strip() | float -%}
        {%- if number != number or number < rule.min or (rule.get('min_exclusive') and number == rule.min)
                or number > rule.max -%}
            {{ return('must be ' ~ ('an integer ' if rule.kind == 'integer' else 'a number ') ~ bounds) }}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#
    One var's value, checked against its rule and typed (integer -> int, number -> float): the accessor for
    macros that read a single var where c360_check_vars() may not have run (`dbt compile`, sources mode).
#}
{% macro c360_checked_var(name) -%}
    {%- set rule = c360_var_rules()[name] -%}
    {%- set value = var(name) -%}
    {%- set problem = c360_var_problem(name, value, rule) -%}
    {%- if problem -%}
        {{ exceptions.raise_compiler_error('var ' ~ name ~ ' ' ~ problem ~ ', got ' ~ tojson(value)) }}
    {%- endif -%}
    {%- if rule.kind == 'integer' -%}
        {{ return(value | string | trim | int) }}
    {%- elif rule.kind == 'number' -%}
        {{ return(value | string | trim | float) }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{# Raise one compiler error listing every invalid var (name, rule, value given). #}
{% macro c360_check_vars() -%}
    {%- set problems = [] -%}
    {%- for name, rule in c360_var_rules().items() -%}
        {%- set value = var(name, none) -%}
        {%- if value is not none -%}
            {%- set problem = c360_var_problem(name, value, rule) -%}
            {%- if problem -%}
                {%- do problems.append('var ' ~ name ~ ' ' ~ problem ~ ', got ' ~ tojson(value)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not problems -%}
        {%- if (var('churn_days_threshold') | int) < (var('active_days_threshold') | int) -%}
            {%- do problems.append('var churn_days_threshold must be >= active_days_threshold, got '
                ~ var('churn_days_threshold') ~ ' < ' ~ var('active_days_threshold')) -%}
        {%- endif -%}
        {%- set customers = var('num_customers') | int -%}
        {%- for name, rule in c360_var_rules().items() if name.endswith('_multiplier') -%}
            {%- if customers * (var(name) | float) > 2000000000 -%}
                {%- do problems.append('num_customers x ' ~ name ~ ' = ' ~ (customers * (var(name) | float)) | int
                    ~ ' rows: above the generator limit of 2000000000 rows per raw table') -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(problems | join('; ')) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
