"""Smoke test of scripts/load_test.py at a tiny size: every code path once (dbt build, raw-SQL baseline,
CSV, Markdown, plot), and the baseline really rebuilds the same warehouse from the compiled SQL."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import duckdb

from c360_dbt import REPO_ROOT

SIZE = 200


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_test", REPO_ROOT / "scripts" / "load_test.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_test"] = module
    spec.loader.exec_module(module)
    return module


def checksum(db_path: Path, relation: str) -> tuple[int, str]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute(
            f"select count(*), md5(string_agg(cast(t as varchar), '|' order by customer_id)) from {relation} as t"
        ).fetchone()
    assert row is not None
    return int(row[0]), str(row[1])


def test_load_test_script_builds_baseline_equal_to_dbt(tmp_path: Path) -> None:
    script = load_script()
    out_dir = tmp_path / "out"
    work_dir = tmp_path / "work"
    code = script.main([
        "--sizes", str(SIZE), "--skip-full", "--keep", "--work-dir", str(work_dir), "--out-dir", str(out_dir),
    ])
    assert code == 0

    with (out_dir / "load_test.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["kind"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"dbt_models", "baseline"}
    assert all(row["ok"] == "True" and row["num_customers"] == str(SIZE) for row in rows.values())
    # both builds hold the same raw data: 200 customers and their multiplied child tables
    assert int(rows["dbt_models"]["raw_rows"]) == int(rows["baseline"]["raw_rows"]) > 40 * SIZE
    assert float(rows["dbt_models"]["peak_rss_mb"]) > 50

    dbt_db = work_dir / f"dbt_models_{SIZE}_1" / "c360.duckdb"
    baseline_db = work_dir / f"baseline_{SIZE}_1" / "c360.duckdb"
    dbt_rows, dbt_sum = checksum(dbt_db, "marts.customer_360")
    assert dbt_rows == SIZE
    assert checksum(baseline_db, "marts.customer_360") == (dbt_rows, dbt_sum)

    report = (out_dir / "load_test.md").read_text(encoding="utf-8")
    assert f"| {SIZE:,} | 16GB, threads 2 |" in report
    assert all(row["threads"] == "2" for row in rows.values())
    assert (out_dir / "load_test.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with (out_dir / "load_test_models.csv").open(encoding="utf-8", newline="") as handle:
        layers = {(row["kind"], row["layer"]) for row in csv.DictReader(handle)}
    model_layers = {"seeds", "synthetic", "validation", "staging", "intermediate", "marts"}
    # snapshots are dbt nodes, not model SQL: the baseline has none
    assert {layer for kind, layer in layers if kind == "dbt_models"} == model_layers | {"snapshots"}
    assert {layer for kind, layer in layers if kind == "baseline"} == model_layers
