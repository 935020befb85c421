"""customer_360 rows recomputed in plain Python from the raw tables for hand-picked customers."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from c360_dbt import fetch_all, fetch_dicts

# the customer with the most orders (ties: lowest id)
MOST_ORDERS_SQL = """
    select customer_id
    from raw.commerce__orders
    group by customer_id
    order by count(*) desc, customer_id
    limit 1
"""
# a card holder with tickets, preferring one with an active subscription, then the most resolved tickets,
# then the most tickets (ties: lowest id)
CARD_AND_TICKETS_SQL = """
    select tickets.customer_id
    from raw.support__tickets as tickets
    where tickets.customer_id in (select customer_id from raw.credit_card__accounts)
    group by tickets.customer_id
    order by
        max(case when tickets.customer_id in (
            select customer_id from raw.billing__subscriptions where subscription_status = 'active'
        ) then 1 else 0 end) desc,
        count(tickets.resolved_at) desc,
        count(*) desc,
        tickets.customer_id
    limit 1
"""


def clean(value: str | None) -> str | None:
    return None if value is None else value.strip().lower()


def normalize_phone(number: str) -> str | None:
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return None


def raw_rows(db_path: Path, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return fetch_dicts(db_path, f"select * from raw.{table} where {where}", params)


def expected_customer(db_path: Path, customer_id: int) -> dict[str, Any]:
    """The customer_360 columns under test, from raw rows with only Python arithmetic."""
    by_customer = "customer_id = ?"
    (customer,) = raw_rows(db_path, "user_db__customers", by_customer, [customer_id])
    phones = raw_rows(db_path, "user_db__phones", by_customer, [customer_id])
    events = raw_rows(db_path, "analytics__events", "user_id = ?", [customer_id])
    orders = raw_rows(db_path, "commerce__orders", by_customer, [customer_id])
    items = raw_rows(
        db_path,
        "commerce__order_items",
        "order_id in (select order_id from raw.commerce__orders where customer_id = ?)",
        [customer_id],
    )
    accounts = raw_rows(db_path, "credit_card__accounts", by_customer, [customer_id])
    account_ids = {account["account_id"] for account in accounts}
    transactions = [
        row for row in raw_rows(db_path, "credit_card__transactions", "true", [])
        if row["account_id"] in account_ids
    ]
    limit_changes = [
        row for row in raw_rows(db_path, "credit_card__limit_changes", "true", [])
        if row["account_id"] in account_ids
    ]
    tickets = raw_rows(db_path, "support__tickets", by_customer, [customer_id])
    subscriptions = raw_rows(db_path, "billing__subscriptions", by_customer, [customer_id])
    invoices = raw_rows(db_path, "billing__invoices", by_customer, [customer_id])

    # primary phone: the flagged primary with a valid number, else the lowest phone_id with one
    valid_phones = sorted(
        (not phone["is_primary"], phone["phone_id"], normalize_phone(phone["phone_number"]))
        for phone in phones
        if normalize_phone(phone["phone_number"]) is not None
    )

    # per order: gross = sum(quantity * unit_price), paid = gross - discounts; refunded orders net 0
    gross_by_order: dict[int, Decimal] = {}
    paid_by_order: dict[int, Decimal] = {}
    for item in items:
        gross = item["quantity"] * item["unit_price"]
        gross_by_order[item["order_id"]] = gross_by_order.get(item["order_id"], Decimal(0)) + gross
        paid_by_order[item["order_id"]] = (
            paid_by_order.get(item["order_id"], Decimal(0)) + gross - item["discount_amount"]
        )
    revenue_orders = [order for order in orders if clean(order["order_status"]) != "cancelled"]
    net_revenue = sum(
        (paid_by_order.get(order["order_id"], Decimal(0))
         for order in revenue_orders if clean(order["order_status"]) != "refunded"),
        Decimal(0),
    )

    resolution_hours = [
        (dt.datetime.fromisoformat(ticket["resolved_at"]) - dt.datetime.fromisoformat(ticket["opened_at"]))
        .total_seconds() / 3600
        for ticket in tickets
        if ticket["resolved_at"] is not None
    ]
    paid_invoices = sum(
        (invoice["amount"] for invoice in invoices if clean(invoice["invoice_status"]) == "paid"), Decimal(0)
    )
    occurred = [event["occurred_at"] for event in events]

    return {
        "email": clean(customer["email"]),
        "primary_phone": valid_phones[0][2] if valid_phones else None,
        "total_events": len(events),
        "total_journeys": len({event["journey_id"] for event in events}),
        "first_seen_at": min(occurred, default=None),
        "last_seen_at": max(occurred, default=None),
        "user_domain_events": sum(1 for event in events if clean(event["domain"]) == "user"),
        "credit_card_domain_events": sum(1 for event in events if clean(event["domain"]) == "credit_card"),
        "total_orders": len(revenue_orders),
        "lifetime_gross_revenue": rounded(
            sum((gross_by_order.get(order["order_id"], Decimal(0)) for order in revenue_orders), Decimal(0))
        ),
        "lifetime_net_revenue": rounded(net_revenue),
        "has_credit_card": bool(accounts),
        "total_purchases": sum(1 for row in transactions if clean(row["transaction_type"]) == "purchase"),
        "limit_raises": sum(1 for row in limit_changes if clean(row["change_type"]) == "increase"),
        "total_tickets": len(tickets),
        "open_tickets": sum(1 for ticket in tickets if clean(ticket["ticket_status"]) in {"open", "pending"}),
        "median_resolution_hours": rounded(statistics.median(resolution_hours)) if resolution_hours else None,
        # MRR per subscription: price, or price / 12 rounded half-up to 6 decimals for annual plans
        "current_mrr": rounded(
            sum(
                (
                    (Decimal(sub["price"]) / 12).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
                    if clean(sub["billing_interval"]) == "year"
                    else Decimal(sub["price"])
                )
                for sub in subscriptions
                if clean(sub["subscription_status"]) == "active"
            )
        ),
        "ltv": rounded(net_revenue + paid_invoices),
    }


def rounded(value: Decimal | float, places: int = 2) -> float:
    """The marts' presentation: money to cents and averages to 2 places, rounding half away from zero."""
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def actual_customer(db_path: Path, customer_id: int, columns: list[str]) -> dict[str, Any]:
    (row,) = fetch_dicts(
        db_path, f"select {', '.join(columns)} from marts.customer_360 where customer_id = ?", [customer_id]
    )
    return {name: float(value) if isinstance(value, Decimal) else value for name, value in row.items()}


def assert_matches(actual: dict[str, Any], expected: dict[str, Any], customer_id: int) -> None:
    mismatches = []
    for column, want in expected.items():
        got = actual[column]
        if isinstance(want, float):
            ok = got is not None and got == pytest.approx(want, rel=1e-9, abs=1e-9)
        else:
            ok = got == want
        if not ok:
            mismatches.append(f"{column}: expected {want!r}, got {got!r}")
    assert not mismatches, f"marts.customer_360 customer_id={customer_id}:\n" + "\n".join(mismatches)


def test_hand_picked_customers_match_raw(default_build: Path) -> None:
    most_orders = fetch_all(default_build, MOST_ORDERS_SQL)[0][0]
    card_and_tickets = fetch_all(default_build, CARD_AND_TICKETS_SQL)[0][0]
    assert most_orders != card_and_tickets

    picked = {
        customer_id: expected_customer(default_build, customer_id)
        for customer_id in (most_orders, card_and_tickets)
    }
    # the picks exercise the interesting paths, not zero-filled defaults
    assert picked[most_orders]["total_orders"] > 1 and picked[most_orders]["lifetime_gross_revenue"] > 0
    assert picked[card_and_tickets]["has_credit_card"] and picked[card_and_tickets]["total_tickets"] > 0
    assert picked[card_and_tickets]["median_resolution_hours"] is not None
    assert picked[card_and_tickets]["current_mrr"] > 0

    for customer_id, expected in picked.items():
        actual = actual_customer(default_build, customer_id, list(expected))
        assert_matches(actual, expected, customer_id)
