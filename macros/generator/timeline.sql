{#
    Customer timeline, a pure function of the customer's 0-based row number, so child tables recompute
    their parent's signup and activity window arithmetically instead of joining.

    signup offset (seconds after start_date) = floor((span - 1) * sqrt((row + 0.5) / num_customers)):
    customer ids follow signup order and signups accelerate over the window (quadratic growth).
    active_until: 30% of customers churn at a uniform point between signup and the window's end; the
    others stay active to the end. Child rows (events, orders, ...) fall inside [signup, active_until].
#}
{% macro c360_signup_offset(customer_row_expr) -%}
    cast(floor(
        cast({{ c360_span_seconds() - 1 }} as {{ c360_type_double() }})
        * sqrt((cast({{ customer_row_expr }} as {{ c360_type_double() }}) + 0.5) / {{ c360_rows() }})
    ) as {{ dbt.type_bigint() }})
{%- endmacro %}

{#
    Lifetimes: every customer has a lifetime drawn uniformly from [0, window length) (hash
    customer.lifetime), so the share still active after a tenure of x window-lengths is 1 - x. A customer
    whose lifetime ends inside the window has left (churned) at signup + lifetime: no activity, order,
    ticket or subscription of theirs lies after that instant, and their subscriptions are cancelled then.
    c360_lifetime_end_offset is that instant (it may lie after the window: the customer is still there).
    c360_active_until_offset is the last second a customer can act inside the window.
#}
{% macro c360_lifetime_end_offset(customer_row_expr, signup_offset_expr) -%}
    ({{ signup_offset_expr }} + cast(floor(
        {{ c360_unit(c360_hash(customer_row_expr, 'customer.lifetime')) }} * {{ c360_span_seconds() }}
    ) as {{ dbt.type_bigint() }}))
{%- endmacro %}

{% macro c360_active_until_offset(customer_row_expr, signup_offset_expr) -%}
    least({{ c360_lifetime_end_offset(customer_row_expr, signup_offset_expr) }}, {{ c360_span_seconds() - 1 }})
{%- endmacro %}

{#
    Activity sampler: turns a CTE named `keyed` with a column `activity_key` (one value per activity: an
    order, a journey, a ticket) into a CTE named `activity_timed` that adds customer_row, signup_offset,
    active_until_offset and activity_offset. Streams: hashes `<stream>.tenure` and `<stream>.pick`.

    1. tenure: the customer's age at the activity, in window-lengths x = 1 - y, with y = u^(1/8) (43%)
       or u^(1/4) (57%). Combined with the growing signups this is intensity(x) * survival(x) =
       0.6 (1 - x)^5 + 0.4 (1 - x): a newcomer is most active and slows down to a plateau (per surviving
       customer 0.6 (1 - x)^4 + 0.4 of the first day's intensity).
    2. who: a signup instant uniform over the customers old enough (row = N y^2 v) fixes a block of
       `block` consecutive customers (similar signup times); inside it, `members` of the `block` positions
       ever do this activity (the others never do), chosen with a skew (P(position < k) = sqrt(k /
       members)): heavy and light users. Two candidates are tried; the first still there at signup +
       tenure and inside the window takes it. If neither is, the second gets it at a uniform instant of its
       own lifetime inside the window.
    3. seasons: 40% of Saturday and Sunday activity moves 1-6 days back to a weekday of the same week
       (when that is not before signup); 0.3% of each year's January-November activity moves to a uniform
       instant of that year's December (when the customer is still there and it is inside the window).
    Nothing is clamped: every instant lies in [signup, min(lifetime end, window end)).
#}
{% macro c360_activity_ctes(stream, block, members) -%}
    {%- set p = 2147483647 -%}
    {%- set n = c360_rows() -%}
    {%- set span = c360_span_seconds() -%}
    {%- set start = c360_parse_date('start_date') -%}
    {%- set end = c360_parse_date('end_date') -%}
    {%- set years = [] -%}
    {%- for year in range(start.year, end.year + 1) -%}
        {%- set jan1 = [(modules.datetime.datetime(year, 1, 1) - start).days * 86400, 0] | max -%}
        {%- set dec1 = (modules.datetime.datetime(year, 12, 1) - start).days * 86400 -%}
        {%- if dec1 > jan1 and dec1 < span -%}
            {%- do years.append({'jan1': jan1, 'dec1': dec1}) -%}
        {%- endif -%}
    {%- endfor %}
activity_drawn as (
    select
        keyed.*,
        {{ c360_hash('activity_key', stream ~ '.tenure') }} as h_tenure,
        {{ c360_hash('activity_key', stream ~ '.pick') }} as h_pick
    from keyed
),

activity_anchored as (
    select
        activity_drawn.*,
        case
            when mod(h_tenure, 100) < 43 then sqrt(sqrt(sqrt({{ c360_unit('h_tenure') }})))
            else sqrt(sqrt({{ c360_unit('h_tenure') }}))
        end as tenure_root,
        mod(h_pick * 48271, {{ p }}) as h_pick_2
    from activity_drawn
),

activity_blocked as (
    select
        activity_anchored.*,
        cast(floor((1 - tenure_root) * {{ span }}) as {{ dbt.type_bigint() }}) as tenure_offset,
        {{ c360_div(
            'cast(floor(' ~ n ~ ' * tenure_root * tenure_root * ' ~ c360_unit('h_pick') ~ ') as ' ~ dbt.type_bigint() ~ ')',
            block
        ) }} as activity_block,
        mod(h_pick_2 * 48271, {{ p }}) as h_pick_3
    from activity_anchored
),

activity_members as (
    select
        activity_blocked.*,
        mod(
            activity_block * {{ block }}
            + mod({{ c360_skewed_index('h_pick_2', members) }} + activity_block * 7, {{ block }}),
            {{ n }}
        ) as candidate_1,
        mod(
            activity_block * {{ block }}
            + mod({{ c360_skewed_index('h_pick_3', members) }} + activity_block * 7, {{ block }}),
            {{ n }}
        ) as candidate_2,
        mod(h_pick_3 * 48271, {{ p }}) as h_season
    from activity_blocked
),

activity_signed as (
    select
        activity_members.*,
        {{ c360_signup_offset('candidate_1') }} as signup_1
    from activity_members
),

activity_lived as (
    select
        activity_signed.*,
        {{ c360_lifetime_end_offset('candidate_1', 'signup_1') }} as lifetime_end_1
    from activity_signed
),

activity_chosen as (
    select
        activity_lived.*,
        signup_1 + tenure_offset < lifetime_end_1 and signup_1 + tenure_offset < {{ span }} as first_takes_it
    from activity_lived
),

-- the second candidate's signup and lifetime are only computed when the first does not take it
activity_candidate as (
    select
        activity_chosen.*,
        case when first_takes_it then candidate_1 else candidate_2 end as customer_row,
        case
            when first_takes_it then signup_1
            else {{ c360_signup_offset('candidate_2') }}
        end as signup_offset
    from activity_chosen
),

activity_lifetime as (
    select
        activity_candidate.*,
        case
            when first_takes_it then lifetime_end_1
            else {{ c360_lifetime_end_offset('candidate_2', 'signup_offset') }}
        end as lifetime_end_offset
    from activity_candidate
),

activity_placed as (
    select
        activity_lifetime.*,
        case
            when
                first_takes_it
                or signup_offset + tenure_offset < lifetime_end_offset and signup_offset + tenure_offset < {{ span }}
                then signup_offset + tenure_offset
            else signup_offset + mod(h_season, least(lifetime_end_offset, {{ span }}) - signup_offset)
        end as base_offset
    from activity_lifetime
),

activity_seasoned as (
    select
        activity_placed.*,
        least(lifetime_end_offset, {{ span }}) - 1 as active_until_offset,
        mod({{ c360_div('base_offset', 86400) }} + {{ start.weekday() }}, 7) as base_weekday,
        -- only for the activities that may move (40% of weekend ones, 0.3% to December); null otherwise
        case
            when mod({{ c360_div('base_offset', 86400) }} + {{ start.weekday() }}, 7) >= 5 and mod(h_season, 10) < 4
                then base_offset - 86400 * (
                    mod({{ c360_div('base_offset', 86400) }} + {{ start.weekday() }}, 7) - 4
                    + mod({{ c360_div('h_season', 10) }}, 5)
                )
        end as weekday_offset,
        case when mod({{ c360_div('h_season', 50) }}, 1000) < 3 then
            case
                {%- for year in years %}
                when base_offset >= {{ year.jan1 }} and base_offset < {{ year.dec1 }}
                    then {{ year.dec1 }} + mod({{ c360_div('h_season', 50000) }}, 2678400)
                {%- endfor %}
            end
        end as december_offset
    from activity_placed
),

activity_timed as (
    select
        activity_seasoned.*,
        case
            when
                mod({{ c360_div('h_season', 50) }}, 1000) < 3
                and december_offset < lifetime_end_offset and december_offset < {{ span }}
                then december_offset
            when base_weekday >= 5 and mod(h_season, 10) < 4 and weekday_offset >= signup_offset
                then weekday_offset
            else base_offset
        end as activity_offset
    from activity_seasoned
)
{%- endmacro %}

{# An offset uniformly inside [from_offset, to_offset] (inclusive), from a hash column. #}
{% macro c360_offset_between(hash_expr, from_offset_expr, to_offset_expr) -%}
    ({{ from_offset_expr }} + cast(floor(
        {{ c360_unit(hash_expr) }} * ({{ to_offset_expr }} - {{ from_offset_expr }} + 1)
    ) as {{ dbt.type_bigint() }}))
{%- endmacro %}

{#
    Card accounts belong to card holders: 65% of customers (a fixed permutation of all customers).
    Account rows below the holder count give every holder one account; later rows go to holders with a
    skew (some hold many cards). Returns the holder's 0-based customer row.
#}
{% macro c360_card_holders() -%}
    {{ return([[((c360_rows() * 0.65) + 0.5) | int, 1] | max, c360_rows('num_accounts_multiplier') | int] | min) }}
{%- endmacro %}

{% macro c360_account_customer_row(account_row_expr) -%}
    {{ c360_permute(
        'case when ' ~ account_row_expr ~ ' < ' ~ c360_card_holders() ~ ' then ' ~ account_row_expr
        ~ ' else ' ~ c360_skewed_index(c360_hash(account_row_expr, 'account.holder'), c360_card_holders()) ~ ' end',
        c360_rows(), 'account.holders'
    ) }}
{%- endmacro %}

{#
    CTEs that add the parent account's customer and timeline to a CTE named `keyed` holding
    `account_row`. Produces a CTE named `account_timed` with customer_row, signup_offset,
    active_until_offset and onboard_offset (the account's onboarding, as in syn_credit_card__accounts).
#}
{% macro c360_account_timeline_ctes() -%}
account_keyed as (
    select
        keyed.*,
        {{ c360_account_customer_row('account_row') }} as customer_row,
        {{ c360_hash('account_row', 'account.onboard') }} as h_onboard
    from keyed
),

account_signed as (
    select
        account_keyed.*,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from account_keyed
),

account_windowed as (
    select
        account_signed.*,
        {{ c360_active_until_offset('customer_row', 'signup_offset') }} as active_until_offset
    from account_signed
),

account_timed as (
    select
        account_windowed.*,
        {{ c360_offset_between('h_onboard', 'signup_offset', 'active_until_offset') }} as onboard_offset
    from account_windowed
)
{%- endmacro %}

{#
    CTEs that add a customer's timeline to a CTE named `keyed` holding `customer_row`: produces
    `customer_timed` with signup_offset and active_until_offset.
#}
{% macro c360_customer_timeline_ctes() -%}
customer_signed as (
    select
        keyed.*,
        {{ c360_signup_offset('customer_row') }} as signup_offset
    from keyed
),

customer_timed as (
    select
        customer_signed.*,
        {{ c360_active_until_offset('customer_row', 'signup_offset') }} as active_until_offset
    from customer_signed
)
{%- endmacro %}

{# Orders: 7 of every 10 customers shop (positions of a block of 10), heavy and light shoppers; see
   c360_activity_ctes. Order items re-derive each order's customer and time from the order row (once per
   order) and join them to the order's items. #}
{% macro c360_order_activity_ctes() -%}
    {{ c360_activity_ctes('order', 10, 7) }}
{%- endmacro %}
