"""Planted faults end up where they belong: quarantined, collapsed or normalised; nothing is lost.

The faulted build plants faults with var fault_rate (macros/generator/faults.sql) and runs the whole
`dbt build`, data tests included, so every staging and mart test also holds on dirty input.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from c360_dbt import NUM_CUSTOMERS, RAW_TABLES, Builder, fetch_all, fetch_dicts, row_count

FAULT_RATE = 0.01
# the fault classes the issue lists, by where they must end up
QUARANTINED_CLASSES: frozenset[str] = frozenset({
    "missing_primary_key", "invalid_email", "invalid_phone", "unparseable_timestamp", "future_timestamp",
    "invalid_amount", "orphan_foreign_key", "unknown_enum_value",
})
ALL_CLASSES: frozenset[str] = QUARANTINED_CLASSES | {"duplicate_id", "mixed_case_email"}
SOURCES: frozenset[str] = frozenset({table.split("__")[0] for table in RAW_TABLES})


@pytest.fixture(scope="module")
def faulted_build(dbt_build: Builder) -> Path:
    return dbt_build("faulted", {"num_customers": NUM_CUSTOMERS, "fault_rate": FAULT_RATE}, args=("build",))


def planted_rows(db_path: Path) -> list[dict[str, object]]:
    return fetch_dicts(db_path, "select * from raw.dq__planted_faults")


def planted_by_class(db_path: Path, outcome: str) -> Counter[tuple[str, str]]:
    """(raw table, fault class) -> rows planted with that class and expected outcome."""
    counts: Counter[tuple[str, str]] = Counter()
    for row in planted_rows(db_path):
        if row["expected_outcome"] == outcome:
            for fault_class in str(row["fault_classes"]).split("|"):
                counts[(f"{row['source_name']}__{row['source_table']}", fault_class)] += int(row["planted_rows"])
    return counts


def quarantined_by_class(db_path: Path) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for source_name, source_table, reason_codes in fetch_all(
        db_path, "select source_name, source_table, reason_codes from marts.dq_quarantine"
    ):
        for reason in reason_codes.split("|"):
            counts[(f"{source_name}__{source_table}", reason)] += 1
    return counts


def test_every_fault_class_is_planted_in_every_source(faulted_build: Path) -> None:
    rows = planted_rows(faulted_build)
    classes = {fault_class for row in rows for fault_class in str(row["fault_classes"]).split("|")}
    assert classes == ALL_CLASSES
    assert {str(row["source_name"]) for row in rows} == SOURCES
    # several reasons on one record
    assert any("|" in str(row["fault_classes"]) for row in rows)


def test_quarantined_count_equals_planted_count_per_class(faulted_build: Path) -> None:
    planted = planted_by_class(faulted_build, "quarantined")
    quarantined = quarantined_by_class(faulted_build)
    assert sum(planted.values()) > 0
    assert quarantined == planted
    per_class_planted = Counter({cls: 0 for cls in QUARANTINED_CLASSES})
    for (_, fault_class), count in planted.items():
        per_class_planted[fault_class] += count
    assert all(count > 0 for count in per_class_planted.values()), per_class_planted


def test_one_quarantine_row_per_rejected_record(faulted_build: Path) -> None:
    records_by_table: Counter[str] = Counter()
    for row in planted_rows(faulted_build):
        if row["expected_outcome"] == "quarantined":
            records_by_table[str(row["source_table"])] += int(row["planted_rows"])
    found = dict(fetch_all(faulted_build, "select source_table, count(*) from marts.dq_quarantine group by 1"))
    assert found == dict(records_by_table)
    multi = fetch_all(
        faulted_build,
        "select count(*) from marts.dq_quarantine where reason_codes = 'invalid_email|future_timestamp'",
    )[0][0]
    assert multi == sum(
        int(row["planted_rows"]) for row in planted_rows(faulted_build)
        if row["fault_classes"] == "invalid_email|future_timestamp"
    )


def test_raw_equals_clean_plus_quarantined_plus_duplicates(faulted_build: Path) -> None:
    duplicates = planted_by_class(faulted_build, "collapsed")
    quarantined = dict(fetch_all(
        faulted_build, "select source_name || '__' || source_table, count(*) from marts.dq_quarantine group by 1"
    ))
    for table in RAW_TABLES:
        raw = row_count(faulted_build, f"raw.{table}")
        clean = row_count(faulted_build, f"staging.stg_{table}")
        collapsed = duplicates[(table, "duplicate_id")]
        assert raw == clean + quarantined.get(table, 0) + collapsed, table
    assert {table.split("__")[0] for (table, _), count in duplicates.items() if count > 0} == SOURCES
    # the reconciliation mart (built from validation only) agrees with the raw tables and staging, row by row
    assert fetch_all(faulted_build, "select count(*) from marts.dq_reconciliation where unaccounted_rows <> 0") == [(0,)]
    assert row_count(faulted_build, "marts.dq_reconciliation") == len(RAW_TABLES)
    reconciled = {
        f"{source}__{table}": (raw_rows, clean_rows)
        for source, table, raw_rows, clean_rows in fetch_all(
            faulted_build, "select source_name, source_table, raw_rows, clean_rows from marts.dq_reconciliation"
        )
    }
    for table in RAW_TABLES:
        expected = (row_count(faulted_build, f"raw.{table}"), row_count(faulted_build, f"staging.stg_{table}"))
        assert reconciled[table] == expected, table


def test_duplicates_resolve_to_the_latest_copy(faulted_build: Path) -> None:
    # planted duplicates arrive a day later with another e-mail: the later copy wins
    rows = fetch_all(
        faulted_build,
        """
        select raw.customer_id, raw.email, stg.email
        from raw.user_db__customers as raw
        inner join staging.stg_user_db__customers as stg on raw.customer_id = stg.customer_id
        where raw.customer_id in (
            select customer_id from raw.user_db__customers group by customer_id having count(*) > 1
        )
        and raw._loaded_at = (
            select max(copies._loaded_at) from raw.user_db__customers as copies
            where copies.customer_id = raw.customer_id
        )
        """,
    )
    assert rows
    assert all(stg_email == raw_email.strip().lower() and stg_email.startswith("updated.")
               for _, raw_email, stg_email in rows)


# The test's own oracle of the de-duplication rule (key, then "latest copy wins" order), written out again
# here on purpose: macros/utils/data_quality.sql ranks only the keys with several valid copies, and this
# plain window over every valid row is what that must equal.
DEDUPE_ORACLE: dict[str, tuple[str, str]] = {
    "user_db__customers": ("customer_id", "_loaded_at desc, updated_at desc, email"),
    "user_db__addresses": ("address_id", "_loaded_at desc, created_at desc, street_line"),
    "user_db__phones": ("phone_id", "_loaded_at desc, created_at desc, phone_number"),
    "credit_card__accounts": ("account_id", "_loaded_at desc, onboarded_at desc, account_status"),
    "credit_card__limit_changes": ("limit_change_id", "_loaded_at desc, changed_at desc, change_type"),
    "credit_card__transactions": ("transaction_id", "_loaded_at desc, transacted_at desc, amount"),
    "analytics__events": ("event_id", "_loaded_at desc, occurred_at desc, event_type"),
    "commerce__products": ("product_id", "_loaded_at desc, product_name"),
    "commerce__orders": ("order_id", "_loaded_at desc, ordered_at desc, order_status"),
    "commerce__order_items": ("order_item_id", "_loaded_at desc, product_id, quantity"),
    "support__tickets": ("ticket_id", "_loaded_at desc, opened_at desc, ticket_status"),
    "billing__subscriptions": ("subscription_id", "_loaded_at desc, updated_at desc, subscription_status"),
    "billing__invoices": ("invoice_id", "_loaded_at desc, issued_at desc, invoice_status"),
    "marketing__attributions": ("customer_id", "_loaded_at desc, attributed_at desc, attribution_id desc"),
    "marketing__spend": ("cast(spend_date as date), lower(trim(channel_code))", "_loaded_at desc, spend_amount desc"),
}


def test_duplicate_ranks_equal_a_window_over_every_valid_row(faulted_build: Path) -> None:
    assert set(DEDUPE_ORACLE) == set(RAW_TABLES)
    ranked_copies = 0
    for table, (key, latest) in DEDUPE_ORACLE.items():
        rows = fetch_all(
            faulted_build,
            f"""
            with expected as (
                select
                    * exclude (dq_duplicate_rank),
                    case when dq_reason_codes is null then row_number() over (
                        partition by dq_reason_codes is null, {key} order by {latest}
                    ) end as dq_duplicate_rank
                from validation.val_{table}
            )
            select
                (select count(*) from (select * from expected except all select * from validation.val_{table})),
                (select count(*) from (select * from validation.val_{table} except all select * from expected)),
                (select count(*) from validation.val_{table} where dq_duplicate_rank > 1),
                (select count(*) from validation.val_{table}
                 where (dq_reason_codes is null) = (dq_duplicate_rank is null))
            """,
        )
        missing, extra, copies, inconsistent = rows[0]
        assert (missing, extra, inconsistent) == (0, 0, 0), table
        ranked_copies += copies
    assert ranked_copies > 0  # the faulted build plants duplicates, so the ranking branch is exercised


def test_mixed_case_emails_are_normalised_not_rejected(faulted_build: Path) -> None:
    planted = planted_by_class(faulted_build, "normalised")[("user_db__customers", "mixed_case_email")]
    rows = fetch_all(
        faulted_build,
        """
        select raw.email, stg.email
        from raw.user_db__customers as raw
        left join staging.stg_user_db__customers as stg on raw.customer_id = stg.customer_id
        where raw.email not in (lower(raw.email), upper(raw.email))
        """,
    )
    assert planted > 0
    assert len(rows) == planted
    assert all(stg_email == raw_email.strip().lower() for raw_email, stg_email in rows)


def test_quarantine_keeps_the_raw_row_and_raw_is_untouched(faulted_build: Path) -> None:
    for table in RAW_TABLES:
        source, name = table.split("__")
        # the validation model is the raw table plus reason codes: same rows, same values
        difference = fetch_all(
            faulted_build,
            f"""
            select count(*) from (
                (select * from raw.{table} except all
                 select * exclude (dq_reason_codes, dq_duplicate_rank) from validation.val_{table})
                union all
                (select * exclude (dq_reason_codes, dq_duplicate_rank) from validation.val_{table} except all
                 select * from raw.{table})
            )
            """,
        )
        assert difference == [(0,)], table
        # every quarantined raw_record is a row of the raw table, as received, written as BigQuery's TO_JSON_STRING
        raw_records = {bigquery_json(row) for row in fetch_dicts(faulted_build, f"select * from raw.{table}")}
        quarantined = fetch_all(
            faulted_build,
            "select raw_record from marts.dq_quarantine where source_name = ? and source_table = ?",
            [source, name],
        )
        assert all(record in raw_records for (record,) in quarantined), table


def bigquery_json(row: dict[str, Any]) -> str:
    """The row as BigQuery's TO_JSON_STRING writes it (macros/utils/cross_engine.sql, c360_columns_to_json)."""
    return json.dumps({name: bigquery_json_value(value) for name, value in row.items()}, ensure_ascii=False,
                      separators=(",", ":"))


def bigquery_json_value(value: Any) -> Any:
    if isinstance(value, (decimal.Decimal, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        if value == int(value) and abs(value) < 2**53:
            return int(value)
        return format(value.normalize(), "f") if isinstance(value, decimal.Decimal) else value
    if isinstance(value, dt.datetime):
        fraction = value.microsecond
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if fraction % 1000 == 0 and fraction:
            text += f".{fraction // 1000:03d}"
        elif fraction:
            text += f".{fraction:06d}"
        return text + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_reconciliation_failures_are_stored(faulted_build: Path) -> None:
    stored = fetch_all(
        faulted_build,
        "select table_name from information_schema.tables where table_schema = 'dbt_test__audit'"
        " and table_name like 'reconciles_%'",
    )
    assert len(stored) == len(SOURCES)
    for (table_name,) in stored:
        assert row_count(faulted_build, f"dbt_test__audit.{table_name}") == 0


def test_daily_summary_adds_up(faulted_build: Path) -> None:
    totals = fetch_all(
        faulted_build,
        """
        select
            sum(received_rows), sum(clean_rows), sum(quarantined_rows), sum(duplicates_collapsed),
            sum(case when received_rows <> clean_rows + quarantined_rows + duplicates_collapsed then 1 else 0 end)
        from marts.dq_daily_summary
        """,
    )[0]
    reconciled = fetch_all(
        faulted_build,
        "select sum(raw_rows), sum(clean_rows), sum(quarantined_rows), sum(duplicates_collapsed)"
        " from marts.dq_reconciliation",
    )[0]
    assert totals[:4] == reconciled
    assert totals[4] == 0


def test_faults_off_quarantines_nothing(default_build: Path) -> None:
    assert row_count(default_build, "raw.dq__planted_faults") == 0
    assert row_count(default_build, "marts.dq_quarantine") == 0
    # staging sees every raw row: the validation layer changes nothing on clean input
    for table in RAW_TABLES:
        assert row_count(default_build, f"staging.stg_{table}") == row_count(default_build, f"raw.{table}"), table


def test_data_quality_marts_read_validation_only(default_build: Path) -> None:
    """The dq marts depend on validation (and each other) only, so a failure in staging, the marts or a test
    never leaves them describing two different builds."""
    manifest = json.loads((default_build.parent / "target" / "manifest.json").read_text())
    dq_models = [node for node in manifest["nodes"].values()
                 if node["resource_type"] == "model" and node["name"].startswith("dq_")]
    assert {node["name"] for node in dq_models} == {
        "dq_quarantine", "dq_reconciliation", "dq_daily_summary", "dq_source_volumes",
    }
    for node in dq_models:
        parents = [manifest["nodes"][parent]["name"] for parent in node["depends_on"]["nodes"]]
        outside = [name for name in parents if not name.startswith(("val_", "dq_"))]
        assert not outside, f"{node['name']} reads {outside}"
