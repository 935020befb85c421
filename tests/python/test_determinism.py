"""The generator is deterministic: same vars give the same data, another seed gives other data."""

from __future__ import annotations

from pathlib import Path

from c360_dbt import NUM_CUSTOMERS, RAW_TABLES, Builder, checksum, describe_differences, row_count

# derived from subscription dates rather than sized by a multiplier, so its count may follow the seed
SEED_DEPENDENT_COUNTS: frozenset[str] = frozenset({"billing__invoices"})


def customer_360_checksum(db_path: Path) -> str:
    return checksum(db_path, "marts.customer_360", order_by="customer_id")


def test_same_vars_same_customer_360(dbt_build: Builder, default_build: Path) -> None:
    twin = dbt_build("default_twin", {"num_customers": NUM_CUSTOMERS})
    assert twin != default_build
    assert customer_360_checksum(twin) == customer_360_checksum(default_build), describe_differences(
        default_build, twin, "marts.customer_360", "customer_id"
    )
    differing = [
        table for table in RAW_TABLES
        if checksum(twin, f"raw.{table}") != checksum(default_build, f"raw.{table}")
    ]
    assert differing == []


def test_different_seed_changes_data(dbt_build: Builder, default_build: Path) -> None:
    reseeded = dbt_build("seed_43", {"num_customers": NUM_CUSTOMERS, "generator_seed": 43})
    assert customer_360_checksum(reseeded) != customer_360_checksum(default_build)
    assert checksum(reseeded, "raw.user_db__customers") != checksum(default_build, "raw.user_db__customers")

    sized_tables = [table for table in RAW_TABLES if table not in SEED_DEPENDENT_COUNTS]
    relations = [f"raw.{table}" for table in sized_tables] + ["marts.customer_360"]
    assert {relation: row_count(reseeded, relation) for relation in relations} == {
        relation: row_count(default_build, relation) for relation in relations
    }
