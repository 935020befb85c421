"""The cross-engine comparison in scripts/bq_parity.py, on hand-made rows (no engines involved).

The parity step of scripts/test.sh is only as good as this comparison: each test plants one kind of
difference the two engines could produce and checks that it is reported, or that a tolerated one is not.
"""

from __future__ import annotations

import datetime as dt
import decimal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from bq_parity import TableData, compare_tables, key_columns  # noqa: E402

COLUMNS = ["customer_id", "email", "ltv", "signup_date", "last_seen_at", "is_active"]
UTC = dt.timezone.utc


def duckdb_rows() -> TableData:
    return TableData(
        columns=list(COLUMNS),
        rows=[
            (1, "a@example.com", 120.5, dt.date(2024, 1, 3), dt.datetime(2024, 5, 1, 12, 0, 0), True),
            (2, "b@example.com", 0.1 + 0.2, dt.date(2024, 2, 9), None, False),
            (3, None, 0.0, dt.date(2024, 3, 1), dt.datetime(2025, 1, 1, 0, 0, 1), True),
        ],
    )


def bigquery_rows() -> TableData:
    """The same rows as BigQuery returns them: other order, NUMERIC as Decimal, UTC-aware timestamps."""
    return TableData(
        columns=list(COLUMNS),
        rows=[
            (3, None, decimal.Decimal("0"), dt.date(2024, 3, 1), dt.datetime(2025, 1, 1, 0, 0, 1, tzinfo=UTC), True),
            (1, "a@example.com", decimal.Decimal("120.5"), dt.date(2024, 1, 3),
             dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC), True),
            (2, "b@example.com", 0.3, dt.date(2024, 2, 9), None, False),
        ],
    )


def with_change(data: TableData, row_index: int, column: str, value: object) -> TableData:
    rows = [list(row) for row in data.rows]
    rows[row_index][data.columns.index(column)] = value
    return TableData(columns=list(data.columns), rows=[tuple(row) for row in rows])


def test_equal_tables_pass_across_driver_types_and_row_order() -> None:
    result = compare_tables("t", ["customer_id"], duckdb_rows(), bigquery_rows(), 1e-9)
    assert result.equal, result.differences
    assert result.compared_values == 18
    # 0.1 + 0.2 vs 0.3 is the only inexact pair: 5.55e-17 / 0.3
    assert 1e-16 < result.max_relative_difference < 1e-15


@pytest.mark.parametrize(
    ("row_index", "column", "value", "expected"),
    [
        (0, "ltv", 120.5 * (1 + 2e-9), "column ltv"),  # beyond 1e-9 relative
        (0, "email", "A@example.com", "column email"),  # strings are exact
        (2, "email", "", "column email"),  # null is not an empty string
        (0, "signup_date", dt.date(2024, 1, 4), "column signup_date"),
        (2, "last_seen_at", dt.datetime(2025, 1, 1, 1, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), None),
        (2, "last_seen_at", dt.datetime(2025, 1, 1, 0, 0, 2, tzinfo=UTC), "column last_seen_at"),
        (1, "is_active", 0, "column is_active"),  # a boolean is not the integer 0
        (0, "ltv", "120.5", "column ltv"),  # a number is not its string
        (2, "ltv", float("inf"), "column ltv"),  # DuckDB's 1/0
    ],
)
def test_each_planted_difference_is_reported(row_index: int, column: str, value: object, expected: str | None) -> None:
    # BigQuery row order in bigquery_rows() is 3, 1, 2: map the DuckDB row index to it
    bigquery_index = {0: 1, 1: 2, 2: 0}[row_index]
    result = compare_tables(
        "t", ["customer_id"], duckdb_rows(), with_change(bigquery_rows(), bigquery_index, column, value), 1e-9
    )
    if expected is None:  # the same instant in another zone is equal
        assert result.equal, result.differences
    else:
        assert not result.equal
        assert result.difference_count == 1
        assert expected in result.differences[0]


def test_within_tolerance_is_equal() -> None:
    result = compare_tables(
        "t", ["customer_id"], duckdb_rows(), with_change(bigquery_rows(), 1, "ltv", 120.5 * (1 + 5e-10)), 1e-9
    )
    assert result.equal, result.differences


def test_missing_extra_and_duplicate_keys_are_reported() -> None:
    bigquery = bigquery_rows()
    bigquery.rows[0] = (4,) + bigquery.rows[0][1:]  # key 3 replaced by key 4
    bigquery.rows.append(bigquery.rows[1])  # key 1 twice
    result = compare_tables("t", ["customer_id"], duckdb_rows(), bigquery, 1e-9)
    messages = "\n".join(result.differences)
    assert "row counts differ: duckdb 3 vs bigquery 4" in messages
    assert "duplicate key (1,) in bigquery" in messages
    assert "{'customer_id': 3} only in duckdb" in messages
    assert "{'customer_id': 4} only in bigquery" in messages


def test_column_names_and_order_must_match() -> None:
    bigquery = bigquery_rows()
    bigquery.columns[1], bigquery.columns[2] = bigquery.columns[2], bigquery.columns[1]
    result = compare_tables("t", ["customer_id"], duckdb_rows(), bigquery, 1e-9)
    assert not result.equal
    assert result.differences[0].startswith("columns differ")


def test_key_columns_come_from_the_primary_key_tests() -> None:
    manifest = {
        "nodes": {
            "test.a": {"resource_type": "test", "attached_node": "model.m", "column_name": "revenue",
                       "test_metadata": {"name": "not_null", "kwargs": {}}},
            "test.b": {"resource_type": "test", "attached_node": "model.m", "column_name": None,
                       "test_metadata": {"name": "unique_combination",
                                         "kwargs": {"combination_of_columns": ["day", "channel"]}}},
            "test.c": {"resource_type": "test", "attached_node": "model.n", "column_name": "id",
                       "test_metadata": {"name": "unique", "kwargs": {}}},
        }
    }
    assert key_columns(manifest, "model.m") == ("day", "channel")
    assert key_columns(manifest, "model.n") == ("id",)
    assert key_columns(manifest, "model.other") == ()


def test_rows_with_a_repeated_key_are_compared_whole() -> None:
    """A validation model keeps a record loaded twice: its raw key repeats, so rows are matched whole."""
    duckdb_side = TableData(columns=["k", "v"], rows=[(1, "a"), (1, "b"), (2, "c")])
    same = TableData(columns=["k", "v"], rows=[(2, "c"), (1, "b"), (1, "a")])
    assert compare_tables("t", ["k"], duckdb_side, same, 1e-9, key_may_repeat=True).equal
    assert not compare_tables("t", ["k"], duckdb_side, same, 1e-9).equal  # a tested key must not repeat
    other = TableData(columns=["k", "v"], rows=[(2, "c"), (1, "b"), (1, "x")])
    result = compare_tables("t", ["k"], duckdb_side, other, 1e-9, key_may_repeat=True)
    assert not result.equal and "column v" in result.differences[0]


def test_nan_equals_nan() -> None:
    left = TableData(columns=["k", "v"], rows=[(1, float("nan"))])
    assert compare_tables("t", ["k"], left, TableData(columns=["k", "v"], rows=[(1, float("nan"))]), 1e-9).equal
    assert not compare_tables("t", ["k"], left, TableData(columns=["k", "v"], rows=[(1, 0.0)]), 1e-9).equal
