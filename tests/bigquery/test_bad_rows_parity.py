"""The hand-written bad loader rows give the same quarantine and the same marts on BigQuery as on DuckDB.

scripts/test.sh runs this module in its BigQuery step, after the synthetic build of both engines has
passed parity: C360_PARITY_DUCKDB names that DuckDB file, C360_BQ_EMULATOR_ENDPOINT the emulator holding
the same build. Both sides get the rows of tests/python/test_bad_loader_rows.py (CASES) inserted into
their raw tables, with the same two loader types (spend as a float, the ticket key as text), then a
sources-mode `dbt build` with every data test; scripts/bq_parity.py then compares every table, the
quarantine, the data-quality marts, customer_360 and the KPIs included. Without those variables
the module is skipped.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from bq_parity import bigquery_client  # noqa: E402
from c360_dbt import REPO_ROOT, RAW_TABLES  # noqa: E402
from test_bad_loader_rows import CASES, LOADER_TYPES, existing_parents, insert_cases, row_of  # noqa: E402

PROJECT: str = "local-project"
ENDPOINT: str = os.environ.get("C360_BQ_EMULATOR_ENDPOINT", "")
DUCKDB_BUILD: str = os.environ.get("C360_PARITY_DUCKDB", "")
NUM_CUSTOMERS: int = int(os.environ.get("C360_TEST_NUM_CUSTOMERS", "1000"))
BUILD_VARS: dict[str, Any] = {"source_data": "sources", "num_customers": NUM_CUSTOMERS}
# BigQuery column type (as the API names it) -> the SQL type a literal is cast to
SQL_TYPES: dict[str, str] = {
    "INTEGER": "int64", "INT64": "int64", "FLOAT": "float64", "FLOAT64": "float64", "NUMERIC": "numeric",
    "BIGNUMERIC": "bignumeric", "STRING": "string", "TIMESTAMP": "timestamp", "DATE": "date",
    "DATETIME": "datetime", "BOOLEAN": "bool", "BOOL": "bool",
}
# LOADER_TYPES (DuckDB names, insert_cases) in BigQuery's names
BIGQUERY_TYPES: dict[str, str] = {"double": "float64", "varchar": "string"}

pytestmark = pytest.mark.skipif(
    not (ENDPOINT and DUCKDB_BUILD), reason="needs C360_BQ_EMULATOR_ENDPOINT and C360_PARITY_DUCKDB (scripts/test.sh)"
)


def string_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{escaped}'"


def typed_literal(value: Any, column_type: str) -> str:
    """A BigQuery expression of the value with the column's type: the cast of its text, as a loader writes it."""
    sql_type = SQL_TYPES[column_type]
    if value is None:
        return f"cast(null as {sql_type})"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and math.isnan(value):
        text = "nan"
    elif isinstance(value, float) and math.isinf(value):
        text = "inf" if value > 0 else "-inf"
    else:
        text = str(value)
    return f"cast({string_literal(text)} as {sql_type})"


def insert_cases_into_bigquery(parents: dict[str, Any]) -> None:
    client = bigquery_client(ENDPOINT, PROJECT)
    for table, (column, loader_type) in LOADER_TYPES.items():
        relation = f"`{PROJECT}.raw.{table}`"
        sql_type = BIGQUERY_TYPES[loader_type]
        client.query(
            f"create or replace table {relation} as"
            f" select * replace (cast({column} as {sql_type}) as {column}) from {relation}"
        ).result()
    for table in RAW_TABLES:
        rows = [row_of(case, parents) for case in CASES if case.table == table]
        if not rows:
            continue
        types = {field.name: field.field_type for field in client.get_table(f"{PROJECT}.raw.{table}").schema}
        columns = list(rows[0])
        values = ",\n".join(
            "(" + ", ".join(typed_literal(row[column], types[column]) for column in columns) + ")" for row in rows
        )
        client.query(f"insert into `{PROJECT}.raw.{table}` ({', '.join(columns)}) values\n{values}").result()


def dbt(args: list[str], target: str, target_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dbt_executable = shutil.which("dbt") or str(Path(sys.executable).with_name("dbt"))
    command = [dbt_executable, *args, "--vars", json.dumps(BUILD_VARS), "--target-path", str(target_path)]
    return subprocess.run(
        command, cwd=REPO_ROOT, env={**os.environ, **env, "DBT_TARGET": target}, text=True,
        capture_output=True, check=False,
    )


def test_bad_rows_give_the_same_quarantine_and_marts_on_both_engines(tmp_path: Path) -> None:
    db_path = tmp_path / "c360.duckdb"
    shutil.copyfile(DUCKDB_BUILD, db_path)
    parents = existing_parents(db_path)
    insert_cases(db_path, parents)
    insert_cases_into_bigquery(parents)

    duckdb_target = tmp_path / "target_duckdb"
    bq_target = tmp_path / "target_bq"
    duckdb_env = {"C360_DUCKDB_PATH": str(db_path), "C360_TEMP_DIRECTORY": str(tmp_path / "spill")}
    duckdb_run = dbt(["build"], "dev", duckdb_target, duckdb_env)
    assert duckdb_run.returncode == 0, duckdb_run.stdout[-4000:]
    bq_run = dbt(["build"], "bq_emulator", bq_target, {})
    assert bq_run.returncode == 0, bq_run.stdout[-4000:]

    parity = subprocess.run(
        [
            sys.executable, str(REPO_ROOT / "scripts" / "bq_parity.py"),
            "--duckdb", str(db_path),
            "--duckdb-manifest", str(duckdb_target / "manifest.json"),
            "--bq-manifest", str(bq_target / "manifest.json"),
            "--endpoint", ENDPOINT,
        ],
        text=True, capture_output=True, check=False,
    )
    print(parity.stdout)
    assert parity.returncode == 0, parity.stdout[-6000:] + parity.stderr[-2000:]
    assert "dq_quarantine" in parity.stdout
