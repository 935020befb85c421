{#
    Fault injection for the synthetic generator (var fault_rate, default 0 = no faults).

    With fault_rate = 0 every generator model renders exactly the SQL it rendered before fault injection
    existed (c360_with_faults returns `select * from <cte>`), so the clean data is byte-identical.

    With fault_rate > 0 each raw table receives, per fault kind listed in c360_fault_plan(table),
    count = max(1, floor(rows * fault_rate + 0.5)) planted rows (capped so that all kinds fit), chosen
    deterministically by position: kind j of K, instance i sits at position (i * K + j) * stride, with
    stride = max(1, rows // (count * K)). A kind either
      - appends a copy of the template row with some columns overridden (`replace`): invalid records get
        a fresh key in the reserved range 10^12 + j * 10^9 + i (never referenced by any other table), and
        duplicates keep the key, change the payload and arrive one day later (`_loaded_at` + 1 day);
      - or mutates the template row in place (`mode: mutate`) into a form staging must normalise.
    Orphan foreign keys point at 2 * 10^12 + i, which no parent table holds.

    The plan is the single source of truth for what was planted: model syn_dq__planted_faults lists it
    and the data-quality tests compare the quarantine against it.

    Kind fields: name, classes (fault classes the row carries: quarantine reason codes, or duplicate_id /
    mixed_case_email), outcome (quarantined | collapsed | normalised), replace ({column: sql}), mode
    (append | mutate). SQL in `replace` may use the template row's columns and _fault_i (instance index).
#}

{% macro c360_fault_rate() -%}
    {{ return(c360_checked_var('fault_rate')) }}
{%- endmacro %}

{% macro c360_faults_enabled() -%}
    {{ return(c360_fault_rate() > 0) }}
{%- endmacro %}

{# A fresh key for an appended invalid record of kind index j. #}
{% macro c360_fault_key(kind_index) -%}
    ({{ 1000000000000 + kind_index * 1000000000 }} + _fault_i)
{%- endmacro %}

{# A foreign key value that no parent table holds. #}
{% macro c360_fault_orphan_key() -%}
    (2000000000000 + _fault_i)
{%- endmacro %}

{# Raw tables, their key column (none for composite keys), a lower bound of their row count, how a row's
   position is computed, and the fault kinds planted in them. #}
{% macro c360_fault_tables() -%}
    {%- set customers = c360_rows() -%}
    {%- set later = c360_add_seconds('_loaded_at', 86400) -%}
    {%- set future = c360_add_seconds('_loaded_at', 400 * 86400) -%}
    {%- set orphan = c360_fault_orphan_key() -%}
    {%- set null_key = 'cast(null as ' ~ dbt.type_bigint() ~ ')' -%}
    {%- set tables = {
        'user_db__customers': {
            'key': 'customer_id', 'rows': customers,
            'kinds': [
                {'name': 'null_customer_id', 'classes': ['missing_primary_key'], 'replace': {'customer_id': null_key}},
                {'name': 'changed_email', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'email': "'updated.' || lower(trim(email))",
                             'updated_at': c360_add_seconds('updated_at', 86400), '_loaded_at': later}},
                {'name': 'email_without_at', 'classes': ['invalid_email'],
                 'replace': {'email': "replace(lower(trim(email)), '@', ' at ')"}},
                {'name': 'future_signup', 'classes': ['future_timestamp'], 'replace': {'signup_at': future}},
                {'name': 'double_at_future_signup', 'classes': ['invalid_email', 'future_timestamp'],
                 'replace': {'email': "replace(lower(trim(email)), '@', '@@')", 'signup_at': future}},
                {'name': 'mixed_case_email', 'classes': ['mixed_case_email'], 'outcome': 'normalised',
                 'mode': 'mutate',
                 'replace': {'email': "'  ' || upper(substr(trim(email), 1, 3)) || lower(substr(trim(email), 4)) || ' '"}}
            ]
        },
        'user_db__addresses': {
            'key': 'address_id', 'rows': c360_rows('num_addresses_multiplier'),
            'kinds': [
                {'name': 'null_address_id', 'classes': ['missing_primary_key'], 'replace': {'address_id': null_key}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}}
            ]
        },
        'user_db__phones': {
            'key': 'phone_id', 'rows': c360_rows('num_phones_multiplier'),
            'kinds': [
                {'name': 'short_or_text_number', 'classes': ['invalid_phone'],
                 'replace': {'phone_number': "case when mod(_fault_i, 2) = 0 then '555-0199' else 'call after 6pm' end"}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}}
            ]
        },
        'credit_card__accounts': {
            'key': 'account_id', 'rows': c360_rows('num_accounts_multiplier'),
            'kinds': [
                {'name': 'raised_limit', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'credit_limit': 'credit_limit + 500', '_loaded_at': later}},
                {'name': 'unknown_card_product', 'classes': ['unknown_enum_value'], 'replace': {'card_product': "'diamond'"}},
                {'name': 'negative_limit', 'classes': ['invalid_amount'],
                 'replace': {'credit_limit': 'cast(-500 as ' ~ dbt.type_numeric() ~ ')'}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}}
            ]
        },
        'credit_card__limit_changes': {
            'key': 'limit_change_id', 'rows': c360_rows('num_limit_changes_multiplier'),
            'kinds': [
                {'name': 'unknown_change_type', 'classes': ['unknown_enum_value'], 'replace': {'change_type': "'sideways'"}},
                {'name': 'negative_change', 'classes': ['invalid_amount'],
                 'replace': {'change_amount': 'cast(-250 as ' ~ dbt.type_numeric() ~ ')'}}
            ]
        },
        'credit_card__transactions': {
            'key': 'transaction_id', 'rows': c360_rows('num_card_transactions_multiplier'),
            'kinds': [
                {'name': 'null_transaction_id', 'classes': ['missing_primary_key'], 'replace': {'transaction_id': null_key}},
                {'name': 'recategorised', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'merchant_category': "case when merchant_category = 'travel' then 'dining' else 'travel' end",
                             '_loaded_at': later}},
                {'name': 'absurd_amount', 'classes': ['invalid_amount'],
                 'replace': {'amount': 'cast(99999999.99 as ' ~ dbt.type_numeric() ~ ')'}},
                {'name': 'unknown_account', 'classes': ['orphan_foreign_key'], 'replace': {'account_id': orphan}},
                {'name': 'future_transaction', 'classes': ['future_timestamp'], 'replace': {'transacted_at': future}}
            ]
        },
        'analytics__events': {
            'key': 'event_id', 'rows': c360_rows('num_events_multiplier'),
            'kinds': [
                {'name': 'null_event_id', 'classes': ['missing_primary_key'], 'replace': {'event_id': null_key}},
                {'name': 'retimed', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'occurred_at': c360_add_seconds('occurred_at', 30), '_loaded_at': later}},
                {'name': 'unknown_event_type', 'classes': ['unknown_enum_value'], 'replace': {'event_type': "'teleported'"}},
                {'name': 'future_event', 'classes': ['future_timestamp'], 'replace': {'occurred_at': future}},
                {'name': 'unknown_user', 'classes': ['orphan_foreign_key'], 'replace': {'user_id': orphan}}
            ]
        },
        'commerce__products': {
            'key': 'product_id', 'rows': var('num_products') | int,
            'kinds': [
                {'name': 'unknown_category', 'classes': ['unknown_enum_value'], 'replace': {'category_code': "'antiques'"}},
                {'name': 'negative_price', 'classes': ['invalid_amount'],
                 'replace': {'list_price': 'cast(-1 as ' ~ dbt.type_numeric() ~ ')'}}
            ]
        },
        'commerce__orders': {
            'key': 'order_id', 'rows': c360_rows('num_orders_multiplier'),
            'kinds': [
                {'name': 'null_order_id', 'classes': ['missing_primary_key'], 'replace': {'order_id': null_key}},
                {'name': 'rechannelled', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'order_channel': "case when order_channel = 'web' then 'app' else 'web' end", '_loaded_at': later}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}},
                {'name': 'unknown_channel', 'classes': ['unknown_enum_value'], 'replace': {'order_channel': "'carrier_pigeon'"}},
                {'name': 'future_order', 'classes': ['future_timestamp'], 'replace': {'ordered_at': future}}
            ]
        },
        'commerce__order_items': {
            'key': 'order_item_id', 'rows': c360_rows('num_order_items_multiplier'),
            'kinds': [
                {'name': 'requantified', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'quantity': 'quantity + 1', '_loaded_at': later}},
                {'name': 'negative_unit_price', 'classes': ['invalid_amount'],
                 'replace': {'unit_price': 'cast(-19.99 as ' ~ dbt.type_numeric() ~ ')'}},
                {'name': 'unknown_order', 'classes': ['orphan_foreign_key'], 'replace': {'order_id': orphan}}
            ]
        },
        'support__tickets': {
            'key': 'ticket_id', 'rows': c360_rows('num_tickets_multiplier'),
            'kinds': [
                {'name': 'null_ticket_id', 'classes': ['missing_primary_key'], 'replace': {'ticket_id': null_key}},
                {'name': 'reprioritised', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'priority': "case when priority = 'high' then 'normal' else 'high' end", '_loaded_at': later}},
                {'name': 'unparseable_opened_at', 'classes': ['unparseable_timestamp'],
                 'replace': {'opened_at': "case when mod(_fault_i, 2) = 0 then 'yesterday afternoon' else '2024-13-45 25:61:00+00:00' end"}},
                {'name': 'unknown_priority', 'classes': ['unknown_enum_value'], 'replace': {'priority': "'whenever'"}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}}
            ]
        },
        'billing__subscriptions': {
            'key': 'subscription_id', 'rows': c360_rows('num_subscriptions_multiplier'),
            'kinds': [
                {'name': 'null_subscription_id', 'classes': ['missing_primary_key'], 'replace': {'subscription_id': null_key}},
                {'name': 'late_update', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'updated_at': c360_add_seconds('updated_at', 3600), '_loaded_at': later}},
                {'name': 'unknown_plan', 'classes': ['unknown_enum_value'], 'replace': {'plan_code': "'platinum_weekly'"}},
                {'name': 'negative_price', 'classes': ['invalid_amount'],
                 'replace': {'price': 'cast(-9.99 as ' ~ dbt.type_numeric() ~ ')'}}
            ]
        },
        'billing__invoices': {
            'key': 'invoice_id', 'rows': c360_rows('num_subscriptions_multiplier'),
            'position': 'row_number() over (order by invoice_id) - 1',
            'kinds': [
                {'name': 'status_changed', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'invoice_status': "case when invoice_status = 'paid' then 'refunded' else 'paid' end",
                             '_loaded_at': later}},
                {'name': 'negative_amount', 'classes': ['invalid_amount'], 'replace': {'amount': '-1 * amount'}},
                {'name': 'unknown_subscription', 'classes': ['orphan_foreign_key'], 'replace': {'subscription_id': orphan}}
            ]
        },
        'marketing__attributions': {
            'key': 'attribution_id', 'rows': customers,
            'kinds': [
                {'name': 'recampaigned', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'campaign': "campaign || '_retargeted'", '_loaded_at': later}},
                {'name': 'unknown_channel', 'classes': ['unknown_enum_value'], 'replace': {'channel_code': "'carrier_pigeon'"}},
                {'name': 'unknown_customer', 'classes': ['orphan_foreign_key'], 'replace': {'customer_id': orphan}}
            ]
        },
        'marketing__spend': {
            'key': none, 'rows': c360_num_days() * (c360_catalog('paid_channels') | length),
            'position': 'row_number() over (order by spend_date, channel_code) - 1',
            'kinds': [
                {'name': 'blank_channel', 'classes': ['missing_primary_key'], 'replace': {'channel_code': "''"}},
                {'name': 'restated', 'classes': ['duplicate_id'], 'outcome': 'collapsed',
                 'replace': {'spend_amount': 'spend_amount + 10', '_loaded_at': later}},
                {'name': 'negative_spend', 'classes': ['invalid_amount'], 'replace': {'spend_amount': '-1 - spend_amount'}},
                {'name': 'unknown_channel', 'classes': ['unknown_enum_value'], 'replace': {'channel_code': "'carrier_pigeon'"}}
            ]
        }
    } -%}
    {{ return(tables) }}
{%- endmacro %}

{#
    The fault plan of one raw table: a dict with key, rows, position (sql), count (rows per kind), stride,
    and kinds (each with index, name, classes, outcome, mode, replace; invalid appended records get a fresh
    key). Empty kinds when faults are off.
#}
{% macro c360_fault_plan(table) -%}
    {%- set spec = c360_fault_tables().get(table) -%}
    {%- if spec is none -%}
        {{ exceptions.raise_compiler_error("no fault plan for raw table " ~ table) }}
    {%- endif -%}
    {%- set rate = c360_fault_rate() -%}
    {%- set plan = {'key': spec['key'], 'rows': spec['rows'], 'kinds': [], 'count': 0, 'stride': 1,
                    'position': spec.get('position', (spec['key'] ~ ' - 1') if spec['key'] else none)} -%}
    {%- if rate > 0 -%}
        {%- set kinds_total = spec['kinds'] | length -%}
        {%- set count = [[((spec['rows'] * rate) + 0.5) | int, 1] | max, [spec['rows'] // kinds_total, 1] | max] | min -%}
        {%- do plan.update({'count': count, 'stride': [spec['rows'] // (count * kinds_total), 1] | max}) -%}
        {%- for kind in spec['kinds'] -%}
            {%- set replace = dict(kind['replace']) -%}
            {%- set outcome = kind.get('outcome', 'quarantined') -%}
            {%- if outcome == 'quarantined' and spec['key'] and spec['key'] not in replace -%}
                {%- do replace.update({spec['key']: c360_fault_key(loop.index0)}) -%}
            {%- endif -%}
            {%- do plan['kinds'].append({
                'index': loop.index0, 'name': kind['name'], 'classes': kind['classes'], 'outcome': outcome,
                'mode': kind.get('mode', 'append'), 'replace': replace
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(plan) }}
{%- endmacro %}

{#
    The last statement of a generator model: `select * from <relation>` plus the planted faults of the
    raw table. With faults off it is exactly `select * from <relation>`.
#}
{% macro c360_with_faults(table, relation) -%}
    {%- set plan = c360_fault_plan(table) -%}
    {%- if plan['kinds'] | length == 0 -%}
select * from {{ relation }}
    {%- else -%}
        {%- set kinds_total = plan['kinds'] | length -%}
        {%- set slots = plan['count'] * kinds_total -%}
        {%- set positioned -%}
    (
        select
            placed.*,
            mod(placed._fault_pos, {{ plan['stride'] }}) = 0
            and {{ c360_div('placed._fault_pos', plan['stride']) }} < {{ slots }} as _fault_slot,
            mod({{ c360_div('placed._fault_pos', plan['stride']) }}, {{ kinds_total }}) as _fault_kind,
            {{ c360_div(c360_div('placed._fault_pos', plan['stride']), kinds_total) }} as _fault_i
        from (
            select
                {{ relation }}.*,
                {{ plan['position'] }} as _fault_pos
            from {{ relation }}
        ) as placed
    ) as templates
        {%- endset -%}
        {%- set helper_columns = ['_fault_pos', '_fault_slot', '_fault_kind', '_fault_i'] -%}
        {%- set mutations = {} -%}
        {%- for kind in plan['kinds'] if kind['mode'] == 'mutate' -%}
            {%- for column, expression in kind['replace'].items() -%}
                {%- do mutations.update({column: 'case when _fault_slot and _fault_kind = ' ~ kind['index']
                    ~ ' then ' ~ expression ~ ' else ' ~ column ~ ' end'}) -%}
            {%- endfor -%}
        {%- endfor %}
-- planted faults (var fault_rate = {{ c360_fault_rate() }}): {{ plan['count'] }} row(s) per kind, see c360_fault_plan
select {{ c360_star(helper_columns, mutations) }}
from {{ positioned }}
        {%- for kind in plan['kinds'] if kind['mode'] == 'append' %}
union all
-- {{ kind['name'] }}: {{ kind['classes'] | join(', ') }} ({{ kind['outcome'] }})
select {{ c360_star(helper_columns, kind['replace']) }}
from {{ positioned }}
where _fault_slot and _fault_kind = {{ kind['index'] }}
        {%- endfor %}
    {%- endif -%}
{%- endmacro %}

{#
    The rows of a generator model as generated, before faults were planted: drops appended fault rows (null
    keys, keys in the reserved range from 10^12) and later duplicate copies. Used where one generator model derives
    another (invoices from subscriptions), so planted faults do not cascade. A plain select with faults off.
#}
{% macro c360_unfaulted(relation, table) -%}
    {%- set plan = c360_fault_plan(table) -%}
    {%- if plan['kinds'] | length == 0 -%}
select * from {{ relation }}
    {%- else -%}
select * from {{ relation }} as generated
where
    generated.{{ plan['key'] }} between 1 and 999999999999
    and generated._loaded_at = (
        select min(copies._loaded_at)
        from {{ relation }} as copies
        where copies.{{ plan['key'] }} = generated.{{ plan['key'] }}
    )
    {%- endif -%}
{%- endmacro %}
