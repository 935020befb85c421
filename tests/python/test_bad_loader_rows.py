"""Bad rows as a real loader delivers them: quarantined with the right reason, and the build stays green.

A copy of the synthetic build plays the loaded raw tables. Before the sources-mode build, the fixture
inserts every row of CASES (written out here, not planted by the generator) into that copy, and gives two
columns the types a loader may deliver: marketing spend as DOUBLE (NaN and Infinity become possible) and
the ticket key as text (blank keys become possible). Each case expects one reason code in
marts.dq_quarantine, or expects the row kept with a normalised value in staging. Afterwards every dbt
node passes, dq_reconciliation accounts for every row, and no injected value reaches the facts, the KPI
marts or customer_360.

Every case carries a marker number (MARKER_BASE + its position): its key, or for keyless rows a value in
another column, so the quarantined row is found by its raw_record and the marts can be searched for it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
from dbt.cli.main import dbtRunnerResult

from c360_dbt import DB_FILE_NAME, NUM_CUSTOMERS, RAW_TABLES, checksum, fetch_all, run_dbt

MARKER_BASE: int = 9_100_000_000  # above every generated key (< 8e9)
AT: str = "2025-06-01 10:00:00"
LOADED: str = "2025-06-01 12:00:00"
TICKET_AT: str = "2025-06-01 10:00:00+00:00"
BAD_BUILD_VARS: dict[str, Any] = {"source_data": "sources", "num_customers": NUM_CUSTOMERS}

# a valid row per raw table; "{m}" is the case's marker, the other names are existing parents (PARENTS_SQL)
TEMPLATES: dict[str, dict[str, Any]] = {
    "user_db__customers": {
        "customer_id": "{m}", "first_name": "Bad", "last_name": "Loader", "email": "bad.loader.{m}@example.com",
        "country_code": "US", "signup_at": AT, "updated_at": AT, "_loaded_at": LOADED,
    },
    "user_db__addresses": {
        "address_id": "{m}", "customer_id": "{customer}", "address_type": "home", "street_line": "{m} Loader St",
        "city": "Springfield", "postal_code": "12345", "country_code": "US", "is_primary": False,
        "created_at": AT, "_loaded_at": LOADED,
    },
    "user_db__phones": {
        "phone_id": "{m}", "customer_id": "{customer}", "phone_number": "(415) 555-0134", "phone_type": "mobile",
        "is_primary": False, "created_at": AT, "_loaded_at": LOADED,
    },
    "credit_card__accounts": {
        "account_id": "{m}", "customer_id": "{customer}", "card_product": "gold", "credit_limit": 5000,
        "account_status": "active", "onboarded_at": AT, "_loaded_at": LOADED,
    },
    "credit_card__limit_changes": {
        "limit_change_id": "{m}", "account_id": "{account}", "change_type": "increase", "change_amount": 500,
        "change_reason": "customer_request", "changed_at": AT, "_loaded_at": LOADED,
    },
    "credit_card__transactions": {
        "transaction_id": "{m}", "account_id": "{account}", "transaction_type": "purchase",
        "merchant_category": "grocery", "amount": 20, "transacted_at": AT, "_loaded_at": LOADED,
    },
    "analytics__events": {
        "event_id": "{m}", "user_id": "{customer}", "journey_id": "{m}", "domain": "user", "event_type": "login",
        "occurred_at": AT, "_loaded_at": LOADED,
    },
    "commerce__products": {
        "product_id": "{m}", "category_code": "electronics", "product_name": "Marker {m}", "list_price": 10,
        "created_at": AT, "_loaded_at": LOADED,
    },
    "commerce__orders": {
        "order_id": "{m}", "customer_id": "{customer}", "order_status": "completed", "order_channel": "web",
        "ordered_at": AT, "refunded_at": None, "_loaded_at": LOADED,
    },
    "commerce__order_items": {
        "order_item_id": "{m}", "order_id": "{order}", "product_id": "{product}", "quantity": 1, "unit_price": 10,
        "discount_amount": 0, "_loaded_at": LOADED,
    },
    "support__tickets": {
        "ticket_id": "{m}", "customer_id": "{customer}", "ticket_status": "open", "priority": "normal",
        "contact_channel": "email", "opened_at": TICKET_AT, "resolved_at": None, "satisfaction_score": None,
        "_loaded_at": LOADED,
    },
    "billing__subscriptions": {
        "subscription_id": "{m}", "customer_id": "{customer}", "plan_code": "basic_monthly",
        "billing_interval": "month", "price": 9.99, "subscription_status": "active", "started_at": AT,
        "ended_at": None, "updated_at": AT, "_loaded_at": LOADED,
    },
    "billing__invoices": {
        "invoice_id": "{m}", "subscription_id": "{subscription}", "customer_id": "{subscription_customer}",
        "amount": 9.99, "invoice_status": "paid", "issued_at": AT, "_loaded_at": LOADED,
    },
    "marketing__attributions": {
        "attribution_id": "{m}", "customer_id": "{customer}", "channel_code": "paid_search",
        "campaign": "marker {m}", "attributed_at": AT, "_loaded_at": LOADED,
    },
    "marketing__spend": {
        "spend_date": "2025-06-01", "channel_code": "paid_search", "spend_amount": 50.0, "impressions": "{m}",
        "currency_code": "USD", "_loaded_at": "2025-06-02 01:00:00",
    },
}

# existing parents in the synthetic build, so a bad child row fails only for the reason it is written for
PARENTS_SQL: dict[str, str] = {
    "customer": "select min(customer_id) from staging.stg_user_db__customers where signup_at < '2025-01-01'",
    "customer_email": "select email from staging.stg_user_db__customers where customer_id = "
    "(select min(customer_id) from staging.stg_user_db__customers where signup_at < '2025-01-01')",
    "account": "select min(account_id) from staging.stg_credit_card__accounts"
    " where onboarded_at between '2024-06-01' and '2025-05-01'",
    "order": "select min(order_id) from staging.stg_commerce__orders",
    "product": "select min(product_id) from staging.stg_commerce__products",
    "subscription": "select min(subscription_id) from staging.stg_billing__subscriptions",
    "subscription_customer": "select customer_id from staging.stg_billing__subscriptions"
    " where subscription_id = (select min(subscription_id) from staging.stg_billing__subscriptions)",
}


@dataclass(frozen=True)
class Case:
    """One hand-written raw row: quarantined for `reason`, or kept with `kept` = (column, value) in staging."""

    case_id: str
    table: str
    values: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    kept: tuple[str, Any] | None = None
    find: str | None = None  # its key is missing: the column that holds its marker or a value of its own


def bad(case_id: str, table: str, reason: str, find: str | None = None, **values: Any) -> Case:
    return Case(case_id, table, values, reason=reason, find=find)


def kept(case_id: str, table: str, column: str, expected: Any, **values: Any) -> Case:
    return Case(case_id, table, values, kept=(column, expected))


C, P, T, O, I = "user_db__customers", "user_db__phones", "support__tickets", "commerce__orders", "commerce__order_items"
E, S = "analytics__events", "marketing__spend"
LONG_DOMAIN = ("b" * 63 + ".") * 3 + "example.com"

CASES: tuple[Case, ...] = (
    # --- absurd but in-range money, derived totals, NaN / Infinity ---
    bad("line_total_1e9", I, "invalid_amount", quantity=1000, unit_price=1_000_000),
    bad("line_total_above_cap", I, "invalid_amount", quantity=2, unit_price=600_000),
    bad("discount_above_line", I, "invalid_amount", quantity=1, unit_price=10, discount_amount=11),
    bad("quantity_zero", I, "invalid_amount", quantity=0),
    bad("quantity_5000", I, "invalid_amount", quantity=5000),
    bad("unit_price_negative", I, "invalid_amount", unit_price=-3),
    bad("order_total_above_cap", O, "invalid_amount"),
    bad("order_total_item_1", I, "orphan_foreign_key", order_id="{order_total}", unit_price=600_000),
    bad("order_total_item_2", I, "orphan_foreign_key", order_id="{order_total}", unit_price=600_000),
    bad("spend_1e15", S, "invalid_amount", spend_date="2025-06-02", spend_amount=1e15),
    bad("spend_nan", S, "invalid_amount", spend_date="2025-06-03", spend_amount=float("nan")),
    bad("spend_infinity", S, "invalid_amount", spend_date="2025-06-04", spend_amount=float("inf")),
    bad("spend_minus_infinity", S, "invalid_amount", spend_date="2025-06-05", spend_amount=float("-inf")),
    bad("spend_negative", S, "invalid_amount", spend_date="2025-06-06", spend_amount=-5.0),
    bad("impressions_negative", S, "invalid_amount", find="spend_date", spend_date="2025-06-07", impressions=-1),
    bad("transaction_5e6", "credit_card__transactions", "invalid_amount", amount=5_000_000),
    bad("transaction_negative", "credit_card__transactions", "invalid_amount", amount=-1),
    bad("invoice_2e6", "billing__invoices", "invalid_amount", amount=2_000_000),
    bad("subscription_price_1e7", "billing__subscriptions", "invalid_amount", price=10_000_000),
    bad("list_price_1e9", "commerce__products", "invalid_amount", list_price=1_000_000_000),
    bad("credit_limit_1e12", "credit_card__accounts", "invalid_amount", credit_limit=1_000_000_000_000),
    bad("limit_change_5e6", "credit_card__limit_changes", "invalid_amount", change_amount=5_000_000),
    # --- _loaded_at ---
    bad("customer_loaded_9999", C, "invalid_loaded_at", _loaded_at="9999-01-01 00:00:00"),
    bad("order_loaded_9999", O, "invalid_loaded_at", _loaded_at="9999-01-01 00:00:00"),
    bad("event_loaded_null", E, "invalid_loaded_at", _loaded_at=None),
    bad("transaction_loaded_null", "credit_card__transactions", "invalid_loaded_at", _loaded_at=None),
    bad("ticket_loaded_2030", T, "invalid_loaded_at", _loaded_at="2030-01-01 00:00:00"),
    bad("spend_loaded_9999", S, "invalid_loaded_at", spend_date="2025-06-08", _loaded_at="9999-01-01 00:00:00"),
    bad("product_loaded_1950", "commerce__products", "invalid_loaded_at", _loaded_at="1950-01-01 00:00:00"),
    bad("invoice_loaded_after_window", "billing__invoices", "invalid_loaded_at", _loaded_at="2026-01-05 00:00:00"),
    bad("attribution_loaded_null", "marketing__attributions", "invalid_loaded_at", _loaded_at=None),
    bad("address_loaded_9999", "user_db__addresses", "invalid_loaded_at", _loaded_at="9999-01-01 00:00:00"),
    # --- times before dq_earliest_date (2000-01-01) ---
    bad("signup_1900", C, "timestamp_out_of_range", signup_at="1900-01-01 00:00:00", updated_at="1900-01-01 00:00:00"),
    bad("event_1900", E, "timestamp_out_of_range", occurred_at="1900-01-01 00:00:00"),
    bad("order_1900", O, "timestamp_out_of_range", ordered_at="1900-01-01 00:00:00"),
    bad("ticket_1900", T, "timestamp_out_of_range", opened_at="1900-01-01 00:00:00+00:00"),
    bad("transaction_1970", "credit_card__transactions", "timestamp_out_of_range", transacted_at="1970-01-01 00:00:00"),
    bad("account_1900", "credit_card__accounts", "timestamp_out_of_range", onboarded_at="1900-01-01 00:00:00"),
    bad("subscription_1900", "billing__subscriptions", "timestamp_out_of_range", started_at="1900-01-01 00:00:00"),
    bad("invoice_1900", "billing__invoices", "timestamp_out_of_range", issued_at="1900-01-01 00:00:00"),
    bad("attribution_1900", "marketing__attributions", "timestamp_out_of_range", attributed_at="1900-01-01 00:00:00"),
    bad("spend_1900", S, "timestamp_out_of_range", spend_date="1900-01-01"),
    bad("limit_change_1900", "credit_card__limit_changes", "timestamp_out_of_range", changed_at="1900-01-01 00:00:00"),
    bad("phone_1900", P, "timestamp_out_of_range", created_at="1900-01-01 00:00:00"),
    bad("address_1900", "user_db__addresses", "timestamp_out_of_range", created_at="1900-01-01 00:00:00"),
    bad("product_1900", "commerce__products", "timestamp_out_of_range", created_at="1900-01-01 00:00:00"),
    # --- future times and times out of order ---
    bad("ticket_opened_9999", T, "future_timestamp", opened_at="9999-01-01 00:00:00+00:00"),
    bad("ticket_resolved_2030", T, "future_timestamp", resolved_at="2030-01-01 00:00:00+00:00"),
    bad("event_after_window", E, "future_timestamp",
        occurred_at="2026-01-01 00:30:00", _loaded_at="2026-01-01 01:00:00"),
    bad("order_after_window", O, "future_timestamp",
        ordered_at="2026-01-01 00:30:00", _loaded_at="2026-01-01 01:00:00"),
    bad("ticket_resolved_before_opened", T, "inconsistent_timestamps", resolved_at="2025-05-31 10:00:00+00:00"),
    bad("refund_before_order", O, "inconsistent_timestamps",
        order_status="refunded", refunded_at="2025-05-01 00:00:00"),
    bad("subscription_ends_before_start", "billing__subscriptions", "inconsistent_timestamps",
        subscription_status="cancelled", ended_at="2025-05-01 00:00:00"),
    bad("limit_change_before_account", "credit_card__limit_changes", "inconsistent_timestamps",
        changed_at="2024-01-01 00:00:01"),
    bad("event_before_signup", E, "inconsistent_timestamps", occurred_at="2024-01-01 00:00:01"),
    bad("active_subscription_with_end", "billing__subscriptions", "inconsistent_timestamps",
        ended_at="2025-06-01 11:00:00"),
    bad("cancelled_subscription_without_end", "billing__subscriptions", "inconsistent_timestamps",
        subscription_status="cancelled"),
    bad("refunded_order_without_refund_time", O, "inconsistent_timestamps", order_status="refunded"),
    bad("completed_order_with_refund_time", O, "inconsistent_timestamps", refunded_at="2025-06-01 11:00:00"),
    bad("resolved_ticket_without_time", T, "inconsistent_timestamps", ticket_status="resolved"),
    bad("open_ticket_with_resolution", T, "inconsistent_timestamps", resolved_at="2025-06-01 11:00:00+00:00"),
    # --- times before the data window (start_date, later than dq_earliest_date) ---
    bad("signup_before_window", C, "timestamp_out_of_range",
        signup_at="2023-06-01 00:00:00", updated_at="2023-06-01 00:00:00"),
    bad("order_before_window", O, "timestamp_out_of_range", ordered_at="2005-01-01 00:00:00"),
    bad("ticket_before_window", T, "timestamp_out_of_range", opened_at="2005-01-01 00:00:00+00:00"),
    bad("subscription_before_window", "billing__subscriptions", "timestamp_out_of_range",
        started_at="2005-01-01 00:00:00", updated_at="2005-01-01 00:00:00"),
    # --- blank and malformed keys ---
    bad("ticket_key_empty", T, "missing_primary_key",
        find="opened_at", ticket_id="", opened_at="2025-06-01 10:00:01+00:00"),
    bad("ticket_key_spaces", T, "missing_primary_key",
        find="opened_at", ticket_id="   ", opened_at="2025-06-01 10:00:02+00:00"),
    bad("ticket_key_text", T, "missing_primary_key",
        find="opened_at", ticket_id="T-123", opened_at="2025-06-01 10:00:03+00:00"),
    bad("ticket_key_null", T, "missing_primary_key",
        find="opened_at", ticket_id=None, opened_at="2025-06-01 10:00:04+00:00"),
    bad("spend_channel_empty", S, "missing_primary_key", spend_date="2025-06-09", channel_code=""),
    bad("spend_channel_spaces", S, "missing_primary_key", spend_date="2025-06-10", channel_code="  "),
    bad("customer_key_null", C, "missing_primary_key", find="email", customer_id=None),
    bad("order_key_null", O, "missing_primary_key", find="ordered_at", order_id=None, ordered_at="2025-06-01 10:00:05"),
    bad("event_key_null", E, "missing_primary_key", find="journey_id", event_id=None),
    # --- phone numbers ---
    bad("phone_tel_letters", P, "invalid_phone", phone_number="tel: 555abc123def4567"),
    bad("phone_letters", P, "invalid_phone", phone_number="555abc1234"),
    bad("phone_country_code_zero", P, "invalid_phone", phone_number="+0 123 4567 890"),
    bad("phone_too_short", P, "invalid_phone", phone_number="+65 12"),
    bad("phone_plus1_short", P, "invalid_phone", phone_number="+1 234 567"),
    bad("phone_17_digits", P, "invalid_phone", phone_number="12345678901234567"),
    bad("phone_blank", P, "invalid_phone", phone_number=""),
    bad("phone_na", P, "invalid_phone", phone_number="n/a"),
    bad("phone_extension_text", P, "invalid_phone", phone_number="+44 20 7946 0958 ext 12"),
    kept("phone_singapore", P, "phone_number", "+6561234567",
        customer_id="{kept_customer}", phone_number="+65 6123 4567"),
    kept("phone_uk", P, "phone_number", "+442079460958",
        customer_id="{kept_customer}", phone_number="+44 20 7946 0958"),
    kept("phone_00_prefix", P, "phone_number", "+4930123456",
        customer_id="{kept_customer}", phone_number="0049 30 123456"),
    kept("phone_tel_uri", P, "phone_number", "+14155550199", customer_id="{kept_customer}",
         phone_number="tel:+1-415-555-0199"),
    kept("phone_us_formatted", P, "phone_number", "+14155550134", customer_id="{kept_customer}",
         phone_number="(415) 555-0134"),
    # --- e-mail addresses ---
    bad("email_local_300", C, "invalid_email", email="a" * 300 + "@example.com"),
    bad("email_dots", C, "invalid_email", email=".dot..dot.@example.com"),
    bad("email_trailing_dot", C, "invalid_email", email="dot.@example.com"),
    bad("email_double_dot", C, "invalid_email", email="a..b@example.com"),
    bad("email_total_264", C, "invalid_email", email="a" * 60 + "@" + LONG_DOMAIN),
    bad("email_hyphen_label", C, "invalid_email", email="user@-bad-.example"),
    bad("email_no_tld", C, "invalid_email", email="user@example"),
    bad("email_space", C, "invalid_email", email="user@exa mple.com"),
    bad("email_empty", C, "invalid_email", email=""),
    bad("email_null", C, "invalid_email", email=None),
    kept("email_idn", C, "email", "user@bücher.example", email="User@Bücher.example",
         signup_at="2025-05-01 10:00:00", updated_at="2025-05-01 10:00:00"),
    kept("email_punycode", C, "email", "info@xn--bcher-kva.example", email="info@xn--bcher-kva.example"),
    # --- helpdesk times (ISO-8601 text with an offset) ---
    bad("offset_99_99", T, "unparseable_timestamp", opened_at="2025-06-01 10:00:00+99:99"),
    bad("offset_15_hours", T, "unparseable_timestamp", opened_at="2025-06-01 10:00:00+15:00"),
    bad("offset_75_minutes", T, "unparseable_timestamp", opened_at="2025-06-01 10:00:00+05:75"),
    bad("month_13", T, "unparseable_timestamp", opened_at="2025-13-01 10:00:00+00:00"),
    bad("us_date", T, "unparseable_timestamp", opened_at="01/06/2025 10:00"),
    bad("word", T, "unparseable_timestamp", opened_at="yesterday"),
    bad("no_offset", T, "unparseable_timestamp", opened_at="2025-06-01T10:00:00"),
    kept("iso_t_z", T, "opened_at", "2025-06-01 10:00:00", customer_id="{kept_customer}",
         opened_at="2025-06-01T10:00:00Z"),
    kept("iso_fraction", T, "opened_at", "2025-06-01 08:00:00.25", customer_id="{kept_customer}",
         opened_at="2025-06-01T10:00:00.250+02:00"),
    kept("iso_basic_offset", T, "opened_at", "2025-06-01 10:30:00", customer_id="{kept_customer}",
         opened_at="2025-06-01 05:00:00-0530"),
    bad("offset_west_after_load", T, "future_timestamp", opened_at="2025-06-01 10:00:00-0530"),
    # --- codes that must go together, codes outside the seeds ---
    bad("login_in_commerce", E, "unknown_enum_value", domain="commerce", event_type="login"),
    bad("order_placed_in_user", E, "unknown_enum_value", domain="user", event_type="order_placed"),
    bad("padded_pair_mismatch", E, "unknown_enum_value", domain=" COMMERCE ", event_type=" Login"),
    bad("monthly_plan_billed_yearly", "billing__subscriptions", "unknown_enum_value", billing_interval="year"),
    bad("invoice_before_subscription", "billing__invoices", "inconsistent_timestamps",
        issued_at="2024-01-02 00:00:00"),
    bad("invoice_of_another_customer", "billing__invoices", "orphan_foreign_key", customer_id="{customer}"),
    bad("attribution_before_signup", "marketing__attributions", "inconsistent_timestamps",
        attributed_at="2024-01-02 00:00:00"),
    bad("account_before_signup", "credit_card__accounts", "inconsistent_timestamps",
        onboarded_at="2024-01-02 00:00:00"),
    bad("transaction_before_account", "credit_card__transactions", "inconsistent_timestamps",
        transacted_at="2024-01-02 00:00:00"),
    bad("order_before_signup", O, "inconsistent_timestamps", ordered_at="2024-01-02 00:00:00"),
    bad("ticket_before_signup", T, "inconsistent_timestamps", opened_at="2024-01-02 00:00:00+00:00"),
    bad("subscription_before_signup", "billing__subscriptions", "inconsistent_timestamps",
        started_at="2024-01-02 00:00:00", updated_at="2024-01-02 00:00:00"),
    bad("spend_date_after_load", S, "future_timestamp", spend_date="2025-06-12"),
    bad("address_country_xx", "user_db__addresses", "unknown_enum_value", country_code="XX"),
    # --- values every reader needs ---
    bad("signup_null", C, "missing_value", signup_at=None),
    bad("first_name_blank", C, "missing_value", first_name="  "),
    bad("ordered_at_null", O, "missing_value", ordered_at=None),
    bad("occurred_at_null", E, "missing_value", occurred_at=None),
    bad("journey_null", E, "missing_value", journey_id=None),
    bad("quantity_null", I, "missing_value", quantity=None),
    bad("unit_price_null", I, "missing_value", unit_price=None),
    bad("price_null", "billing__subscriptions", "missing_value", price=None),
    bad("invoice_amount_null", "billing__invoices", "missing_value", amount=None),
    bad("spend_null", S, "missing_value", spend_date="2025-06-11", spend_amount=None),
    bad("is_primary_null", P, "missing_value", is_primary=None),
    bad("credit_limit_null", "credit_card__accounts", "missing_value", credit_limit=None),
    bad("transaction_amount_null", "credit_card__transactions", "missing_value", amount=None),
    bad("attributed_at_null", "marketing__attributions", "missing_value", attributed_at=None),
    # --- one e-mail, several customers: the first to sign up keeps it ---
    bad("email_of_existing_customer", C, "duplicate_email", email="{customer_email}"),
    bad("email_of_existing_customer_padded", C, "duplicate_email", email="  {customer_email_upper} "),
    kept("email_twin_first", C, "email", "twin.{m}@example.com", email="twin.{twin}@example.com",
         signup_at="2025-05-01 10:00:00", updated_at="2025-05-01 10:00:00"),
    bad("email_twin_second", C, "duplicate_email", email="twin.{twin}@example.com"),
)

# cases whose row hangs off another case's row (a marker order, customer or e-mail)
ORDER_TOTAL_CASE = "order_total_above_cap"
KEPT_CUSTOMER_CASE = "email_idn"
TWIN_CASE = "email_twin_first"


def marker(case: Case) -> int:
    return MARKER_BASE + CASES.index(case) + 1


def case_named(case_id: str) -> Case:
    return next(case for case in CASES if case.case_id == case_id)


def kept_customers() -> list[int]:
    return [marker(case) for case in CASES if case.kept is not None and case.table == C]


def row_of(case: Case, parents: dict[str, Any]) -> dict[str, Any]:
    """The template of the case's table with its values, placeholders filled in."""
    names = {
        **parents,
        "m": marker(case),
        "order_total": marker(case_named(ORDER_TOTAL_CASE)),
        "kept_customer": marker(case_named(KEPT_CUSTOMER_CASE)),
        "twin": marker(case_named(TWIN_CASE)),
        "customer_email_upper": str(parents["customer_email"]).upper(),
    }
    row = {**TEMPLATES[case.table], **case.values}
    return {column: value.format(**names) if isinstance(value, str) else value for column, value in row.items()}


def expected_kept_value(case: Case) -> Any:
    assert case.kept is not None
    value = case.kept[1]
    return value.format(m=marker(case_named(TWIN_CASE))) if isinstance(value, str) else value


def needle(case: Case, row: dict[str, Any]) -> str:
    """Text of the raw_record JSON that only this case's row holds: its marker, or its `find` column's value."""
    if case.find is None:
        return str(marker(case))
    value = str(row[case.find])
    # timestamp columns are written as RFC 3339 UTC in raw_record (BigQuery's TO_JSON_STRING)
    return f"{value.replace(' ', 'T')}Z" if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", value) else value


@dataclass(frozen=True)
class BadBuild:
    db_path: Path
    result: dbtRunnerResult
    parents: dict[str, Any]


def existing_parents(db_path: Path) -> dict[str, Any]:
    return {name: fetch_all(db_path, sql)[0][0] for name, sql in PARENTS_SQL.items()}


# the types a loader may deliver (DuckDB names): floating-point spend, a text ticket key
LOADER_TYPES: dict[str, tuple[str, str]] = {
    "marketing__spend": ("spend_amount", "double"),
    "support__tickets": ("ticket_id", "varchar"),
}


def insert_cases(db_path: Path, parents: dict[str, Any]) -> None:
    with duckdb.connect(str(db_path)) as con:
        for table, (column, loader_type) in LOADER_TYPES.items():
            con.execute(f"alter table raw.{table} alter {column} type {loader_type}")
        for case in CASES:
            row = row_of(case, parents)
            columns = ", ".join(row)
            placeholders = ", ".join("?" for _ in row)
            con.execute(f"insert into raw.{case.table} ({columns}) values ({placeholders})", list(row.values()))


@pytest.fixture(scope="module")
def bad_build(default_build: Path, tmp_path_factory: pytest.TempPathFactory) -> BadBuild:
    """The synthetic build's raw tables plus CASES, built in sources mode with every data test."""
    work_dir = tmp_path_factory.mktemp("bad_loader_rows")
    db_path = work_dir / DB_FILE_NAME
    shutil.copyfile(default_build, db_path)
    parents = existing_parents(db_path)
    insert_cases(db_path, parents)
    result = run_dbt(("build",), db_path, work_dir, BAD_BUILD_VARS)
    return BadBuild(db_path, result, parents)


def failed_nodes(result: dbtRunnerResult) -> list[str]:
    failures: list[str] = []
    for node_result in getattr(result.result, "results", None) or []:
        status = str(getattr(node_result.status, "value", node_result.status))
        if status not in {"success", "pass", "warn", "no-op"}:
            failures.append(f"{node_result.node.unique_id}: {status}: {node_result.message}")
    return failures


def test_there_are_at_least_100_cases() -> None:
    assert len(CASES) >= 100
    assert len({case.case_id for case in CASES}) == len(CASES)


def test_every_node_passes(bad_build: BadBuild) -> None:
    failures = failed_nodes(bad_build.result)
    assert bad_build.result.success and not failures, "\n".join(failures) or str(bad_build.result.exception)


@pytest.mark.parametrize("case", [case for case in CASES if case.reason is not None], ids=lambda case: case.case_id)
def test_bad_row_is_quarantined_with_its_reason(bad_build: BadBuild, case: Case) -> None:
    row = row_of(case, bad_build.parents)
    rows = fetch_all(
        bad_build.db_path,
        "select reason_codes from marts.dq_quarantine where source_name || '__' || source_table = ?"
        " and contains(raw_record, ?)",
        [case.table, needle(case, row)],
    )
    assert len(rows) == 1, f"{case.case_id}: {len(rows)} quarantine rows for {row}"
    assert case.reason in rows[0][0].split("|"), f"{case.case_id}: reasons {rows[0][0]}, expected {case.reason}"


STAGING_KEYS: dict[str, tuple[str, str]] = {
    C: ("staging.stg_user_db__customers", "customer_id"),
    P: ("staging.stg_user_db__phones", "phone_id"),
    T: ("staging.stg_support__tickets", "ticket_id"),
}


@pytest.mark.parametrize("case", [case for case in CASES if case.kept is not None], ids=lambda case: case.case_id)
def test_good_row_is_kept_normalised(bad_build: BadBuild, case: Case) -> None:
    assert case.kept is not None
    relation, key = STAGING_KEYS[case.table]
    column = case.kept[0]
    query = f"select cast({column} as varchar) from {relation} where {key} = ?"
    rows = fetch_all(bad_build.db_path, query, [marker(case)])
    assert rows == [(expected_kept_value(case),)], f"{case.case_id}: {rows}"


def test_reconciliation_is_exact(default_build: Path, bad_build: BadBuild) -> None:
    inserted = {table: sum(1 for case in CASES if case.table == table) for table in RAW_TABLES}
    rejected = {table: sum(1 for case in CASES if case.table == table and case.reason) for table in RAW_TABLES}
    before = {
        f"{source}__{table}": (raw, quarantined)
        for source, table, raw, quarantined in fetch_all(
            default_build, "select source_name, source_table, raw_rows, quarantined_rows from marts.dq_reconciliation"
        )
    }
    after = fetch_all(
        bad_build.db_path,
        "select source_name || '__' || source_table, raw_rows, clean_rows, quarantined_rows, duplicates_collapsed,"
        " unaccounted_rows from marts.dq_reconciliation",
    )
    assert len(after) == len(RAW_TABLES)
    for table, raw, clean, quarantined, collapsed, unaccounted in after:
        assert raw == clean + quarantined + collapsed and unaccounted == 0, table
        assert raw == before[table][0] + inserted[table], table
        assert quarantined == before[table][1] + rejected[table], table


def test_no_marker_reaches_the_facts_or_customer_360(bad_build: BadBuild) -> None:
    markers = [marker(case) for case in CASES]
    allowed = kept_customers()
    for relation, key in (
        ("marts.fct_orders", "order_id"), ("marts.fct_events", "event_id"), ("marts.fct_orders", "customer_id"),
        ("marts.fct_events", "customer_id"), ("marts.customer_360", "customer_id"),
    ):
        found = fetch_all(
            bad_build.db_path,
            f"select distinct {key} from {relation} where {key} between ? and ?",
            [min(markers), max(markers)],
        )
        assert sorted(value for (value,) in found if value not in allowed) == [], relation


@pytest.mark.parametrize(
    "relation",
    ["marts.fct_orders", "marts.fct_events", "marts.kpi_daily_revenue", "marts.kpi_daily_mrr",
     "marts.kpi_cac_by_channel_month"],
)
def test_facts_and_money_kpis_equal_the_clean_build(default_build: Path, bad_build: BadBuild, relation: str) -> None:
    assert checksum(bad_build.db_path, relation) == checksum(default_build, relation), relation


def test_customer_360_of_existing_customers_is_unchanged(default_build: Path, bad_build: BadBuild) -> None:
    # the kept marker customers add customers: ranks and the top-20% cut move, nothing else may
    query = (
        "select * exclude (ltv_rank, is_top_20_percent) from marts.customer_360"
        f" where customer_id < {MARKER_BASE} order by customer_id"
    )
    assert fetch_all(bad_build.db_path, query) == fetch_all(default_build, query)


# KPI columns the kept marker customers (no events, orders or spend) cannot move
UNMOVED_KPI_COLUMNS: dict[str, str] = {
    "marts.kpi_daily_active_users": "activity_date, daily_active_users, events",
    "marts.kpi_ltv_cac_by_channel": "channel_code, total_spend",
}


@pytest.mark.parametrize("relation", sorted(UNMOVED_KPI_COLUMNS))
def test_activity_and_spend_kpis_are_unchanged(default_build: Path, bad_build: BadBuild, relation: str) -> None:
    query = f"select {UNMOVED_KPI_COLUMNS[relation]} from {relation} order by all"
    assert fetch_all(bad_build.db_path, query) == fetch_all(default_build, query), relation
