-- question: where are our customers, and where does the revenue (ltv) come from?
-- grain: one row per region x country. customers and ltv are per country; share_of_customers and
-- share_of_ltv are the country's share of all customers / all ltv; the region_* columns repeat the
-- region's totals on each of its countries (region_share_of_ltv = region ltv / total ltv).
-- read it: rows come sorted by region ltv, then by country ltv, so the top rows are the biggest markets;
-- compare share_of_customers with share_of_ltv to spot countries whose customers are worth more (or less)
-- than their headcount suggests. countries from the countries seed with no customers show 0.

with

customers as (
    select * from {{ ref('customer_360') }}
),

countries as (
    select * from {{ ref('countries') }}
),

customers_by_country as (
    select
        country_code,
        count(*) as customers,
        sum(ltv) as total_ltv
    from customers
    group by 1
),

countries_with_customers as (
    select
        countries.region,
        countries.sub_region,
        countries.country_code,
        countries.country_name,
        coalesce(customers_by_country.customers, 0) as customers,
        coalesce(customers_by_country.total_ltv, 0) as total_ltv
    from countries
    left join customers_by_country
        on countries.country_code = customers_by_country.country_code
),

-- customers whose country is not in the seed, kept so the shares add up to 1
unknown_countries as (
    select
        'unknown' as region,
        'unknown' as sub_region,
        customers_by_country.country_code,
        'unknown' as country_name,
        customers_by_country.customers,
        customers_by_country.total_ltv
    from customers_by_country
    left join countries
        on customers_by_country.country_code = countries.country_code
    where countries.country_code is null
),

all_countries as (
    select * from countries_with_customers
    union all
    select * from unknown_countries
),

final as (
    select
        region,
        sub_region,
        country_code,
        country_name,
        customers,
        {{ c360_safe_divide('customers', 'sum(customers) over ()') }} as share_of_customers,
        total_ltv,
        {{ c360_safe_divide('total_ltv', 'customers') }} as avg_ltv,
        {{ c360_safe_divide('total_ltv', 'sum(total_ltv) over ()') }} as share_of_ltv,
        sum(customers) over (partition by region) as region_customers,
        sum(total_ltv) over (partition by region) as region_ltv,
        {{ c360_safe_divide(
            'sum(total_ltv) over (partition by region)',
            'sum(customers) over (partition by region)'
        ) }} as region_avg_ltv,
        {{ c360_safe_divide(
            'sum(total_ltv) over (partition by region)',
            'sum(total_ltv) over ()'
        ) }} as region_share_of_ltv
    from all_countries
)

select * from final
order by 11 desc, 1 asc, 7 desc, 3 asc -- region_ltv, region, total_ltv, country_code
