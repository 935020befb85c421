{#
    The generator's named salts: the one registry of every stream of randomness. c360_hash(key, 'name')
    and c360_permute(idx, n, 'name') look their salt up here, so two streams never share a salt by
    accident, and a child table that must re-derive a parent's value (a customer's country in the address
    table, an order's customer in the items table) names the parent's stream instead of repeating a number.
    Names are `<entity>.<what it draws>`. To add a stream, add a line with an unused number;
    tests/python/test_generator_realism.py fails on a number used twice or a name used but not listed.
#}
{% macro c360_salts() -%}
    {{ return({
        'hash': {
            'customer.first_name': 101,
            'customer.last_name': 102,
            'customer.email': 103,
            'customer.country': 104,
            'customer.updated': 105,
            'customer.email_change': 151,
            'customer.email_change_time': 152,
            'customer.batch_signup_time': 161,
            'address.customer': 201,
            'address.street': 202,
            'address.city': 203,
            'address.type': 204,
            'address.created': 205,
            'address.batch_street': 211,
            'address.batch_city': 212,
            'address.move': 221,
            'address.move_street': 222,
            'address.move_city': 223,
            'phone.customer': 301,
            'phone.digits': 302,
            'phone.format': 303,
            'phone.type': 304,
            'account.holder': 401,
            'account.product': 402,
            'account.status': 403,
            'account.onboard': 404,
            'limit_change.account': 501,
            'limit_change.change': 502,
            'limit_change.time': 503,
            'transaction.account': 601,
            'transaction.amount': 602,
            'transaction.type': 603,
            'transaction.time': 604,
            'event.journey_split': 701,
            'event.type': 702,
            'event.time': 703,
            'journey.domain': 712,
            'event.batch_customer': 721,
            'event.batch_domain': 722,
            'event.batch_time': 723,
            'event.batch_late': 724,
            'customer.lifetime': 901,
            'order.status': 1003,
            'order.refund': 1004,
            'order.batch_customer': 1021,
            'order.batch_status': 1022,
            'order.batch_time': 1023,
            'order.batch_item_count': 1024,
            'order_item.order': 1101,
            'order_item.product': 1102,
            'order_item.quantity': 1103,
            'order_item.discount': 1104,
            'product.price': 1201,
            'product.category': 1202,
            'ticket.status': 1303,
            'ticket.resolution': 1304,
            'ticket.score': 1305,
            'ticket.zone': 1306,
            'subscription.tenure': 1405,
            'subscription.pick': 1406,
            'subscription.plan': 1403,
            'subscription.cancel': 1404,
            'subscription.change_batch': 1451,
            'subscription.change': 1452,
            'subscription.batch_plan': 1461,
            'invoice.status': 1501,
            'spend.noise': 1601,
            'attribution.channel': 1701,
            'order.tenure': 1005,
            'order.pick': 1006,
            'journey.tenure': 714,
            'journey.pick': 715,
            'ticket.tenure': 1307,
            'ticket.pick': 1308,
        },
        'permutation': {
            'account.holders': 1,
            'order.shoppers': 3,
        },
    }) }}
{%- endmacro %}

{# The salt of a named stream; `kind` is hash or permutation. An unknown name is a compile error. #}
{% macro c360_salt(name, kind='hash') -%}
    {%- set registry = c360_salts()[kind] -%}
    {%- if name not in registry -%}
        {{ exceptions.raise_compiler_error("unknown generator salt " ~ kind ~ " '" ~ name ~ "': add it to macros/generator/salts.sql") }}
    {%- endif -%}
    {{ return(registry[name]) }}
{%- endmacro %}
