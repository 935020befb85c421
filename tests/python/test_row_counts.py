"""Raw row counts follow num_customers and the multiplier vars; staging and customer_360 keep them."""

from __future__ import annotations

from pathlib import Path

from c360_dbt import (
    Builder,
    MULTIPLIED_TABLES,
    NUM_CUSTOMERS,
    RAW_TABLES,
    expected_rows,
    paid_channel_count,
    project_vars,
    row_count,
    window_days,
)


def test_row_counts_follow_multipliers(default_build: Path) -> None:
    defaults = project_vars()
    counts = {table: row_count(default_build, f"raw.{table}") for table in RAW_TABLES}

    expected = {
        table: expected_rows(NUM_CUSTOMERS, float(defaults[multiplier_var]))
        for table, multiplier_var in MULTIPLIED_TABLES.items()
    }
    expected["user_db__customers"] = NUM_CUSTOMERS
    expected["marketing__attributions"] = NUM_CUSTOMERS
    expected["commerce__products"] = int(defaults["num_products"])
    expected["marketing__spend"] = paid_channel_count() * window_days(defaults)
    assert {table: counts[table] for table in expected} == expected
    assert paid_channel_count() == 5
    assert counts["billing__invoices"] >= counts["billing__subscriptions"] > 0

    # no faults are injected by default: staging de-duplication drops nothing
    staging_counts = {table: row_count(default_build, f"staging.stg_{table}") for table in RAW_TABLES}
    assert staging_counts == counts

    assert row_count(default_build, "marts.customer_360") == NUM_CUSTOMERS
    assert row_count(default_build, "(select distinct customer_id from marts.customer_360)") == NUM_CUSTOMERS


def test_multiplier_var_drives_row_count(dbt_build: Builder, default_build: Path) -> None:
    db_path = dbt_build(
        "accounts_x3",
        {"num_customers": NUM_CUSTOMERS, "num_accounts_multiplier": 3.0},
        args=("run", "--select", "syn_credit_card__accounts"),
    )
    accounts = row_count(db_path, "raw.credit_card__accounts")
    assert accounts == expected_rows(NUM_CUSTOMERS, 3.0) == 900
    assert accounts != row_count(default_build, "raw.credit_card__accounts")
