"""Cross-engine parity: every table a DuckDB build made must equal the same table built on BigQuery.

    python scripts/bq_parity.py --duckdb PATH --duckdb-manifest target_duck/manifest.json \
        --bq-manifest target_bq/manifest.json [--endpoint http://127.0.0.1:9050] [--rel-tol 1e-9]

Compares every model materialized as a table (the raw tables of the generator, the marts: customer_360, the
facts and every KPI table, and any materialized intermediate), matched by unique_id in the two manifests:
- the column names, in order, are the same;
- the row counts are equal and the primary keys (taken from the model's `unique` or `unique_combination`
  test) are the same set; a table whose `meta: parity_key` repeats (a validation model holding a record
  loaded twice) is compared row by row in one canonical order instead;
- per key, numbers agree within `rel_tol` relative (exact when both sides are integers or decimals),
  strings, booleans and dates are equal, timestamps are equal once both are read as UTC, nulls match nulls.

Prints one line per table and the first differences; exits 1 when anything differs, 2 on bad input.
The BigQuery side is read through the google-cloud-bigquery client (installed with dbt-bigquery) pointed
at the emulator with anonymous credentials.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = tuple[Any, ...]
MAX_REPORTED_DIFFERENCES = 5


@dataclass(frozen=True)
class TableSpec:
    unique_id: str
    name: str
    duckdb_relation: tuple[str, str]  # schema, table
    bigquery_relation: tuple[str, str, str]  # project, dataset, table
    key_columns: tuple[str, ...]
    key_may_repeat: bool = False  # the key is a meta parity_key (unique on clean input only), not a tested one


@dataclass
class TableData:
    columns: list[str]
    rows: list[Row]


@dataclass
class Comparison:
    name: str
    duckdb_rows: int
    bigquery_rows: int
    compared_values: int = 0
    max_relative_difference: float = 0.0
    differences: list[str] = field(default_factory=list)
    difference_count: int = 0

    @property
    def equal(self) -> bool:
        return self.difference_count == 0

    def add_difference(self, message: str) -> None:
        self.difference_count += 1
        if len(self.differences) < MAX_REPORTED_DIFFERENCES:
            self.differences.append(message)


# --------------------------------------------------------------------------------------------------
# which tables, which keys
# --------------------------------------------------------------------------------------------------


def key_columns(manifest: dict[str, Any], unique_id: str) -> tuple[str, ...]:
    """The model's primary key: its `unique` column test, else its `unique_combination` test, else its
    `meta: {parity_key: [...]}` (tables keyed by raw rows, e.g. the validation models: unique on clean input)."""
    combination: tuple[str, ...] = tuple(
        str(column)
        for column in manifest["nodes"].get(unique_id, {}).get("config", {}).get("meta", {}).get("parity_key", [])
    )
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or node.get("attached_node") != unique_id:
            continue
        metadata = node.get("test_metadata") or {}
        if metadata.get("name") == "unique" and node.get("column_name"):
            return (str(node["column_name"]),)
        if metadata.get("name") == "unique_combination":
            combination = tuple(str(c) for c in metadata["kwargs"]["combination_of_columns"])
    return combination


def has_unique_test(manifest: dict[str, Any], unique_id: str) -> bool:
    return any(
        node["resource_type"] == "test" and node.get("attached_node") == unique_id
        and (node.get("test_metadata") or {}).get("name") in ("unique", "unique_combination")
        for node in manifest["nodes"].values()
    )


def table_specs(duckdb_manifest: dict[str, Any], bigquery_manifest: dict[str, Any]) -> list[TableSpec]:
    specs: list[TableSpec] = []
    for unique_id, node in sorted(duckdb_manifest["nodes"].items()):
        if node["resource_type"] != "model" or node["config"]["materialized"] not in ("table", "incremental"):
            continue
        if not node["config"].get("enabled", True):
            continue
        bq_node = bigquery_manifest["nodes"].get(unique_id)
        if bq_node is None:
            raise ValueError(f"{unique_id} is in the DuckDB manifest but not in the BigQuery one")
        keys = key_columns(duckdb_manifest, unique_id)
        if not keys:
            raise ValueError(f"{unique_id} has no unique or unique_combination test: no key to compare on")
        specs.append(
            TableSpec(
                unique_id=unique_id,
                name=node["name"],
                duckdb_relation=(node["schema"], node["alias"]),
                bigquery_relation=(bq_node["database"], bq_node["schema"], bq_node["alias"]),
                key_columns=keys,
                key_may_repeat=not has_unique_test(duckdb_manifest, unique_id),
            )
        )
    return specs


# --------------------------------------------------------------------------------------------------
# comparing values
# --------------------------------------------------------------------------------------------------


def normalise(value: Any) -> Any:
    """One representation per value across the two drivers: UTC-naive timestamps, Decimal kept."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def relative_difference(left: Any, right: Any) -> float:
    """|a - b| / max(|a|, |b|); 0 when both are 0; inf when one side is not finite and they differ."""
    if isinstance(left, (int, decimal.Decimal)) and isinstance(right, (int, decimal.Decimal)):
        a, b = decimal.Decimal(left), decimal.Decimal(right)
        if a == b:
            return 0.0
        return float(abs(a - b) / max(abs(a), abs(b)))
    a_float, b_float = float(left), float(right)
    if a_float == b_float:
        return 0.0
    if not (math.isfinite(a_float) and math.isfinite(b_float)):
        return math.inf
    return abs(a_float - b_float) / max(abs(a_float), abs(b_float))


def value_difference(left: Any, right: Any, rel_tol: float) -> tuple[bool, float]:
    """(equal?, relative difference for numbers else 0)."""
    left, right = normalise(left), normalise(right)
    if left is None or right is None:
        return left is None and right is None, 0.0
    if _is_number(left) and _is_number(right):
        if isinstance(left, float) and isinstance(right, float) and math.isnan(left) and math.isnan(right):
            return True, 0.0
        difference = relative_difference(left, right)
        return difference <= rel_tol, difference
    if type(left) is not type(right):
        return False, 0.0
    return left == right, 0.0


def compare_tables(
    name: str, key: Sequence[str], duckdb_data: TableData, bigquery_data: TableData, rel_tol: float,
    key_may_repeat: bool = False,
) -> Comparison:
    result = Comparison(name=name, duckdb_rows=len(duckdb_data.rows), bigquery_rows=len(bigquery_data.rows))
    if duckdb_data.columns != bigquery_data.columns:
        result.add_difference(f"columns differ: duckdb {duckdb_data.columns} vs bigquery {bigquery_data.columns}")
        return result
    if result.duckdb_rows != result.bigquery_rows:
        result.add_difference(f"row counts differ: duckdb {result.duckdb_rows} vs bigquery {result.bigquery_rows}")
    positions = [duckdb_data.columns.index(column) for column in key]
    if key_may_repeat and (
        _has_duplicate_keys(duckdb_data.rows, positions) or _has_duplicate_keys(bigquery_data.rows, positions)
    ):
        # a table keyed by raw rows (meta parity_key) holding a record loaded twice: the key is not unique, so
        # the rows are matched whole, in one canonical order, instead
        key = ["row in canonical order"]
        duckdb_rows = _index_by_order(duckdb_data.rows)
        bigquery_rows = _index_by_order(bigquery_data.rows)
    else:
        duckdb_rows = _index_by_key(duckdb_data.rows, positions, "duckdb", result)
        bigquery_rows = _index_by_key(bigquery_data.rows, positions, "bigquery", result)
    for only_in, keys in (
        ("duckdb", sorted(duckdb_rows.keys() - bigquery_rows.keys(), key=repr)),
        ("bigquery", sorted(bigquery_rows.keys() - duckdb_rows.keys(), key=repr)),
    ):
        for missing in keys:
            result.add_difference(f"key {dict(zip(key, missing))} only in {only_in}")
    for row_key in duckdb_rows.keys() & bigquery_rows.keys():
        left_row, right_row = duckdb_rows[row_key], bigquery_rows[row_key]
        for column, left, right in zip(duckdb_data.columns, left_row, right_row):
            equal, difference = value_difference(left, right, rel_tol)
            result.compared_values += 1
            if difference != math.inf:
                result.max_relative_difference = max(result.max_relative_difference, difference)
            if not equal:
                result.add_difference(
                    f"key {dict(zip(key, row_key))} column {column}: duckdb {left!r} vs bigquery {right!r}"
                )
    return result


def _has_duplicate_keys(rows: Iterable[Row], positions: Sequence[int]) -> bool:
    keys = [tuple(normalise(row[position]) for position in positions) for row in rows]
    return len(set(keys)) != len(keys)


def _sort_value(value: Any) -> tuple[str, str]:
    """A total order over normalised values that equal values share on both engines (numbers to 9 digits)."""
    value = normalise(value)
    if value is None:
        return ("", "")
    if _is_number(value):
        return ("number", f"{float(value):.9e}")
    return (type(value).__name__, str(value))


def _index_by_order(rows: Iterable[Row]) -> dict[Row, Row]:
    """Rows by their position in a canonical order: a stand-in key where rows have no unique key."""
    ordered = sorted(rows, key=lambda row: tuple(_sort_value(value) for value in row))
    return {(position,): row for position, row in enumerate(ordered)}


def _index_by_key(rows: Iterable[Row], positions: Sequence[int], side: str, result: Comparison) -> dict[Row, Row]:
    indexed: dict[Row, Row] = {}
    for row in rows:
        row_key = tuple(normalise(row[position]) for position in positions)
        if row_key in indexed:
            result.add_difference(f"duplicate key {row_key} in {side}")
        indexed[row_key] = row
    return indexed


# --------------------------------------------------------------------------------------------------
# reading the two engines
# --------------------------------------------------------------------------------------------------


def read_duckdb(connection: Any, schema: str, table: str) -> TableData:
    cursor = connection.execute(f'select * from "{schema}"."{table}"')
    columns = [description[0] for description in cursor.description]
    return TableData(columns=columns, rows=[tuple(row) for row in cursor.fetchall()])


def bigquery_client(endpoint: str, project: str) -> Any:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    return bigquery.Client(
        project=project,
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=endpoint),
    )


def read_bigquery(client: Any, project: str, dataset: str, table: str) -> TableData:
    result = client.query(f"select * from `{project}.{dataset}.{table}`").result()
    columns = [schema_field.name for schema_field in result.schema]
    return TableData(columns=columns, rows=[tuple(row.values()) for row in result])


# --------------------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duckdb", type=Path, required=True, help="DuckDB file of the dev build")
    parser.add_argument("--duckdb-manifest", type=Path, required=True, help="manifest.json of the dev build")
    parser.add_argument("--bq-manifest", type=Path, required=True, help="manifest.json of the bq_emulator build")
    parser.add_argument("--endpoint", default="http://127.0.0.1:9050", help="BigQuery API endpoint")
    parser.add_argument("--rel-tol", type=float, default=1e-9, help="relative tolerance for numbers")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    for path in (args.duckdb, args.duckdb_manifest, args.bq_manifest):
        if not path.is_file():
            print(f"bq_parity: {path} does not exist (build both targets first)", file=sys.stderr)
            return 2
    try:
        specs = table_specs(
            json.loads(args.duckdb_manifest.read_text(encoding="utf-8")),
            json.loads(args.bq_manifest.read_text(encoding="utf-8")),
        )
    except (ValueError, KeyError) as error:
        print(f"bq_parity: {error}", file=sys.stderr)
        return 2

    import duckdb

    client = bigquery_client(args.endpoint, specs[0].bigquery_relation[0] if specs else "local-project")
    comparisons: list[Comparison] = []
    with duckdb.connect(str(args.duckdb), read_only=True) as connection:
        for spec in specs:
            comparison = compare_tables(
                spec.name,
                spec.key_columns,
                read_duckdb(connection, *spec.duckdb_relation),
                read_bigquery(client, *spec.bigquery_relation),
                args.rel_tol,
                spec.key_may_repeat,
            )
            comparisons.append(comparison)

    print(f"{'table':<45} {'duckdb rows':>11} {'bq rows':>9} {'values':>9} {'max rel diff':>12}  result")
    for comparison in comparisons:
        status = "equal" if comparison.equal else f"DIFFERENT ({comparison.difference_count})"
        print(
            f"{comparison.name:<45} {comparison.duckdb_rows:>11} {comparison.bigquery_rows:>9} "
            f"{comparison.compared_values:>9} {comparison.max_relative_difference:>12.3g}  {status}"
        )
        for message in comparison.differences:
            print(f"    {message}")
    different = [comparison.name for comparison in comparisons if not comparison.equal]
    total_rows = sum(comparison.duckdb_rows for comparison in comparisons)
    total_values = sum(comparison.compared_values for comparison in comparisons)
    if different:
        print(f"\nparity FAILED: {len(different)} of {len(comparisons)} tables differ: {', '.join(different)}")
        return 1
    print(f"\nparity OK: {len(comparisons)} tables, {total_rows} rows, {total_values} values equal "
          f"(numbers within {args.rel_tol:g} relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
