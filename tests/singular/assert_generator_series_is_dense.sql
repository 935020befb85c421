{{ config(tags=['synthetic']) }}

{#-
    c360_series(n, chunk) must yield exactly 0 .. n-1 once each. n = 2500 with chunk = 1000 crosses
    chunk boundaries on BigQuery (generate_array is capped near 1M elements, so large series are chunked);
    DuckDB ignores chunk. Returns a row when count, distinct count, min, max or sum is wrong.
-#}

with

series as (
    {{ c360_series(2500, 1000) }}
),

summary as (
    select
        count(*) as row_count,
        count(distinct row_num) as distinct_count,
        min(row_num) as min_row_num,
        max(row_num) as max_row_num,
        sum(row_num) as row_num_sum
    from series
),

final as (
    select *
    from summary
    where
        row_count != 2500
        or distinct_count != 2500
        or min_row_num != 0
        or max_row_num != 2499
        or row_num_sum != 3123750
)

select * from final
