"""The Cosmos DAGs in dags/: they import and have the expected layout, and a real Airflow run builds the same
warehouse as a plain `dbt build`.

Airflow lives in its own venv (scripts/airflow-venv.sh), so every Airflow step runs as a subprocess with that
venv's python, in a throwaway AIRFLOW_HOME with a SQLite metadata database.
Env: C360_AIRFLOW_E2E=1 adds the end-to-end run (slow: one dbt process per Airflow task, 153 tasks, about
11 min on an idle 2-core machine). scripts/test.sh sets it and runs these tests beside the Python suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from c360_dbt import REPO_ROOT, checksum, describe_differences, failure_summary, run_dbt

NUM_CUSTOMERS = 200
DBT_VARS = {"num_customers": NUM_CUSTOMERS}
EXPECTED_GROUPS = ["seeds", "synthetic", "validation", "staging", "intermediate", "snapshots", "marts"]
SCHEDULES = {
    "c360_warehouse_incremental": "0 8-20/4 * * 1-5",
    "c360_warehouse_full_refresh": "0 2 * * *",
}


@pytest.fixture(scope="module")
def airflow_venv() -> Path:
    out = subprocess.run(
        [str(REPO_ROOT / "scripts" / "airflow-venv.sh")], check=True, capture_output=True, text=True
    ).stdout
    return Path(out.strip().splitlines()[-1])


def dbt_parse(work_dir: Path, variables: dict[str, object]) -> Path:
    """manifest.json for these vars (the DAG renders from it), in work_dir/target."""
    result = run_dbt(["parse"], work_dir / "parse.duckdb", work_dir, variables)
    assert result.success, failure_summary(result)
    return work_dir / "target" / "manifest.json"


def airflow_env(home: Path, manifest: Path, duckdb_path: Path, variables: dict[str, object]) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW")}
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "C360_DBT_MANIFEST": str(manifest),
        "C360_DBT_VARS": json.dumps(variables),
        "C360_DUCKDB_PATH": str(duckdb_path),
        "C360_TEMP_DIRECTORY": str(duckdb_path.parent / "duckdb_tmp"),
        "DBT_TARGET": "dev",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "C360_RETRY_DELAY_SECONDS": "0",  # a failing task fails the run at once instead of waiting to retry
    })
    return env


def dagbag(airflow_venv: Path, env: dict[str, str]) -> dict[str, object]:
    run = subprocess.run(
        [str(airflow_venv / "bin" / "python"), str(Path(__file__).with_name("dagbag_summary.py")), str(REPO_ROOT / "dags")],
        env=env, capture_output=True, text=True, cwd=REPO_ROOT,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    line = next(line for line in run.stdout.splitlines() if line.startswith("C360_DAGBAG="))
    return json.loads(line.removeprefix("C360_DAGBAG="))


def test_dags_import_with_groups_and_schedules(airflow_venv: Path, tmp_path: Path) -> None:
    env = airflow_env(tmp_path / "airflow", dbt_parse(tmp_path, DBT_VARS), tmp_path / "unused.duckdb", DBT_VARS)
    summary = dagbag(airflow_venv, env)
    assert summary["import_errors"] == {}
    dags = summary["dags"]
    assert {dag_id: dag["schedule"] for dag_id, dag in dags.items()} == SCHEDULES
    for dag_id, dag in dags.items():
        assert dag["task_groups"] == EXPECTED_GROUPS, dag_id
        # each group runs after the one before it
        assert dag["upstream"] == {
            group: ([EXPECTED_GROUPS[index - 1]] if index else []) for index, group in enumerate(EXPECTED_GROUPS)
        }, dag_id
        # each model is a run task, and its tests a test task right after it (Cosmos's AFTER_EACH)
        retries = dag["retries"]
        assert dag["upstream_tasks"]["marts.customer_360.test"] == ["marts.customer_360.run"], dag_id
        # retries per layer
        assert retries["synthetic.syn_user_db__customers.run"] == 0
        assert retries["staging.stg_user_db__customers.run"] == 2
        assert retries["marts.customer_360.run"] == 1
    assert dags["c360_warehouse_full_refresh"]["full_refresh"] == ["None", "True"]
    assert dags["c360_warehouse_incremental"]["full_refresh"] == ["False", "None"]


def test_dags_without_generator_in_sources_mode(airflow_venv: Path, tmp_path: Path) -> None:
    variables = {"source_data": "sources"}
    env = airflow_env(tmp_path / "airflow", dbt_parse(tmp_path, variables), tmp_path / "unused.duckdb", variables)
    summary = dagbag(airflow_venv, env)
    assert summary["import_errors"] == {}
    for dag in summary["dags"].values():
        assert dag["task_groups"] == [group for group in EXPECTED_GROUPS if group != "synthetic"]


@pytest.mark.skipif(os.environ.get("C360_AIRFLOW_E2E") != "1", reason="end-to-end Airflow run: set C360_AIRFLOW_E2E=1")
def test_airflow_run_builds_the_same_warehouse_as_dbt_build(airflow_venv: Path, tmp_path: Path) -> None:
    dag_db = tmp_path / "dag" / "c360.duckdb"
    dag_db.parent.mkdir()
    env = airflow_env(tmp_path / "airflow", dbt_parse(tmp_path, DBT_VARS), dag_db, DBT_VARS)
    airflow = str(airflow_venv / "bin" / "airflow")
    migrate = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert migrate.returncode == 0, migrate.stderr[-4000:]

    started = time.monotonic()
    log_path = tmp_path / "dags_test.log"
    with log_path.open("w") as log:
        run = subprocess.run(
            [airflow, "dags", "test", "c360_warehouse_full_refresh", "2026-01-05"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, timeout=3600,
        )
    print(f"airflow dags test c360_warehouse_full_refresh: {time.monotonic() - started:.0f}s")
    output = log_path.read_text()
    assert run.returncode == 0, output[-6000:]
    assert "state=failed" not in output and "upstream_failed" not in output, output[-6000:]

    plain_dir = tmp_path / "plain"
    plain_db = plain_dir / "c360.duckdb"
    result = run_dbt(["build"], plain_db, plain_dir, DBT_VARS)
    assert result.success, failure_summary(result)
    assert checksum(dag_db, "marts.customer_360", order_by="customer_id") == checksum(
        plain_db, "marts.customer_360", order_by="customer_id"
    ), describe_differences(plain_db, dag_db, "marts.customer_360", "customer_id")
