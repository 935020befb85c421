"""Airflow DAGs that run the c360_warehouse dbt project, rendered by astronomer-cosmos.

Two DAGs share one layout, a Cosmos DbtTaskGroup per layer, chained in build order:

    seeds >> synthetic (only when source_data=synthetic) >> validation >> staging >> intermediate
          >> snapshots >> marts

(snapshots read staging and intermediate models; the marts read the snapshots.)

Each model is a `dbt run` task followed by a `dbt test` task for its tests (Cosmos's default
TestBehavior.AFTER_EACH), so a failing test stops that model's children. Retries are set per layer.

- c360_warehouse_incremental: every 4 hours 08:00-20:00 UTC on weekdays; incremental models add new rows.
- c360_warehouse_full_refresh: daily at 02:00 UTC, every model and seed rebuilt with --full-refresh.

Airflow and Cosmos live in their own venv (scripts/airflow-venv.sh); dbt runs from the project's .venv as a
subprocess with the project's profiles.yml. Environment:
    C360_DBT_EXECUTABLE  dbt to run (default <project>/.venv/bin/dbt)
    C360_DBT_MANIFEST    manifest.json to render from (default <project>/target/manifest.json, written by
                         `dbt parse`); when it is missing, Cosmos renders from `dbt ls` instead
    C360_DBT_VARS        JSON object of dbt vars for every task (e.g. {"source_data": "sources"})
    C360_RETRY_DELAY_SECONDS  wait before a retry (default 300; the end-to-end test uses 0)
    C360_DUCKDB_PATH, DBT_TARGET and the other profiles.yml variables reach dbt unchanged.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from airflow.sdk import DAG, chain
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior, TestIndirectSelection

PROJECT_DIR: Path = Path(__file__).resolve().parents[1]
DBT_EXECUTABLE: Path = Path(os.environ.get("C360_DBT_EXECUTABLE", PROJECT_DIR / ".venv" / "bin" / "dbt"))
MANIFEST: Path = Path(os.environ.get("C360_DBT_MANIFEST", PROJECT_DIR / "target" / "manifest.json"))
DBT_VARS: dict[str, Any] = json.loads(os.environ.get("C360_DBT_VARS") or "{}")

INCREMENTAL_SCHEDULE: str = "0 8-20/4 * * 1-5"
FULL_REFRESH_SCHEDULE: str = "0 2 * * *"
RETRY_DELAY: timedelta = timedelta(seconds=float(os.environ.get("C360_RETRY_DELAY_SECONDS") or 300))


@dataclass(frozen=True)
class Layer:
    name: str
    select: str
    retries: int


# Build order. The generator is deterministic (a retry would fail the same way); layers that read loaded
# data retry twice; the marts once.
LAYERS: tuple[Layer, ...] = (
    Layer("seeds", "path:seeds", retries=1),
    Layer("synthetic", "path:models/synthetic", retries=0),
    Layer("validation", "path:models/validation", retries=2),
    Layer("staging", "path:models/staging", retries=2),
    Layer("intermediate", "path:models/intermediate", retries=1),
    Layer("snapshots", "path:snapshots", retries=2),
    Layer("marts", "path:models/marts", retries=1),
)


def active_layers(dbt_vars: dict[str, Any]) -> list[Layer]:
    """The layers to run: the synthetic generator only when staging reads it (source_data=synthetic)."""
    synthetic = dbt_vars.get("source_data", "synthetic") == "synthetic"
    return [layer for layer in LAYERS if layer.name != "synthetic" or synthetic]


def build_dag(dag_id: str, schedule: str, full_refresh: bool) -> DAG:
    load_method = LoadMode.DBT_MANIFEST if MANIFEST.is_file() else LoadMode.DBT_LS
    project_config = ProjectConfig(
        dbt_project_path=PROJECT_DIR,
        manifest_path=MANIFEST if load_method is LoadMode.DBT_MANIFEST else None,
        dbt_vars=DBT_VARS,
        install_dbt_deps=False,  # packages.yml is empty
    )
    profile_config = ProfileConfig(
        profile_name="c360_warehouse",
        target_name=os.environ.get("DBT_TARGET", "dev"),
        profiles_yml_filepath=PROJECT_DIR / "profiles.yml",
    )
    execution_config = ExecutionConfig(
        execution_mode=ExecutionMode.LOCAL,
        invocation_mode=InvocationMode.SUBPROCESS,
        dbt_executable_path=DBT_EXECUTABLE,
        # a node's test task runs the tests whose every parent is that node or one of its ancestors: a
        # relationships test from a staging model to a seed runs after the staging model, not after the seed
        test_indirect_selection=TestIndirectSelection.BUILDABLE,
    )
    kind = "full refresh" if full_refresh else "incremental"
    with DAG(
        dag_id=dag_id,
        description=f"c360_warehouse dbt build ({kind}), one Cosmos task group per layer",
        schedule=schedule,
        start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
        catchup=False,
        max_active_runs=1,
        tags=["dbt", "c360_warehouse", "full_refresh" if full_refresh else "incremental"],
        default_args={"retry_delay": RETRY_DELAY},
    ) as dag:
        groups = [
            DbtTaskGroup(
                group_id=layer.name,
                project_config=project_config,
                profile_config=profile_config,
                execution_config=execution_config,
                render_config=RenderConfig(
                    load_method=load_method,
                    invocation_mode=InvocationMode.SUBPROCESS,
                    select=[layer.select],
                    test_behavior=TestBehavior.AFTER_EACH,
                    dbt_executable_path=DBT_EXECUTABLE,
                    emit_datasets=False,
                ),
                operator_args={
                    "retries": layer.retries,
                    "full_refresh": full_refresh,
                    # the profiles.yml variables (C360_DUCKDB_PATH, DBT_TARGET, ...) reach dbt
                    "append_env": True,
                },
            )
            for layer in active_layers(DBT_VARS)
        ]
        chain(*groups)
    return dag


incremental_dag = build_dag("c360_warehouse_incremental", INCREMENTAL_SCHEDULE, full_refresh=False)
full_refresh_dag = build_dag("c360_warehouse_full_refresh", FULL_REFRESH_SCHEDULE, full_refresh=True)
