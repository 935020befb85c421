"""Every MetricFlow metric, queried with `mf query` on a built warehouse, equals the KPI marts.

Equal within 1e-9 relative on every day, channel, month and cohort the marts hold.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from c360_dbt import REPO_ROOT, fetch_all

RELATIVE_TOLERANCE = 1e-9


def mf_executable() -> Path:
    """MetricFlow's CLI from the project's venv (dbt-metricflow is pinned in requirements.txt)."""
    return Path(sys.executable).parent / "mf"


@pytest.fixture(scope="module")
def mf_project(default_build: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The warehouse and the environment mf needs: the build's semantic manifest in the project's target."""
    manifest = default_build.parent / "target" / "semantic_manifest.json"
    assert manifest.is_file(), "dbt build wrote no semantic_manifest.json"
    target = REPO_ROOT / "target"
    target.mkdir(exist_ok=True)
    shutil.copyfile(manifest, target / "semantic_manifest.json")
    env = {
        **os.environ,
        "C360_DUCKDB_PATH": str(default_build),
        "C360_TEMP_DIRECTORY": str(tmp_path_factory.mktemp("mf_tmp")),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_TARGET": "dev",
        "DO_NOT_TRACK": "1",
    }
    return default_build, env


def mf_query(env: dict[str, str], out: Path, metrics: Sequence[str], group_by: Sequence[str]) -> list[dict[str, str]]:
    command = [
        str(mf_executable()), "query",
        "--metrics", ",".join(metrics),
        "--group-by", ",".join(group_by),
        "--csv", str(out),
    ]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and out.is_file(), f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def key_text(value: object) -> str:
    """A group-by value as text; dates and timestamps as their day (mf prints timestamps)."""
    text = str(value)
    return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}", text) else text


def as_float(value: object) -> float | None:
    if value is None or value == "":
        return None
    return float(value)  # type: ignore[arg-type]


def assert_equal(
    mf_rows: list[dict[str, str]], mart: dict[tuple[str, ...], dict[str, object]], keys: Sequence[str]
) -> tuple[int, float]:
    """Every mart row has one mf row with equal metric values; returns (values compared, largest difference)."""
    by_key = {tuple(key_text(row[key]) for key in keys): row for row in mf_rows}
    compared, largest = 0, 0.0
    for key, expected in mart.items():
        assert key in by_key, f"mf returned no row for {key}"
        for metric, mart_value in expected.items():
            got, want = as_float(by_key[key][metric]), as_float(mart_value)
            if want is None:
                assert got is None or got == 0 or math.isinf(got), f"{metric} at {key}: mf {got}, mart null"
                continue
            assert got is not None, f"{metric} at {key}: mf null, mart {want}"
            assert math.isclose(got, want, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9), (
                f"{metric} at {key}: mf {got}, mart {want}"
            )
            compared += 1
            largest = max(largest, abs(got - want))
    return compared, largest


def mart_rows(db: Path, sql: str, key_count: int) -> dict[tuple[str, ...], dict[str, object]]:
    rows = fetch_all(db, sql)
    names = [column.split(" as ")[-1].strip() for column in sql.split(" from ")[0].removeprefix("select ").split(",")]
    return {
        tuple(key_text(value) for value in row[:key_count]): dict(zip(names[key_count:], row[key_count:]))
        for row in rows
    }


CASES = {
    "daily": (
        ["daily_active_users", "gross_revenue", "discounts", "refunds", "net_revenue", "mrr", "new_mrr", "churned_mrr"],
        ["metric_time__day"],
        "select revenue_date, daily_active_users, gross_revenue, discounts, refunds, net_revenue, mrr, new_mrr,"
        " churned_mrr from marts.kpi_daily_revenue"
        " inner join marts.kpi_daily_active_users on revenue_date = activity_date"
        " inner join marts.kpi_daily_mrr on revenue_date = mrr_date",
    ),
    "channel": (
        ["marketing_spend", "customers_acquired", "cac", "customer_ltv", "ltv_to_cac"],
        ["channel"],
        "select channel_code, total_spend as marketing_spend, customers_acquired, cac, total_ltv as customer_ltv,"
        " ltv_to_cac from marts.kpi_ltv_cac_by_channel",
    ),
    "ltv_cohort_channel": (
        ["customers", "customer_ltv", "ltv"],
        ["customer__signup_cohort_month", "customer__acquisition_channel"],
        "select cohort_month, acquisition_channel, customers, total_ltv as customer_ltv, avg_ltv as ltv"
        " from marts.kpi_ltv_by_cohort_channel",
    ),
    "retention": (
        ["weekly_retention_rate", "retained_customers_metric", "cohort_size_metric"],
        ["cohort_cell__cohort_week__week", "cohort_cell__weeks_since_signup"],
        "select cohort_week, weeks_since_signup, retention_rate as weekly_retention_rate,"
        " retained_customers as retained_customers_metric, cohort_size as cohort_size_metric"
        " from marts.kpi_weekly_cohort_retention",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_metricflow_matches_kpi_marts(case: str, mf_project: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db, env = mf_project
    metrics, group_by, sql = CASES[case]
    mart = mart_rows(db, sql, len(group_by))
    assert mart, f"the mart query of {case} returned no rows"
    rows = mf_query(env, tmp_path / f"{case}.csv", metrics, group_by)
    mf_keys = list(rows[0].keys())[: len(group_by)]
    compared, largest = assert_equal(rows, mart, mf_keys)
    print(f"{case}: {len(metrics)} metrics x {len(mart)} rows, {compared} values compared, largest difference {largest:g}")
