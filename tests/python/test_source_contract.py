"""The sources' schema contract and the volume check, on a loader that drifts.

A copy of the synthetic build plays the loaded raw tables. A first sources-mode run records every raw
table's row count (dq_source_volumes: the previous load). Then the copy drifts all at once: unit_price
delivered as VARCHAR (one row '12,50', one row '12.50'), an extra column on the products, an INTEGER column
delivered as BIGINT, raw.marketing__attributions emptied and 80% of raw.credit_card__limit_changes deleted.
One sources-mode `dbt build` (every data test) must pass every node, log one warning line per contract
problem, quarantine the uncastable value as invalid_type with its delivered text in raw_record, keep the
castable one, and store the volume test's failures for the emptied and the shrunken table.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from dbt.cli.main import dbtRunnerResult

from c360_dbt import DB_FILE_NAME, NUM_CUSTOMERS, failure_summary, fetch_all, run_dbt

SOURCES_VARS: dict[str, Any] = {"source_data": "sources", "num_customers": NUM_CUSTOMERS}
COMMA_ITEM: int = 9_200_000_001  # unit_price '12,50': not a number, quarantined
DOT_ITEM: int = 9_200_000_002  # unit_price '12.50': kept
EMPTIED: str = "marketing__attributions"
SHRUNK: str = "credit_card__limit_changes"
UNIT_PRICE_WARNING: str = (
    "schema contract: raw.commerce__order_items.unit_price expected DECIMAL(28,6) found VARCHAR"
)


@dataclass(frozen=True)
class DriftBuild:
    db_path: Path
    result: dbtRunnerResult
    warnings: list[str]
    rows_before: dict[str, int]


def contract_warnings(log_file: Path) -> list[str]:
    """The schema-contract lines dbt logged at warn level (the text after the level and thread)."""
    pattern = re.compile(r"\[warn \]\s*\[[^\]]*\]:\s*(schema contract: .*)$")
    return [match[1] for line in log_file.read_text(encoding="utf-8").splitlines() if (match := pattern.search(line))]


def drift(db_path: Path) -> dict[str, int]:
    """Alter the raw tables as a drifting loader would; returns the row counts of the shrunk tables before."""
    with duckdb.connect(str(db_path)) as con:
        counts = {
            table: int(con.execute(f"select count(*) from raw.{table}").fetchone()[0]) for table in (EMPTIED, SHRUNK)
        }
        order_id, product_id = con.execute(
            "select min(order_id), min(product_id) from staging.stg_commerce__order_items"
        ).fetchone()
        con.execute("alter table raw.commerce__order_items alter unit_price type varchar")
        con.execute(
            "insert into raw.commerce__order_items values"
            " (?, ?, ?, 1, '12,50', 0, '2025-06-01 12:00:00'), (?, ?, ?, 1, '12.50', 0, '2025-06-01 12:00:00')",
            [COMMA_ITEM, order_id, product_id, DOT_ITEM, order_id, product_id],
        )
        con.execute("alter table raw.commerce__products add column supplier_note varchar")
        con.execute("alter table raw.support__tickets alter satisfaction_score type bigint")
        con.execute(f"delete from raw.{EMPTIED}")
        # keep every fifth row: an 80% drop
        con.execute(
            f"delete from raw.{SHRUNK} where limit_change_id not in (select limit_change_id from"
            f" (select limit_change_id, row_number() over (order by limit_change_id) as n from raw.{SHRUNK})"
            " where n % 5 = 0)"
        )
    return counts


@pytest.fixture(scope="module")
def drift_build(default_build: Path, tmp_path_factory: pytest.TempPathFactory) -> DriftBuild:
    work_dir = tmp_path_factory.mktemp("source_contract")
    db_path = work_dir / DB_FILE_NAME
    shutil.copyfile(default_build, db_path)
    # the previous load: the volume history of the undrifted tables
    first = run_dbt(("run", "--select", "+dq_source_volumes"), db_path, work_dir / "first", SOURCES_VARS)
    assert first.success, failure_summary(first)
    assert contract_warnings(work_dir / "first" / "logs" / "dbt.log") == []
    rows_before = drift(db_path)
    result = run_dbt(("build",), db_path, work_dir / "drifted", SOURCES_VARS)
    warnings = contract_warnings(work_dir / "drifted" / "logs" / "dbt.log")
    return DriftBuild(db_path, result, warnings, rows_before)


def node_statuses(result: dbtRunnerResult) -> dict[str, str]:
    return {
        node_result.node.unique_id: str(getattr(node_result.status, "value", node_result.status))
        for node_result in getattr(result.result, "results", None) or []
    }


def test_every_node_passes(drift_build: DriftBuild) -> None:
    statuses = node_statuses(drift_build.result)
    failed = {node: status for node, status in statuses.items() if status not in {"success", "pass", "warn", "no-op"}}
    assert drift_build.result.success and not failed, failed or failure_summary(drift_build.result)
    assert len(statuses) > 100


def test_a_drifted_column_is_named_in_one_warning_line(drift_build: DriftBuild) -> None:
    lines = [line for line in drift_build.warnings if "unit_price" in line]
    assert len(lines) == 1, drift_build.warnings
    assert lines[0].startswith(UNIT_PRICE_WARNING), lines[0]


def test_an_extra_column_is_listed_once(drift_build: DriftBuild) -> None:
    lines = [line for line in drift_build.warnings if "supplier_note" in line]
    assert len(lines) == 1, drift_build.warnings
    assert "raw.commerce__products" in lines[0] and "not read" in lines[0], lines[0]


def test_only_the_drift_is_reported(drift_build: DriftBuild) -> None:
    # an INTEGER column delivered as BIGINT is compatible: no line names it
    assert not [line for line in drift_build.warnings if "satisfaction_score" in line]
    assert len(drift_build.warnings) == 2, drift_build.warnings


def test_an_uncastable_value_is_quarantined_as_delivered(drift_build: DriftBuild) -> None:
    rows = fetch_all(
        drift_build.db_path,
        "select reason_codes, raw_record from marts.dq_quarantine where source_table = 'order_items'"
        " and record_key = ?",
        [str(COMMA_ITEM)],
    )
    assert len(rows) == 1, rows
    reasons, raw_record = rows[0]
    assert "invalid_type" in reasons.split("|"), reasons
    assert '"unit_price":"12,50"' in raw_record, raw_record


def test_a_castable_value_is_kept(drift_build: DriftBuild) -> None:
    rows = fetch_all(
        drift_build.db_path,
        "select cast(unit_price as double) from staging.stg_commerce__order_items where order_item_id = ?",
        [DOT_ITEM],
    )
    assert rows == [(12.5,)]
    quarantined = fetch_all(
        drift_build.db_path, "select count(*) from marts.dq_quarantine where record_key = ?", [str(DOT_ITEM)]
    )
    assert quarantined == [(0,)]


def test_the_volume_check_warns_and_stores_its_failures(drift_build: DriftBuild) -> None:
    statuses = node_statuses(drift_build.result)
    volume_tests = [node for node in statuses if ".source_volume_holds_" in node]
    assert len(volume_tests) == 1 and statuses[volume_tests[0]] == "warn", statuses
    audit = fetch_all(
        drift_build.db_path,
        "select table_schema, table_name from information_schema.tables where table_name like 'source_volume_holds%'",
    )
    assert len(audit) == 1, audit
    stored = fetch_all(
        drift_build.db_path,
        f"select source_name || '__' || source_table, volume_problem, row_count, previous_row_count"
        f" from {audit[0][0]}.{audit[0][1]} order by 1",
    )
    shrunk_after = drift_build.rows_before[SHRUNK] // 5
    assert stored == [
        (SHRUNK, "dropped", shrunk_after, drift_build.rows_before[SHRUNK]),
        (EMPTIED, "empty", 0, drift_build.rows_before[EMPTIED]),
    ], stored


def test_the_volume_history_has_two_runs(drift_build: DriftBuild) -> None:
    runs = fetch_all(
        drift_build.db_path,
        "select run_number, count(*) from marts.dq_source_volumes group by run_number order by run_number",
    )
    assert runs == [(1, 15), (2, 15)], runs


def test_a_synthetic_rebuild_with_the_same_vars_never_warns(
    default_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # the default build recorded run 1; a second run of the same dataset compares equal counts
    work_dir = tmp_path_factory.mktemp("synthetic_volume")
    db_path = work_dir / DB_FILE_NAME
    shutil.copyfile(default_build, db_path)
    result = run_dbt(("build", "--select", "dq_source_volumes"), db_path, work_dir, {"num_customers": NUM_CUSTOMERS})
    statuses = node_statuses(result)
    assert result.success and set(statuses.values()) <= {"success", "pass"}, statuses
    runs = fetch_all(db_path, "select max(run_number), count(*) from marts.dq_source_volumes")
    assert runs == [(2, 30)], runs
