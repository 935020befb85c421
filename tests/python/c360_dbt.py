"""Plain helpers for the Python test suite: project vars, running dbt, reading the DuckDB file.

Every build runs dbt in-process through `dbtRunner` against its own DuckDB file, target dir and log dir
under pytest's temporary directory, so the suite never touches `customer_360.duckdb` or `target/` and
can run next to other dbt invocations.

DuckDB file lock: dbt-duckdb keeps one DuckDB instance open for the whole process (`keep_open` is the
default since dbt-duckdb 1.9.2) and `DuckDBConnectionManager.close_all_connections()` only drops its
reference to it (dbt-duckdb issue #616), so the instance stays alive and a later
`duckdb.connect(path, read_only=True)` fails with "Can't open a connection to same database file with a
different configuration". `release_duckdb()` therefore closes the environment explicitly after every
invocation; the read-only connections the tests open afterwards are the proof that the file is free.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import yaml
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner, dbtRunnerResult

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
NUM_CUSTOMERS: int = 300
# seeds, models and snapshots only: the data tests run in `dbt build` CI; here they would cost ~1 min per build
BUILD_ARGS: tuple[str, ...] = (
    "build", "--resource-type", "seed", "--resource-type", "model", "--resource-type", "snapshot",
)
# build(name, variables, args=BUILD_ARGS, copy_from=None) -> DuckDB path (conftest.dbt_build)
Builder = Callable[..., Path]
DB_FILE_NAME: str = "c360.duckdb"  # same stem everywhere, so the DuckDB database name is always c360

# raw table (schema raw) -> the dbt var holding its multiplier of num_customers
MULTIPLIED_TABLES: dict[str, str] = {
    "user_db__addresses": "num_addresses_multiplier",
    "user_db__phones": "num_phones_multiplier",
    "credit_card__accounts": "num_accounts_multiplier",
    "credit_card__limit_changes": "num_limit_changes_multiplier",
    "credit_card__transactions": "num_card_transactions_multiplier",
    "analytics__events": "num_events_multiplier",
    "commerce__orders": "num_orders_multiplier",
    "commerce__order_items": "num_order_items_multiplier",
    "support__tickets": "num_tickets_multiplier",
    "billing__subscriptions": "num_subscriptions_multiplier",
}
RAW_TABLES: tuple[str, ...] = (
    "user_db__customers",
    "user_db__addresses",
    "user_db__phones",
    "credit_card__accounts",
    "credit_card__limit_changes",
    "credit_card__transactions",
    "analytics__events",
    "commerce__products",
    "commerce__orders",
    "commerce__order_items",
    "support__tickets",
    "billing__subscriptions",
    "billing__invoices",
    "marketing__attributions",
    "marketing__spend",
)


# --------------------------------------------------------------------------------------------------
# project configuration
# --------------------------------------------------------------------------------------------------


def project_vars() -> dict[str, Any]:
    """The `vars:` block of dbt_project.yml (the defaults the models use)."""
    with (REPO_ROOT / "dbt_project.yml").open(encoding="utf-8") as handle:
        project: dict[str, Any] = yaml.safe_load(handle)
    return dict(project["vars"])


def expected_rows(num_customers: int, multiplier: float) -> int:
    """rows = floor(num_customers * multiplier + 0.5), at least 1 (macros/generator/sizes.sql)."""
    return max(math.floor(num_customers * multiplier + 0.5), 1)


def window_days(variables: dict[str, Any]) -> int:
    start = dt.date.fromisoformat(str(variables["start_date"]))
    end = dt.date.fromisoformat(str(variables["end_date"]))
    return (end - start).days + 1


def paid_channel_count() -> int:
    with (REPO_ROOT / "seeds" / "channels.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["is_paid"].strip().lower() == "true")


# --------------------------------------------------------------------------------------------------
# running dbt
# --------------------------------------------------------------------------------------------------


def release_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open in this process (see module docstring)."""
    environment = getattr(DuckDBConnectionManager, "_ENV", None)
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def run_dbt(args: Sequence[str], db_path: Path, work_dir: Path, variables: dict[str, Any]) -> dbtRunnerResult:
    """Invoke dbt in-process on the repository with its own DuckDB file, target and log dirs."""
    work_dir.mkdir(parents=True, exist_ok=True)
    os.environ["C360_DUCKDB_PATH"] = str(db_path)
    os.environ["C360_TEMP_DIRECTORY"] = str(work_dir / "duckdb_tmp")
    cli_args: list[str] = [
        *args,
        "--project-dir", str(REPO_ROOT),
        "--profiles-dir", str(REPO_ROOT),
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
        "--vars", json.dumps(variables),
    ]
    try:
        return dbtRunner().invoke(cli_args)
    finally:
        release_duckdb()


def failure_summary(result: dbtRunnerResult) -> str:
    lines: list[str] = []
    if result.exception is not None:
        lines.append(f"exception: {result.exception}")
    for node_result in getattr(result.result, "results", None) or []:
        status = str(getattr(node_result.status, "value", node_result.status))
        if status not in {"success", "pass"}:
            lines.append(f"{node_result.node.unique_id}: {status}: {node_result.message}")
    return "\n".join(lines) or "dbt failed without node errors"


# --------------------------------------------------------------------------------------------------
# reading the warehouse
# --------------------------------------------------------------------------------------------------


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db_path), read_only=True)


def fetch_all(db_path: Path, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connect(db_path) as con:
        return con.execute(query, list(params)).fetchall()


def fetch_dicts(db_path: Path, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    with connect(db_path) as con:
        cursor = con.execute(query, list(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def row_count(db_path: Path, relation: str) -> int:
    return int(fetch_all(db_path, f"select count(*) from {relation}")[0][0])


def checksum(db_path: Path, relation: str, order_by: str = "all") -> str:
    """sha256 over the column names and every row of the relation in a fixed order."""
    with connect(db_path) as con:
        cursor = con.execute(f"select * from {relation} order by {order_by}")
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    return hashlib.sha256(repr((names, rows)).encode("utf-8")).hexdigest()


def describe_differences(db_a: Path, db_b: Path, relation: str, key: str, limit: int = 8) -> str:
    """The first cells that differ between two builds' copies of a relation, matched on key."""
    rows: list[dict[Any, dict[str, Any]]] = []
    for db_path in (db_a, db_b):
        rows.append({row[key]: row for row in fetch_dicts(db_path, f"select * from {relation}")})
    differences: list[str] = []
    if rows[0].keys() != rows[1].keys():
        differences.append(f"{key}s only in one build: {sorted(set(rows[0]) ^ set(rows[1]))[:limit]}")
    for key_value in sorted(set(rows[0]) & set(rows[1])):
        for column, value in rows[0][key_value].items():
            if value != rows[1][key_value][column]:
                differences.append(f"{key}={key_value} {column}: {value!r} != {rows[1][key_value][column]!r}")
    return f"{relation} differs in {len(differences)} cells; first: " + "; ".join(differences[:limit])
