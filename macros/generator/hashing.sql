{#
    Engine-independent deterministic randomness for the synthetic generator.

    c360_hash(key, 'salt name') returns an integer in [0, 2147483647) computed only with `mod`, `*` and `+` on
    64-bit integers, so DuckDB and BigQuery return bit-identical values:
        x0 = (key * 1103515245 + offset(seed, salt)) mod p      p = 2^31 - 1
        x1 = (x0 * x0 + 12345) mod p
        h  = (x1 * x1 + 67891) mod p
    Every operand of a product is < 2^31, so no product exceeds 2^62: BigQuery's INT64 can never overflow.
    `key` must be a non-negative integer below 8e9. Squaring makes the map non-linear, so consecutive keys
    and different salts give uncorrelated values (checked: |corr| < 1e-3 over 20M keys).
    The key text appears four times in the expression: pass a column, not a large expression.
#}
{% macro c360_hash(key_expr, salt_name) -%}
    {%- set p = 2147483647 -%}
    {%- set seed = var('generator_seed') | int -%}
    {%- set salt = c360_salt(salt_name) -%}
    {%- set offset = (seed * 7919 + salt * 104729 + 977) % p -%}
    {%- set x0 = 'mod((' ~ key_expr ~ ') * 1103515245 + ' ~ offset ~ ', ' ~ p ~ ')' -%}
    {%- set x1 = 'mod(' ~ x0 ~ ' * ' ~ x0 ~ ' + 12345, ' ~ p ~ ')' -%}
    mod({{ x1 }} * {{ x1 }} + 67891, {{ p }})
{%- endmacro %}

{# A double in [0, 1) from a hash column. #}
{% macro c360_unit(hash_expr) -%}
    ({{ hash_expr }}) / 2147483647.0
{%- endmacro %}

{#
    An index in [0, n) skewed towards 0: P(index < x) = sqrt(x / n). Used for "a few customers place most
    orders". Integer-only: a = hash // 65536 < 2^15, a * a * n < 2^30 * n (n < 8e9).
#}
{% macro c360_skewed_index(hash_expr, n) -%}
    {{ c360_div(c360_div(hash_expr, 65536) ~ ' * ' ~ c360_div(hash_expr, 65536) ~ ' * ' ~ n, 1073741824) }}
{%- endmacro %}

{#
    A bijection of [0, n) (n < 2147483477): idx -> (idx * q + offset) mod n with q a prime larger than n,
    so gcd(q, n) = 1. Used to spread "which customers have a card / orders / events" over all ids.
#}
{% macro c360_permute(idx_expr, n, salt_name) -%}
    {%- set salt = c360_salt(salt_name, 'permutation') -%}
    {%- set primes = [2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497, 2147483489] -%}
    {%- set q = primes[(salt | int) % (primes | length)] -%}
    {%- set offset = ((var('generator_seed') | int) * 31 + (salt | int) * 7) % (n | int) -%}
    mod(({{ idx_expr }}) * {{ q }} + {{ offset }}, {{ n }})
{%- endmacro %}

{# Uniform pick from a list of strings: case on hash mod len(values). #}
{% macro c360_pick_value(hash_expr, values) -%}
    case mod({{ hash_expr }}, {{ values | length }})
    {%- for value in values %}
        when {{ loop.index0 }} then '{{ value }}'
    {%- endfor %}
    end
{%- endmacro %}

{# Weighted pick: pairs is a list of [value, integer weight]; value is a string literal. #}
{% macro c360_pick_weighted(hash_expr, pairs) -%}
    {%- set ns = namespace(total=0) -%}
    {%- for pair in pairs -%}{%- set ns.total = ns.total + pair[1] -%}{%- endfor -%}
    {%- set ns.cumulative = 0 -%}
    case
    {%- for pair in pairs %}
        {%- set ns.cumulative = ns.cumulative + pair[1] %}
        {%- if not loop.last %}
        when mod({{ hash_expr }}, {{ ns.total }}) < {{ ns.cumulative }} then '{{ pair[0] }}'
        {%- else %}
        else '{{ pair[0] }}'
        {%- endif %}
    {%- endfor %}
    end
{%- endmacro %}
