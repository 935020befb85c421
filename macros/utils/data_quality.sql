{#
    Data-quality helpers: the validation models (models/validation) flag every raw row with the reasons it
    cannot be used; staging keeps the rows without reasons; the data_quality marts quarantine, reconcile and
    summarise.

    Reason codes (the quarantine's vocabulary):
      missing_primary_key    the record's key is null or blank
      invalid_email          the e-mail, after lower-casing and trimming, is not a plausible address
      invalid_phone          the phone number does not normalise to +1 and ten digits
      unparseable_timestamp  a timestamp delivered as text cannot be parsed
      future_timestamp       an event time lies after the moment the record was loaded (_loaded_at)
      invalid_amount         a money amount or quantity is negative or absurd (above var dq_max_amount)
      orphan_foreign_key     a reference (customer, account, order, ...) that is not among the parent's
                             valid records
      unknown_enum_value     a code (event type, channel, plan, status, ...) outside its accepted values
#}

{% macro c360_dq_reasons() -%}
    {{ return(['missing_primary_key', 'invalid_email', 'invalid_phone', 'unparseable_timestamp',
               'future_timestamp', 'invalid_amount', 'orphan_foreign_key', 'unknown_enum_value']) }}
{%- endmacro %}

{#
    The reason codes of a row as one text, codes in the order given, separated by '|'; null when no check
    fails. checks: list of [reason_code, sql condition]; a condition that is null counts as passed.
#}
{% macro c360_dq_reason_codes(checks) -%}
    {%- for check in checks -%}
        {%- if check[0] not in c360_dq_reasons() -%}
            {{ exceptions.raise_compiler_error("unknown data-quality reason code " ~ check[0]) }}
        {%- endif -%}
    {%- endfor -%}
    nullif(substr(
        {%- for check in checks %}
        case when {{ check[1] }} then '|{{ check[0] }}' else '' end{% if not loop.last %} ||{% endif %}
        {%- endfor %},
        2
    ), '')
{%- endmacro %}

{# Null, or blank once trimmed (keys delivered as text). #}
{% macro c360_dq_is_blank(expr) -%}
    ({{ expr }} is null or trim(cast({{ expr }} as {{ dbt.type_string() }})) = '')
{%- endmacro %}

{# A plausible e-mail address once lower-cased and trimmed (null is not). #}
{% macro c360_dq_is_invalid_email(expr) -%}
    coalesce(not {{ c360_regexp_full_match(
        'lower(trim(' ~ expr ~ '))', '[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}'
    ) }}, true)
{%- endmacro %}

{# A code outside a list of accepted values (compared lower-cased and trimmed; null is unknown). #}
{% macro c360_dq_is_unknown_code(expr, accepted) -%}
    coalesce(lower(trim({{ expr }})) not in ('{{ accepted | join("', '") }}'), true)
{%- endmacro %}

{# A code not found in a column of a seed's import CTE (compared lower-cased and trimmed; null is unknown). #}
{% macro c360_dq_is_unknown_reference(expr, cte, column) -%}
    coalesce(lower(trim({{ expr }})) not in (select lower({{ column }}) from {{ cte }}), true)
{%- endmacro %}

{# A reference not among the parent's valid keys (the parent's import CTE); a null reference is an orphan too. #}
{% macro c360_dq_is_orphan(expr, cte, column) -%}
    coalesce({{ expr }} not in (select {{ column }} from {{ cte }}), true)
{%- endmacro %}

{# An amount outside [0, var dq_max_amount]; null amounts pass. #}
{% macro c360_dq_is_invalid_amount(expr, max_amount=none) -%}
    {%- set upper = var('dq_max_amount') if max_amount is none else max_amount -%}
    ({{ expr }} < 0{% if upper != 'unbounded' %} or {{ expr }} > {{ upper }}{% endif %})
{%- endmacro %}

{# A helpdesk local-time text ('2024-03-05 14:22:10+05:30') that is present but cannot be parsed. #}
{% macro c360_dq_is_unparseable_offset_string(expr) -%}
    ({{ expr }} is not null and not coalesce(
        {{ c360_regexp_full_match(expr, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}') }}
        and {{ c360_safe_cast('substr(' ~ expr ~ ', 1, 19)', dbt.type_timestamp()) }} is not null,
        false
    ))
{%- endmacro %}

{#
    The raw tables under data-quality control: source, table, the raw columns forming the record key, the
    expressions a record is de-duplicated on (`dedupe`), and the order that picks the copy to keep (`latest`:
    last write wins, then columns that break the remaining ties). The validation model ranks the copies once
    (c360_dq_duplicate_rank); staging keeps rank 1.
#}
{% macro c360_dq_tables() -%}
    {{ return([
        {'source': 'user_db', 'table': 'customers', 'key': ['customer_id'], 'dedupe': ['customer_id'],
         'latest': '_loaded_at desc, updated_at desc, email'},
        {'source': 'user_db', 'table': 'addresses', 'key': ['address_id'], 'dedupe': ['address_id'],
         'latest': '_loaded_at desc, created_at desc, street_line'},
        {'source': 'user_db', 'table': 'phones', 'key': ['phone_id'], 'dedupe': ['phone_id'],
         'latest': '_loaded_at desc, created_at desc, phone_number'},
        {'source': 'credit_card', 'table': 'accounts', 'key': ['account_id'], 'dedupe': ['account_id'],
         'latest': '_loaded_at desc, onboarded_at desc, account_status'},
        {'source': 'credit_card', 'table': 'limit_changes', 'key': ['limit_change_id'], 'dedupe': ['limit_change_id'],
         'latest': '_loaded_at desc, changed_at desc, change_type'},
        {'source': 'credit_card', 'table': 'transactions', 'key': ['transaction_id'], 'dedupe': ['transaction_id'],
         'latest': '_loaded_at desc, transacted_at desc, amount'},
        {'source': 'analytics', 'table': 'events', 'key': ['event_id'], 'dedupe': ['event_id'],
         'latest': '_loaded_at desc, occurred_at desc, event_type'},
        {'source': 'commerce', 'table': 'products', 'key': ['product_id'], 'dedupe': ['product_id'],
         'latest': '_loaded_at desc, product_name'},
        {'source': 'commerce', 'table': 'orders', 'key': ['order_id'], 'dedupe': ['order_id'],
         'latest': '_loaded_at desc, ordered_at desc, order_status'},
        {'source': 'commerce', 'table': 'order_items', 'key': ['order_item_id'], 'dedupe': ['order_item_id'],
         'latest': '_loaded_at desc, product_id, quantity'},
        {'source': 'support', 'table': 'tickets', 'key': ['ticket_id'], 'dedupe': ['ticket_id'],
         'latest': '_loaded_at desc, opened_at desc, ticket_status'},
        {'source': 'billing', 'table': 'subscriptions', 'key': ['subscription_id'], 'dedupe': ['subscription_id'],
         'latest': '_loaded_at desc, updated_at desc, subscription_status'},
        {'source': 'billing', 'table': 'invoices', 'key': ['invoice_id'], 'dedupe': ['invoice_id'],
         'latest': '_loaded_at desc, issued_at desc, invoice_status'},
        {'source': 'marketing', 'table': 'attributions', 'key': ['attribution_id'], 'dedupe': ['customer_id'],
         'latest': '_loaded_at desc, attributed_at desc, attribution_id desc'},
        {'source': 'marketing', 'table': 'spend', 'key': ['spend_date', 'channel_code'],
         'dedupe': ['cast(spend_date as date)', 'lower(trim(channel_code))'],
         'latest': '_loaded_at desc, spend_amount desc'}
    ]) }}
{%- endmacro %}

{# The c360_dq_tables() entry of a raw table (a compile error names a table without one). #}
{% macro c360_dq_table(source_name, table_name) -%}
    {%- set matches = c360_dq_tables() | selectattr('source', 'equalto', source_name)
        | selectattr('table', 'equalto', table_name) | list -%}
    {%- if matches | length != 1 -%}
        {{ exceptions.raise_compiler_error("no data-quality entry for " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {{ return(matches[0]) }}
{%- endmacro %}

{#
    De-duplication, computed once in the validation table so that no reader of a staging view repeats it.
    Ranking every row with a window sorts the whole wide table (200M events at 10M customers, which spills and
    grew the build superlinearly). Copies are rare, so the validation model instead:
      1. c360_dq_duplicated_keys: groups the valid rows on the narrow de-duplication key and keeps the keys with
         more than one valid copy (dedupe_key_1, dedupe_key_2, ...);
      2. c360_dq_rank_copies: gives rank 1 to a valid row whose key is not among them, ranks only the rows whose
         key is (same order as before: `latest` of c360_dq_tables()), and null to rows with reason codes.
    The de-duplication key of a valid row is never null (missing_primary_key / orphan_foreign_key reject nulls),
    so the equality joins lose no row; the pytest suite checks the ranks against a plain window on faulty data.
#}
{% macro c360_dq_duplicated_keys(relation, source_name, table_name) -%}
    {%- set entry = c360_dq_table(source_name, table_name) -%}
    select
        {%- for expression in entry.dedupe %}
        {{ expression }} as dedupe_key_{{ loop.index }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    where dq_reason_codes is null
    group by {% for expression in entry.dedupe %}{{ expression }}{% if not loop.last %}, {% endif %}{% endfor %}
    having count(*) > 1
{%- endmacro %}

{% macro c360_dq_rank_copies(relation, duplicated_keys, source_name, table_name) -%}
    {%- set entry = c360_dq_table(source_name, table_name) -%}
    {%- set is_duplicated -%}
        exists (
            select 1 from {{ duplicated_keys }}
            where
                {%- for expression in entry.dedupe %}
                {% if not loop.first %}and {% endif %}{{ duplicated_keys }}.dedupe_key_{{ loop.index }} = {{ expression }}
                {%- endfor %}
        )
    {%- endset -%}
    select
        {{ relation }}.*,
        cast(null as {{ dbt.type_bigint() }}) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is not null

    union all

    select
        {{ relation }}.*,
        cast(1 as {{ dbt.type_bigint() }}) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is null and not {{ is_duplicated }}

    union all

    select
        {{ relation }}.*,
        row_number() over (
            partition by {{ entry.dedupe | join(', ') }}
            order by {{ entry.latest }}
        ) as dq_duplicate_rank
    from {{ relation }}
    where dq_reason_codes is null and {{ is_duplicated }}
{%- endmacro %}

{# One expression per key for count(distinct): the expression itself, or its parts as text joined by '|'. #}
{% macro c360_dq_key_text(expressions) -%}
    {%- if expressions | length == 1 -%}
        {{ expressions[0] }}
    {%- else -%}
        {%- for expression in expressions -%}
            coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '')
            {%- if not loop.last %} || '|' || {% endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{# A record's key as text: key columns joined with '|'; null when any part is null. #}
{% macro c360_dq_record_key(columns, relation_alias) -%}
    {%- for column in columns -%}
        cast({{ relation_alias }}.{{ column }} as {{ dbt.type_string() }}){% if not loop.last %} || '|' || {% endif %}
    {%- endfor -%}
{%- endmacro %}

{#
    The raw columns of a validation model, in order, from its YAML (graph), without the dq_ columns: known at
    compile time without querying the warehouse (offline BigQuery compiles stay offline). Every validation
    model documents every raw column; tests/python/test_data_quality.py checks the quarantine's raw_record
    equals the whole raw row. Empty at parse time.
#}
{% macro c360_dq_raw_columns(model_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ model_name) -%}
    {%- set columns = [] -%}
    {%- if node is not none -%}
        {%- for column in node.columns.keys() -%}
            {%- if column not in ['dq_reason_codes', 'dq_duplicate_rank'] -%}
                {%- do columns.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if columns | length == 0 -%}
        {{ exceptions.raise_compiler_error("no documented raw columns for " ~ model_name ~ " (its YAML lists them)") }}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}
