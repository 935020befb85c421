{#
    Value lists the generator draws from. Codes match the seeds (channels, plans, event_types, countries,
    product_categories); the singular test assert_generator_codes_match_seeds keeps them in step.
    Weights are relative integers.
#}
{% macro c360_catalog(name) -%}
    {%- set catalog = {
        'first_names': ['Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Omar', 'Lena', 'Ivan', 'Sofia', 'Kenji',
                        'Amara', 'Lucas', 'Priya', 'Mateo', 'Hana', 'Elias', 'Nora', 'Diego', 'Aisha', 'Felix',
                        'Chloe', 'Arjun', 'Emma', 'Yusuf', 'Mia', 'Leon', 'Sara', 'Tomas', 'Ines', 'Kwame'],
        'last_names': ['Smith', 'Garcia', 'Mueller', 'Silva', 'Tanaka', 'Khan', 'Martin', 'Rossi', 'Novak',
                       'Okafor', 'Dubois', 'Kowalski', 'Nguyen', 'Patel', 'Lopez', 'Jensen', 'Costa', 'Kim',
                       'Haddad', 'Brown', 'Schmidt', 'Fischer', 'Santos', 'Ito', 'Moreau'],
        'email_domains': ['example.com', 'mail.test', 'inbox.example', 'post.test'],
        'countries': [['US', 40], ['GB', 12], ['DE', 10], ['FR', 7], ['BR', 8], ['IN', 8], ['CA', 6],
                      ['AU', 4], ['JP', 3], ['MX', 2]],
        'cities': ['North', 'South', 'East', 'West', 'Central', 'Harbor', 'Lake', 'Hill'],
        'channels': [['paid_search', 25], ['paid_social', 20], ['display', 8], ['affiliate', 7],
                     ['email', 10], ['organic', 20], ['referral', 10]],
        'paid_channels': [['paid_search', 240], ['paid_social', 300], ['display', 420], ['affiliate', 260],
                          ['email', 60]],
        'card_products': [['classic', 55], ['gold', 30], ['platinum', 15]],
        'account_statuses': [['active', 85], ['closed', 10], ['frozen', 5]],
        'merchant_categories': ['grocery', 'travel', 'dining', 'fuel', 'electronics', 'apparel', 'health',
                                'entertainment'],
        'transaction_types': [['purchase', 92], ['refund', 5], ['cash_advance', 3]],
        'domains': [['user', 30], ['credit_card', 25], ['commerce', 35], ['support', 10]],
        'event_types': {
            'user': ['login', 'logout', 'profile_updated', 'password_reset'],
            'credit_card': ['card_viewed', 'statement_viewed', 'purchase_simulated', 'limit_raise_requested'],
            'commerce': ['product_viewed', 'added_to_cart', 'checkout_started', 'order_placed'],
            'support': ['help_article_viewed', 'chat_started', 'ticket_opened']
        },
        'order_statuses': [['completed', 80], ['shipped', 6], ['refunded', 8], ['cancelled', 6]],
        'order_channels': [['web', 55], ['app', 40], ['phone', 5]],
        'product_categories': ['electronics', 'home', 'apparel', 'beauty', 'sports', 'books', 'toys',
                               'grocery'],
        'ticket_statuses': [['open', 10], ['pending', 8], ['resolved', 60], ['closed', 22]],
        'ticket_priorities': [['low', 40], ['normal', 45], ['high', 12], ['urgent', 3]],
        'ticket_channels': [['email', 45], ['chat', 35], ['phone', 20]],
        'utc_offsets': [['+00:00', 30], ['-05:00', 30], ['+01:00', 25], ['+05:30', 15]],
        'plans': [['basic_monthly', 40], ['plus_monthly', 25], ['premium_monthly', 10],
                  ['basic_annual', 10], ['plus_annual', 10], ['premium_annual', 5]],
        'plan_prices': {'basic_monthly': 9.99, 'plus_monthly': 19.99, 'premium_monthly': 39.99,
                        'basic_annual': 99.0, 'plus_annual': 199.0, 'premium_annual': 399.0},
        'invoice_statuses': [['paid', 95], ['failed', 3], ['refunded', 2]]
    } -%}
    {%- if name not in catalog -%}
        {{ exceptions.raise_compiler_error("unknown generator catalog entry: " ~ name) }}
    {%- endif -%}
    {{ return(catalog[name]) }}
{%- endmacro %}
