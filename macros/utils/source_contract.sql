{#
    The schema contract of the raw sources: every column of every source table declares the type the
    generator writes (`data_type` in models/staging/<source>/_<source>__sources.yml). Only sources mode
    reads tables a loader delivers, so only sources mode compares them (synthetic builds compile exactly as
    without a contract):

      c360_check_source_contract()  on-run-start: one warning line per problem, before anything is built;
      c360_dq_source()              the import CTE of a validation model: a column whose type breaks the
                                    contract is read through a safe cast to the declared type, and its
                                    delivered value is kept beside it (dq_delivered__<column>);
      c360_dq_is_invalid_type()     the check that quarantines a present value the cast rejects (invalid_type).

    Types are compared by family (integer, decimal, float, string, boolean, date, timestamp), not by name:
    INTEGER for BIGINT, a DECIMAL of another precision, an integer for a decimal or a float are compatible;
    a float for a decimal amount is accepted and noted (values are read as delivered: NaN and infinity are
    quarantined as invalid_amount); anything else (text for a number, a number for a time, ...) breaks it.
#}

{# The family of a type name, on either engine ('other' for types outside the contract's vocabulary). #}
{% macro c360_type_family(type_name) -%}
    {%- set base = (type_name | string | upper).split('(')[0] | trim -%}
    {%- set families = {
        'integer': ['TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'HUGEINT', 'INT64', 'INT2', 'INT4', 'INT8',
                    'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'BYTEINT'],
        'decimal': ['DECIMAL', 'NUMERIC', 'BIGNUMERIC', 'BIGDECIMAL'],
        'float': ['DOUBLE', 'FLOAT', 'REAL', 'FLOAT64', 'FLOAT4', 'FLOAT8', 'DOUBLE PRECISION'],
        'string': ['VARCHAR', 'STRING', 'TEXT', 'CHAR', 'BPCHAR', 'CHARACTER VARYING'],
        'boolean': ['BOOLEAN', 'BOOL'],
        'date': ['DATE'],
        'timestamp': ['TIMESTAMP', 'DATETIME', 'TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE',
                      'TIMESTAMP WITHOUT TIME ZONE', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS'],
    } -%}
    {%- for family, names in families.items() -%}
        {%- if base in names -%}
            {{ return(family) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return('other') }}
{%- endmacro %}

{#
    How a delivered type meets a declared one: 'ok' (same family, or an exact widening: an integer for a
    decimal or a float), 'widened' (a float for a decimal: accepted, noted) or 'broken'.
#}
{% macro c360_type_compatibility(declared, found) -%}
    {%- set expected_family = c360_type_family(declared) -%}
    {%- set found_family = c360_type_family(found) -%}
    {%- if expected_family == 'other' or found_family == 'other' -%}
        {{ return('ok' if (declared | upper | trim) == (found | upper | trim) else 'broken') }}
    {%- elif expected_family == found_family -%}
        {{ return('ok') }}
    {%- elif found_family == 'integer' and expected_family in ['decimal', 'float'] -%}
        {{ return('ok') }}
    {%- elif found_family == 'float' and expected_family == 'decimal' -%}
        {{ return('widened') }}
    {%- endif -%}
    {{ return('broken') }}
{%- endmacro %}

{#
    The declared type in this engine's vocabulary (what the warning names and the safe cast casts to).
    DuckDB: the declared name as written; BigQuery: the standard type of its family.
#}
{% macro c360_contract_type(declared) -%}
    {{ return(adapter.dispatch('c360_contract_type', 'c360_warehouse')(declared)) }}
{%- endmacro %}
{% macro default__c360_contract_type(declared) -%}
    {%- set names = {'integer': 'INT64', 'decimal': 'NUMERIC', 'float': 'FLOAT64', 'string': 'STRING',
                     'boolean': 'BOOL', 'date': 'DATE', 'timestamp': 'TIMESTAMP'} -%}
    {{ return(names.get(c360_type_family(declared), declared | upper)) }}
{%- endmacro %}
{% macro duckdb__c360_contract_type(declared) -%}
    {{ return(declared | upper) }}
{%- endmacro %}

{# The source node (graph.sources) of a source table; none when it is not declared. #}
{% macro c360_source_node(source_name, table_name) -%}
    {%- for node in graph.sources.values()
            if node.package_name == project_name and node.source_name == source_name and node.name == table_name -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}

{#
    The contract problems of one source table, compared with the table as it is in the warehouse: a list of
    {kind, column, expected, found}, kind one of missing_table, missing_column, broken, widened, extra
    (one entry listing every extra column). Empty when the table keeps the contract.
#}
{% macro c360_source_contract_problems(source_node) -%}
    {%- set problems = [] -%}
    {%- set relation = adapter.get_relation(database=source_node.database, schema=source_node.schema,
        identifier=source_node.identifier) -%}
    {%- if relation is none -%}
        {%- do problems.append({'kind': 'missing_table', 'column': none, 'expected': none, 'found': none}) -%}
        {{ return(problems) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- set found_order = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do found.update({column.name | lower: column.dtype | upper}) -%}
        {%- do found_order.append(column.name | lower) -%}
    {%- endfor -%}
    {%- for name, column in source_node.columns.items() if column.data_type -%}
        {%- set expected = c360_contract_type(column.data_type) -%}
        {%- if name | lower not in found -%}
            {%- do problems.append({'kind': 'missing_column', 'column': name, 'expected': expected, 'found': none}) -%}
        {%- else -%}
            {%- set compatibility = c360_type_compatibility(column.data_type, found[name | lower]) -%}
            {%- if compatibility != 'ok' -%}
                {%- do problems.append({'kind': compatibility, 'column': name, 'expected': expected,
                    'found': found[name | lower]}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set declared = source_node.columns.keys() | map('lower') | list -%}
    {%- set extra = found_order | reject('in', declared) | list -%}
    {%- if extra -%}
        {%- do problems.append({'kind': 'extra', 'column': extra | join(', '), 'expected': none, 'found': none}) -%}
    {%- endif -%}
    {{ return(problems) }}
{%- endmacro %}

{# One line per problem, naming the table, the column and both types. #}
{% macro c360_source_contract_message(source_node, problem) -%}
    {%- set table = source_node.schema ~ '.' ~ source_node.identifier -%}
    {%- if problem.kind == 'missing_table' -%}
        {%- set text = table ~ ' not found (expected columns ' ~ source_node.columns.keys() | join(', ')
            ~ '): the models that read it will fail' -%}
    {%- elif problem.kind == 'missing_column' -%}
        {%- set text = table ~ '.' ~ problem.column ~ ' expected ' ~ problem.expected
            ~ ' found no such column: the models that read it will fail' -%}
    {%- elif problem.kind == 'broken' -%}
        {%- set text = table ~ '.' ~ problem.column ~ ' expected ' ~ problem.expected ~ ' found ' ~ problem.found
            ~ ': validation reads it through a safe cast; values that do not cast are quarantined as invalid_type' -%}
    {%- elif problem.kind == 'widened' -%}
        {%- set text = table ~ '.' ~ problem.column ~ ' expected ' ~ problem.expected ~ ' found ' ~ problem.found
            ~ ': compatible (a float for a decimal), read as delivered' -%}
    {%- else -%}
        {%- set text = table ~ ' has columns outside the contract: ' ~ problem.column
            ~ ' (not read; declare them in the sources YAML to use them)' -%}
    {%- endif -%}
    {{ return('schema contract: ' ~ text) }}
{%- endmacro %}

{#
    on-run-start, sources mode only: compare every source table with its contract and log one warning per
    problem (an accepted widening is an info line). Warns, never fails: a type drift is absorbed by
    validation (invalid_type), and a missing table or column still fails the models that read it with the
    warehouse's own error, after this line named it.
#}
{% macro c360_check_source_contract() -%}
    {%- if not execute or var('source_data', 'synthetic') != 'sources' -%}
        {{ return('') }}
    {%- endif -%}
    {%- for node in graph.sources.values() | sort(attribute='unique_id') if node.package_name == project_name -%}
        {%- for problem in c360_source_contract_problems(node) -%}
            {%- if problem.kind == 'widened' -%}
                {%- do log(c360_source_contract_message(node, problem), info=true) -%}
            {%- else -%}
                {%- do exceptions.warn(c360_source_contract_message(node, problem)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}

{#
    The columns of a source table that break the contract in this run: {column: declared type in this
    engine's vocabulary}. Empty in synthetic mode and at parse time.
#}
{% macro c360_source_drift(source_name, table_name) -%}
    {%- set drift = {} -%}
    {%- if not execute or var('source_data', 'synthetic') != 'sources' -%}
        {{ return(drift) }}
    {%- endif -%}
    {%- set node = c360_source_node(source_name, table_name) -%}
    {%- if node is not none -%}
        {%- for problem in c360_source_contract_problems(node) if problem.kind == 'broken' -%}
            {%- do drift.update({problem.column: problem.expected}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(drift) }}
{%- endmacro %}

{#
    The body of a validation model's import CTE. Without drift: every raw column as delivered. With drift:
    each drifted column safe-cast to its declared type, in place, and its delivered value appended as
    dq_delivered__<column> (dq_quarantine puts it in raw_record; c360_dq_is_invalid_type checks it).
#}
{% macro c360_dq_source(source_name, table_name) -%}
    {%- set drift = c360_source_drift(source_name, table_name) -%}
    {%- if drift | length == 0 -%}
    select * from {{ c360_source(source_name, table_name) }}
    {%- else -%}
    {%- set replace = {} -%}
    {%- for column, type in drift.items() -%}
        {%- do replace.update({column: c360_safe_cast(column, type)}) -%}
    {%- endfor -%}
    select
        {{ c360_star(replace=replace) }},
        {%- for column in drift %}
        {{ column }} as dq_delivered__{{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ c360_source(source_name, table_name) }}
    {%- endif -%}
{%- endmacro %}

{#
    invalid_type: a drifted column's delivered value is present (not null, not blank) but the cast to its
    declared type rejects it. '' without drift (c360_dq_reason_codes then leaves the check out).
#}
{% macro c360_dq_is_invalid_type(source_name, table_name, relation_alias='source') -%}
    {%- set drift = c360_source_drift(source_name, table_name) -%}
    {%- if drift | length == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set checks = [] -%}
    {%- for column in drift -%}
        {%- do checks.append('(not ' ~ c360_dq_is_blank(relation_alias ~ '.dq_delivered__' ~ column) ~ ' and '
            ~ relation_alias ~ '.' ~ column ~ ' is null)') -%}
    {%- endfor -%}
    {{ return('(' ~ checks | join(' or ') ~ ')') }}
{%- endmacro %}

{# Where raw_record reads a validation model's drifted columns: {column: its delivered column}. #}
{% macro c360_dq_delivered_columns(source_name, table_name) -%}
    {%- set delivered = {} -%}
    {%- for column in c360_source_drift(source_name, table_name) -%}
        {%- do delivered.update({column: 'dq_delivered__' ~ column}) -%}
    {%- endfor -%}
    {{ return(delivered) }}
{%- endmacro %}
