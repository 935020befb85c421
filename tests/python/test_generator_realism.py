"""The synthetic business behaves like a real one, at default vars and with 1% planted faults.

Lifetimes: no activity after a customer leaves, subscriptions cancelled when they leave, no negative card
limits, no activity piled onto the window's edge, orders that grow with the active customers, cohorts of
the same age that retain alike. Documented rates (docs/generator_rates.csv, the table in
docs/generator.md) are measured here, and the salt registry has no number used twice.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from c360_dbt import REPO_ROOT, Builder, fetch_all, project_vars

CUSTOMERS: int = 2000
RATES_CSV: Path = REPO_ROOT / "docs" / "generator_rates.csv"
GENERATOR_DOC: Path = REPO_ROOT / "docs" / "generator.md"
SALTS: Path = REPO_ROOT / "macros" / "generator" / "salts.sql"
HASH_P: int = 2147483647


@pytest.fixture(scope="module", params=[0, 0.01], ids=["clean", "faults_1pct"])
def build(request: pytest.FixtureRequest, dbt_build: Builder) -> Path:
    rate = request.param
    return dbt_build(f"realism_{rate}", {"num_customers": CUSTOMERS, "fault_rate": rate})


@pytest.fixture(scope="module")
def clean_build(dbt_build: Builder) -> Path:
    return dbt_build("realism_0", {"num_customers": CUSTOMERS, "fault_rate": 0})


def c360_hash(key: int, salt: int, seed: int) -> int:
    """macros/generator/hashing.sql c360_hash, in Python."""
    offset = (seed * 7919 + salt * 104729 + 977) % HASH_P
    x0 = (key * 1103515245 + offset) % HASH_P
    x1 = (x0 * x0 + 12345) % HASH_P
    return (x1 * x1 + 67891) % HASH_P


def salt_registry() -> dict[str, dict[str, int]]:
    text = SALTS.read_text(encoding="utf-8")
    registry: dict[str, dict[str, int]] = {}
    for kind in ("hash", "permutation"):
        block = re.search(rf"'{kind}': \{{(.*?)\}}", text, re.S)
        assert block, kind
        registry[kind] = {name: int(value) for name, value in re.findall(r"'([a-z_.]+)': (\d+)", block.group(1))}
    return registry


def lifetime_ends(num_customers: int) -> dict[int, float]:
    """customer_id -> seconds after start_date when the customer leaves (c360_lifetime_end_offset)."""
    variables = project_vars()
    seed = int(variables["generator_seed"])
    salt = salt_registry()["hash"]["customer.lifetime"]
    start = dt_date(variables["start_date"])
    span = ((dt_date(variables["end_date"]) - start).days + 1) * 86400
    ends = {}
    for row in range(num_customers):
        signup = math.floor((span - 1) * math.sqrt((row + 0.5) / num_customers))
        ends[row + 1] = signup + math.floor(c360_hash(row, salt, seed) / HASH_P * span)
    return ends


def dt_date(text: str):  # noqa: ANN201 - a datetime.date
    import datetime as dt

    return dt.date.fromisoformat(str(text))


def monthly(db_path: Path) -> list[tuple[str, int, int, int]]:
    """(month, days, orders, active customers) per month: active = an event or an order that month."""
    return fetch_all(
        db_path,
        """
        with activity as (
            select customer_id, date_trunc('month', occurred_on) as month from marts.fct_events
            union
            select customer_id, date_trunc('month', ordered_on) as month from marts.fct_orders
        ),
        active as (select month, count(distinct customer_id) as active from activity group by 1),
        orders as (select date_trunc('month', ordered_on) as month, count(*) as orders from marts.fct_orders group by 1)
        select strftime(active.month, '%Y-%m'), day(last_day(active.month)), coalesce(orders.orders, 0), active.active
        from active left join orders on active.month = orders.month order by 1
        """,
    )


def test_no_negative_limit(build: Path) -> None:
    negative_accounts = fetch_all(
        build,
        """
        select count(*) from (
            select accounts.account_id
            from staging.stg_credit_card__accounts as accounts
            left join staging.stg_credit_card__limit_changes as changes on accounts.account_id = changes.account_id
            group by accounts.account_id, accounts.credit_limit
            having accounts.credit_limit + coalesce(sum(changes.signed_change_amount), 0) < 0
        ) as negative
        """,
    )[0][0]
    assert negative_accounts == 0
    assert fetch_all(build, "select count(*) from marts.customer_360 where total_credit_limit < 0")[0][0] == 0


def test_orders_grow_with_active_customers(build: Path) -> None:
    months = monthly(build)[6:]  # from the 7th month: the first ones hold a handful of customers
    first, last = months[:3], months[-3:]
    order_growth = sum(m[2] for m in last) / sum(m[2] for m in first)
    active_growth = sum(m[3] for m in last) / sum(m[3] for m in first)
    assert order_growth <= active_growth * 1.15, (order_growth, active_growth)


def test_last_month_follows_the_trend(build: Path) -> None:
    months = monthly(build)
    per_day = [orders / days for _, days, orders, _ in months[-4:]]
    # least-squares line through the three months before the last, extrapolated one month
    mean = sum(per_day[:3]) / 3
    slope = (per_day[2] - per_day[0]) / 2
    trend = mean + 2 * slope
    assert abs(per_day[3] / trend - 1) <= 0.15, (months[-4:], trend)


def test_cohorts_of_the_same_age_retain_alike(build: Path) -> None:
    rows = fetch_all(
        build,
        """
        with quarters as (
            select
                strftime(cohort_week, '%Y') || '-Q' || cast(quarter(cohort_week) as varchar) as signup_quarter,
                weeks_since_signup, sum(retained_customers) as retained, sum(cohort_size) as size,
                max(cohort_week) as last_cohort
            from marts.kpi_weekly_cohort_retention
            where weeks_since_signup in (1, 4, 12)
            group by 1, 2
        ),
        complete as (
            select quarters.* from quarters
            -- every cohort of the quarter has reached that age, and the quarter is large enough to measure
            where last_cohort + to_days(cast(weeks_since_signup * 7 + 6 as integer))
                <= (select max(activity_week) from marts.kpi_weekly_cohort_retention)
                and size >= 150
        )
        select weeks_since_signup, min(retained * 1.0 / size), max(retained * 1.0 / size), count(*)
        from complete group by 1 order by 1
        """,
    )
    assert [row[0] for row in rows] == [1, 4, 12]
    for age, lowest, highest, quarters in rows:
        assert quarters >= 2
        assert highest - lowest <= 0.10, (age, lowest, highest)


def test_nobody_acts_or_is_billed_after_leaving(build: Path) -> None:
    ends = lifetime_ends(CUSTOMERS)
    start = project_vars()["start_date"]
    values = ", ".join(f"({customer_id}, {end})" for customer_id, end in ends.items())
    after = f"""
        with lifetimes(customer_id, end_offset) as (values {values}),
        left_at as (
            select customer_id, timestamp '{start} 00:00:00' + to_seconds(end_offset) as left_at from lifetimes
        )
    """
    checks = {
        "events": "select count(*) from marts.fct_events as x inner join left_at using (customer_id)"
        " where x.occurred_at >= left_at.left_at",
        "orders": "select count(*) from marts.fct_orders as x inner join left_at using (customer_id)"
        " where x.ordered_at >= left_at.left_at",
        "invoices": "select count(*) from staging.stg_billing__invoices as x inner join left_at using (customer_id)"
        " where x.issued_at >= left_at.left_at",
        "subscriptions": "select count(*) from staging.stg_billing__subscriptions as x inner join left_at using (customer_id)"
        " where left_at.left_at < timestamp '2026-01-01' and (x.ended_at is null or x.ended_at > left_at.left_at)",
    }
    found = {name: fetch_all(build, after + query)[0][0] for name, query in checks.items()}
    assert found == dict.fromkeys(checks, 0)
    # and the customers who left are really there: about a third of them
    assert 0.2 < sum(1 for end in ends.values() if end < 731 * 86400) / CUSTOMERS < 0.45


def test_nothing_piles_up_on_the_last_second(build: Path) -> None:
    columns = fetch_all(
        build,
        "select table_name, column_name from information_schema.columns"
        " where table_schema = 'raw' and data_type like 'TIMESTAMP%' and column_name <> '_loaded_at'",
    )
    assert len(columns) >= 12
    shares = {}
    for table, column in columns:
        total, edge = fetch_all(
            build,
            f"select count({column}), count(*) filter (where {column} = timestamp '2025-12-31 23:59:59')"
            f" from raw.{table}",
        )[0]
        shares[f"{table}.{column}"] = edge / total if total else 0.0
    assert {name: share for name, share in shares.items() if share > 0.001} == {}


def documented_rates() -> list[dict[str, str]]:
    with RATES_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


RATE_SQL: dict[str, str] = {
    "customers_with_orders": "select avg(case when total_orders > 0 then 1.0 else 0 end) from marts.customer_360",
    "customers_with_events": "select avg(case when total_events > 0 then 1.0 else 0 end) from marts.customer_360",
    "customers_with_cards": "select avg(case when has_credit_card then 1.0 else 0 end) from marts.customer_360",
    "customers_with_subscriptions": "select avg(case when subscription_status <> 'never_subscribed' then 1.0 else 0 end)"
    " from marts.customer_360",
    "subscriptions_cancelled": "select avg(case when subscription_status = 'cancelled' then 1.0 else 0 end)"
    " from raw.billing__subscriptions",
    "customers_churned_status": "select avg(case when activity_status = 'churned' then 1.0 else 0 end)"
    " from marts.customer_360",
    "orders_refunded": "select avg(case when order_status = 'refunded' then 1.0 else 0 end) from raw.commerce__orders",
    "orders_cancelled": "select avg(case when order_status = 'cancelled' then 1.0 else 0 end) from raw.commerce__orders",
    "invoices_failed": "select avg(case when invoice_status = 'failed' then 1.0 else 0 end) from raw.billing__invoices",
    "orders_on_weekends": "select avg(case when dayofweek(ordered_at) in (0, 6) then 1.0 else 0 end)"
    " from raw.commerce__orders",
}


def measured_rate(db_path: Path, rate: str) -> float:
    if rate == "customers_left":
        return sum(1 for end in lifetime_ends(CUSTOMERS).values() if end < 731 * 86400) / CUSTOMERS
    return float(fetch_all(db_path, RATE_SQL[rate])[0][0])


def test_documented_rates_are_measured_rates(clean_build: Path) -> None:
    off = {}
    for rate in documented_rates():
        measured = measured_rate(clean_build, rate["rate"])
        if abs(measured - float(rate["documented"])) > float(rate["tolerance"]):
            off[rate["rate"]] = (rate["documented"], round(measured, 3))
    assert off == {}


def rates_table() -> str:
    lines = ["| rate | documented | measured within | what it is |", "|---|---|---|---|"]
    for rate in documented_rates():
        lines.append(
            f"| `{rate['rate']}` | {float(rate['documented']):.0%} | ±{float(rate['tolerance']) * 100:g} pp"
            f" | {rate['description']} |"
        )
    return "\n".join(lines)


def test_generator_doc_shows_the_documented_rates() -> None:
    doc = GENERATOR_DOC.read_text(encoding="utf-8")
    table = doc.split("<!-- rates:begin -->\n", 1)[1].split("\n<!-- rates:end -->", 1)[0]
    assert table == rates_table(), "regenerate with: python tests/python/test_generator_realism.py"


def test_salts_are_unique_and_every_used_salt_is_registered() -> None:
    registry = salt_registry()
    for kind, salts in registry.items():
        numbers = list(salts.values())
        assert len(numbers) == len(set(numbers)), f"{kind} salt number used twice"
    used: set[str] = set()
    for path in [*(REPO_ROOT / "models" / "synthetic").rglob("*.sql"), *(REPO_ROOT / "macros" / "generator").glob("*.sql")]:
        if path == SALTS:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"c360_hash\([^)]*, \d+\)", text), f"{path}: a bare salt number"
        used.update(re.findall(r"c360_hash\([^{}]*?, '([a-z_.]+)'\)", text))
    streams = {name.rsplit(".", 1)[0] for name in registry["hash"]}
    assert used - set(registry["hash"]) == set()
    assert streams


if __name__ == "__main__":
    # print the rates table for docs/generator.md
    print(rates_table())
