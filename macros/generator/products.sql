{# A product's list price in cents, a function of its id: 4.99 .. 203.99. Items and products share it. #}
{% macro c360_product_price_cents(product_id_expr) -%}
    (499 + mod({{ c360_hash(product_id_expr, 'product.price') }}, 200) * 100)
{%- endmacro %}
