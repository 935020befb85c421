{#
    A warehouse that knows which dataset it holds.

    Incremental models and snapshots keep rows from earlier runs. When the data they were built from
    changes (other generator vars, another source_data, other validation or business-rule vars), those
    rows belong to another dataset and must go. `c360_reset_stale_state()` runs on-run-start of every
    `dbt run`, `dbt build` and `dbt snapshot`:

      1. fingerprint = md5 of the values of every var in c360_dataset_vars() (the vars that change the
         data); generator_batch is kept beside it, because a later batch grows the same dataset;
      2. for each incremental model and snapshot, the fingerprint it was built with is read from the state
         table <target schema>.c360_dataset_state;
      3. a relation whose fingerprint differs, whose batch is newer than this run's, or that exists
         without a state row, is dropped, selected or not: nothing reads rows of another dataset (the run
         builds the selected ones from scratch; a `dbt run`, which builds no snapshot, makes
         dim_customers_history read the current profiles until the next `dbt snapshot` / `dbt build`);
      4. their state rows are rewritten with this run's fingerprint.

    Relations are dropped before the state is written, so a run stopped half-way leaves nothing stale.
    Same vars -> no drop: incremental runs stay incremental.

    Snapshots in `sources` mode hold history that the sources may no longer have: a snapshot built from
    sources is never dropped automatically. The run keeps it and logs a warning; `--vars '{"reset_history":
    true}'` drops it (README: "Reset the warehouse").
#}

{# The vars whose values define the dataset: changing one starts the incremental models over. #}
{% macro c360_dataset_vars() -%}
    {{ return([
        'source_data', 'raw_database', 'raw_schema',
        'num_customers', 'num_addresses_multiplier', 'num_phones_multiplier', 'num_accounts_multiplier',
        'num_limit_changes_multiplier', 'num_card_transactions_multiplier', 'num_events_multiplier',
        'num_orders_multiplier', 'num_order_items_multiplier', 'num_tickets_multiplier',
        'num_subscriptions_multiplier', 'num_products', 'start_date', 'end_date', 'generator_seed',
        'batch_growth_percent', 'fault_rate',
        'active_days_threshold', 'churn_days_threshold', 'high_value_threshold',
        'dq_max_amount', 'dq_max_quantity', 'dq_max_daily_spend', 'dq_earliest_date',
    ]) }}
{%- endmacro %}

{# Vars that never make earlier rows stale (generator_batch is compared on its own). #}
{% macro c360_incremental_safe_vars() -%}
    {{ return(['generator_batch', 'incremental_lookback_days', 'reset_history', 'dq_max_volume_drop_percent']) }}
{%- endmacro %}

{% macro c360_dataset_fingerprint() -%}
    {%- set values = {} -%}
    {%- for name in c360_dataset_vars() -%}
        {%- do values.update({name: var(name, none) | string}) -%}
    {%- endfor -%}
    {{ return(local_md5(tojson(values, sort_keys=true))) }}
{%- endmacro %}

{% macro c360_state_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema=target.schema,
        identifier='c360_dataset_state', type='table')) }}
{%- endmacro %}

{% macro c360_reset_stale_state() -%}
    {%- if not execute or flags.WHICH not in ['run', 'build', 'snapshot'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set source_data = var('source_data', 'synthetic') | string -%}
    {%- set fingerprint = c360_dataset_fingerprint() -%}
    {%- set batch = (var('generator_batch', 1) | int) if source_data == 'synthetic' else 0 -%}
    {%- set state = c360_state_relation() -%}
    {%- do adapter.create_schema(state) -%}
    {%- set stored = {} -%}
    {%- if load_relation(state) is not none -%}
        {%- for row in run_query('select node_name, dataset_fingerprint, source_data, generator_batch from '
                ~ state).rows -%}
            {%- do stored.update({row[0]: [row[0], row[1], row[2], row[3] | int]}) -%}
        {%- endfor -%}
    {%- endif -%}

    {%- set touched = [] -%}
    {%- for node in graph.nodes.values()
            if node.resource_type == 'snapshot' or node.config.materialized == 'incremental' -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema,
            identifier=node.alias) -%}
        {%- set previous = stored.get(node.name) -%}
        {%- set stale = relation is not none and (previous is none or previous[1] != fingerprint
            or (previous[3] | int) > batch) -%}
        {#- a snapshot without a state row was built before the state table existed: in sources mode it may
            hold real history, so only a state row that says `synthetic` lets it go without reset_history -#}
        {%- set built_from = previous[2] if previous is not none else source_data -%}
        {%- set keeps_history = node.resource_type == 'snapshot' and built_from == 'sources'
            and not var('reset_history', false) -%}
        {%- if stale and keeps_history -%}
            {%- do log('Keeping snapshot ' ~ relation ~ ': it holds history loaded from sources, and the vars '
                ~ 'changed since; run with --vars \'{"reset_history": true}\' to drop it.', info=true) -%}
        {%- else -%}
            {%- if stale -%}
                {%- do log('Dropping ' ~ relation ~ ': it was built from another dataset (vars changed); '
                    ~ 'this run rebuilds it from scratch.', info=true) -%}
                {%- do adapter.drop_relation(relation) -%}
            {%- endif -%}
            {%- do touched.append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if touched -%}
        {%- for name in touched -%}
            {%- do stored.update({name: [name, fingerprint, source_data, batch]}) -%}
        {%- endfor -%}
        {#- the whole table is rewritten (a few rows): no DELETE, which the BigQuery emulator lacks -#}
        {%- set selects = [] -%}
        {%- for name in stored | sort -%}
            {%- set row = stored[name] -%}
            {%- do selects.append("select cast('" ~ row[0] ~ "' as " ~ dbt.type_string() ~ ") as node_name, cast('"
                ~ row[1] ~ "' as " ~ dbt.type_string() ~ ") as dataset_fingerprint, cast('" ~ row[2] ~ "' as "
                ~ dbt.type_string() ~ ") as source_data, cast(" ~ row[3] ~ " as " ~ dbt.type_bigint()
                ~ ") as generator_batch") -%}
        {%- endfor -%}
        {%- do run_query('create or replace table ' ~ state ~ ' as ' ~ selects | join(' union all ')) -%}
    {%- endif -%}
    {#- hooks render on the master connection inside a transaction: make the drops visible to the models -#}
    {%- do adapter.commit() -%}
    {{ return('') }}
{%- endmacro %}
