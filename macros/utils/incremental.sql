{#
    Incremental processing: the one place that chooses how incremental models write and what they reread.

    Strategy per engine (c360_incremental_strategy):
      DuckDB:   delete+insert on unique_key: a hash semi-join delete then an append; no MERGE edge cases.
      BigQuery: merge on unique_key. insert_overwrite would need static partitions (a dynamic overwrite
                needs scripting the BigQuery emulator cannot run) and would rewrite whole days; merge
                updates exactly the changed keys.

    What an incremental run rereads (c360_incremental_changed_rows):
      cutoff = newest loaded_at already in the model - var incremental_lookback_days (default 3).
      Input rows (the validated rows the model is built from) loaded since the cutoff whose key has no row
      in the model with a loaded_at at least as new are "unprocessed". Their smallest key is a floor: the
      run rebuilds the keys >= floor loaded since the cutoff. A quarantined raw row never reaches the input,
      so it never holds the floor down. The staging views only filter the validation tables (the de-duplication rank is stored
      there, no window sits in between), so a literal key floor is pushed into the scan and the model
      reads only the tail instead of the whole history. (The validation tables themselves are tables over
      the whole raw history, rebuilt by every `dbt build`.) Keys are assigned at load, so new rows,
      including late-arriving ones (occurred days ago, loaded now), land in the tail.
      The lookback covers loads that commit out of order: a row stamped up to 3 days before the newest row
      already processed but visible only now is still found. Loads here commit within minutes, 3 days is
      a generous margin and costs only a scan of 3 days of raw keys. Rows older than the lookback, hard
      deletes and changes to already-processed keys outside the window are repaired by the daily
      --full-refresh (seed 004: full refresh daily, incremental every few hours).
#}
{% macro c360_incremental_strategy() -%}
    {{ return(adapter.dispatch('c360_incremental_strategy', 'c360_warehouse')()) }}
{%- endmacro %}

{% macro default__c360_incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{% macro duckdb__c360_incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro c360_lookback_days() -%}
    {{ return(c360_checked_var('incremental_lookback_days')) }}
{%- endmacro %}

{#
    The predicate an incremental fact applies to its input (see above). key_column and loaded_column
    name the model's key and load time; inputs is a list of [relation, key column, load column]: the
    model's own input (a staging view or an intermediate table, never a raw source, so the facts keep to
    the layers). Returns a SQL boolean; outside an incremental run it is never called.
#}
{% macro c360_incremental_changed_rows(key_column, loaded_column, inputs) -%}
    {%- if not execute -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {%- set query -%}
        with

        cutoff as (
            select {{ c360_add_seconds('max(' ~ loaded_column ~ ')', -86400 * c360_lookback_days()) }} as cutoff_at
            from {{ this }}
        ),

        recent as (
            {%- for input in inputs %}
            select
                cast(input_rows.{{ input[1] }} as {{ dbt.type_bigint() }}) as key_value,
                cast(input_rows.{{ input[2] }} as {{ dbt.type_timestamp() }}) as loaded_value
            from {{ input[0] }} as input_rows
            inner join cutoff
                on cast(input_rows.{{ input[2] }} as {{ dbt.type_timestamp() }}) >= cutoff.cutoff_at
            {%- if not loop.last %}
            union all
            {%- endif %}
            {%- endfor %}
        ),

        unprocessed as (
            select recent.key_value
            from recent
            left join {{ this }} as processed
                on recent.key_value = processed.{{ key_column }}
            where processed.{{ key_column }} is null or processed.{{ loaded_column }} < recent.loaded_value
        )

        select
            (select cast(cutoff_at as {{ dbt.type_string() }}) from cutoff) as cutoff_at,
            (select min(key_value) from unprocessed) as key_floor
    {%- endset -%}
    {%- set row = run_query(query).rows[0] -%}
    {%- if row[0] is none or row[1] is none -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {{ return(key_column ~ ' >= ' ~ (row[1] | int) ~ ' and ' ~ loaded_column ~ " >= cast('" ~ row[0] ~ "' as "
        ~ dbt.type_timestamp() ~ ')') }}
{%- endmacro %}

{#
    First day an incremental daily table recomputes: its newest day - var incremental_lookback_days.
    Late data that occurred within the lookback lands in a recomputed day; older late data waits for the
    daily full refresh (the generator's late events are at most 2 days late; the default is 3).
#}
{% macro c360_incremental_first_day(date_column) -%}
    {%- if not execute -%}
        {{ return("cast('1900-01-01' as date)") }}
    {%- endif -%}
    {%- set row = run_query('select max(' ~ date_column ~ ') from ' ~ this).rows[0] -%}
    {%- if row[0] is none -%}
        {{ return("cast('1900-01-01' as date)") }}
    {%- endif -%}
    {%- set first_day = row[0] - modules.datetime.timedelta(days=c360_lookback_days()) -%}
    {{ return("cast('" ~ first_day.strftime('%Y-%m-%d') ~ "' as date)") }}
{%- endmacro %}

{#
    is_incremental() without a warehouse round trip when the answer is known: a --full-refresh run (and the
    offline `dbt compile --full-refresh` of the bigquery target in scripts/test.sh, which has no BigQuery to
    ask whether the table exists) is never incremental.
#}
{% macro c360_is_incremental() -%}
    {%- if not execute or should_full_refresh() -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(is_incremental()) }}
{%- endmacro %}
