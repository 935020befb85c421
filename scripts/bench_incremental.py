"""Benchmark: an incremental run that adds one generator batch (~1% new data) vs a full rebuild.

Usage (through the project venv):  .venv/bin/python scripts/bench_incremental.py [--customers 1000000]
    [--repeats 3] [--work-dir /tmp/c360_bench_incremental]

1. Builds generator batch 1 (seeds + the models the incremental models need) into its own DuckDB file.
2. Regenerates the raw tables for batch 2 (batch_growth_percent % more customers, events, orders, ...) and
   rebuilds the validation tables the incremental models read (the staging views read those, so without
   this step the models would never see batch 2). That rebuild is timed and reported on its own: it is a
   full-table rebuild that every build pays, incremental or not.
3. From a copy of that state, `repeats` times each, alternating: an incremental `dbt run` of the incremental
   models, and a `dbt run --full-refresh` of the same models.
Reports, per mode, the median dbt wall time and the median sum of the models' execution times
(run_results.json), and the ratios incremental / full measured in the same run. The machine is shared,
so only medians and same-run ratios mean anything. Fails when an incremental run adds no fct_events rows
(batch 2 not visible: the benchmark would time nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
INCREMENTAL_MODELS: tuple[str, ...] = ("fct_events", "fct_orders", "kpi_daily_active_users", "kpi_daily_revenue")


def dbt(args: list[str], db_path: Path, target_dir: Path, variables: dict[str, object]) -> tuple[float, float]:
    """Run dbt; return (wall seconds, sum of node execution seconds)."""
    env = dict(os.environ, C360_DUCKDB_PATH=str(db_path), DBT_TARGET="dev", DO_NOT_TRACK="1",
               C360_TEMP_DIRECTORY=str(db_path.parent / "duckdb_tmp"))
    command = [str(Path(sys.executable).parent / "dbt"), *args, "--project-dir", str(REPO_ROOT),
               "--profiles-dir", str(REPO_ROOT), "--target-path", str(target_dir),
               "--log-path", str(target_dir / "logs"), "--vars", json.dumps(variables)]
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} failed:\n{completed.stdout[-4000:]}\n{completed.stderr[-2000:]}")
    results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))
    return wall, sum(float(node["execution_time"]) for node in results["results"])


def fact_rows(db_path: Path) -> int:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        row = connection.execute("select count(*) from marts.fct_events").fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/c360_bench_incremental"))
    options = parser.parse_args()
    if options.customers < 1 or options.repeats < 1:
        raise SystemExit("--customers and --repeats must be positive")

    work_dir: Path = options.work_dir
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    db_path = work_dir / "bench.duckdb"
    state_path = work_dir / "batch_2_loaded.duckdb"
    target_dir = work_dir / "target"
    batch_1 = {"num_customers": options.customers, "generator_batch": 1}
    batch_2 = {"num_customers": options.customers, "generator_batch": 2}
    selection = ["--select", *INCREMENTAL_MODELS]

    print(f"building batch 1 at {options.customers} customers ...", flush=True)
    wall, _ = dbt(["build", "--resource-type", "seed", "--resource-type", "model", "--select",
                   *[f"+{model}" for model in INCREMENTAL_MODELS]], db_path, target_dir, batch_1)
    batch_1_events = fact_rows(db_path)
    print(f"  batch 1 built in {wall:.0f} s; generating batch 2 raw data ...", flush=True)
    dbt(["run", "--select", "tag:synthetic"], db_path, target_dir, batch_2)
    validation = [f"tag:validation,+{model}" for model in INCREMENTAL_MODELS]
    validation_wall, validation_models = dbt(["run", "--select", *validation], db_path, target_dir, batch_2)
    print(f"  validation tables rebuilt on batch 2: wall {validation_wall:.1f} s, models {validation_models:.1f} s",
          flush=True)
    shutil.copyfile(db_path, state_path)

    timings: dict[str, list[tuple[float, float]]] = {"incremental": [], "full_refresh": []}
    for repeat in range(options.repeats):
        for mode in ("incremental", "full_refresh"):
            shutil.copyfile(state_path, db_path)
            extra = ["--full-refresh"] if mode == "full_refresh" else []
            wall, models = dbt(["run", *selection, *extra], db_path, target_dir, batch_2)
            if fact_rows(db_path) <= batch_1_events:
                raise SystemExit(f"{mode} run added no fct_events rows: batch 2 is not visible to the models")
            timings[mode].append((wall, models))
            print(f"  run {repeat + 1} {mode:>12}: wall {wall:6.1f} s, models {models:6.1f} s", flush=True)

    medians = {
        mode: (statistics.median(w for w, _ in runs), statistics.median(m for _, m in runs))
        for mode, runs in timings.items()
    }
    inc, full = medians["incremental"], medians["full_refresh"]
    print(f"\ncustomers {options.customers}, {options.repeats} runs each, medians:")
    print(f"  incremental : wall {inc[0]:6.1f} s, models {inc[1]:6.1f} s")
    print(f"  full refresh: wall {full[0]:6.1f} s, models {full[1]:6.1f} s")
    print(f"  ratio incremental / full: wall {inc[0] / full[0]:.1%}, models {inc[1] / full[1]:.1%}")
    print(f"  (both also need the validation tables rebuilt on the new raw data: wall {validation_wall:.1f} s)")


if __name__ == "__main__":
    main()
