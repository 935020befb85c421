"""Load test: build the project at several sizes and compare dbt with the same SQL run directly in DuckDB.

    .venv/bin/python scripts/load_test.py                      # 10k, 100k, 1M customers
    .venv/bin/python scripts/load_test.py --with-10m           # ... and 10M (about 10+ minutes per build)
    .venv/bin/python scripts/load_test.py --sizes 100000 --repeats 3 --memory-limit 4GB

For every size and repeat it runs, each into a fresh DuckDB file under --work-dir:

  dbt_models  `dbt build --exclude-resource-type test unit_test` (seeds + models): wall time, peak RSS of the
              dbt process tree, DuckDB file size, rows per raw table, per-model timings from run_results.json
  baseline    the compiled SQL of the same models (manifest.json `compiled_code`), executed in one DuckDB
              connection in dependency order as CREATE TABLE / CREATE VIEW per each model's materialization,
              with the same DuckDB settings; seeds are copied from the dbt file (they are not model SQL)
  dbt_full    the full `dbt build` (seeds, models, data tests, unit tests), unless --skip-full

and writes to --out-dir: load_test.csv (one row per run), load_test_models.csv (per-model timings),
load_test.md (medians and the issue's targets) and load_test.png (time vs customers, per-layer breakdown).

Tuning: --threads, --memory-limit, --temp-directory, --preserve-insertion-order set the profile's env vars
(C360_THREADS, C360_MEMORY_LIMIT, C360_TEMP_DIRECTORY, C360_PRESERVE_INSERTION_ORDER) for dbt and the
same DuckDB settings for the baseline.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import psutil

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
DB_FILE_NAME: str = "c360.duckdb"  # the compiled SQL names the database after the file stem: c360
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LAYERS: tuple[str, ...] = ("seeds", "synthetic", "validation", "staging", "intermediate", "snapshots", "marts", "tests")
KINDS: tuple[str, ...] = ("dbt_models", "baseline", "dbt_full")
RAW_ROWS_PER_CUSTOMER_TARGET: float = 4_000_000.0  # generator target: raw rows per second at 1M


@dataclass
class Settings:
    threads: int
    memory_limit: str
    temp_directory: str
    preserve_insertion_order: str

    def env(self) -> dict[str, str]:
        return {
            "C360_THREADS": str(self.threads),
            "C360_MEMORY_LIMIT": self.memory_limit,
            "C360_TEMP_DIRECTORY": self.temp_directory,
            "C360_PRESERVE_INSERTION_ORDER": self.preserve_insertion_order,
        }


@dataclass
class RunResult:
    size: int
    repeat: int
    kind: str
    memory_limit: str
    wall_s: float
    peak_rss_mb: float
    db_mb: float
    raw_rows: int
    layer_s: dict[str, float] = field(default_factory=dict)
    ok: bool = True
    note: str = ""
    parse_s: float = 0.0  # untimed `dbt parse` before the build (0 when --cold-parse)
    load_avg: float = 0.0  # mean 1-minute load average of the machine during the run (shared machine)
    threads: int = 2  # dbt threads (models built at once; the baseline's DuckDB threads)

    @property
    def setting(self) -> str:
        """The settings a run is grouped by in the report: memory_limit and threads."""
        return f"{self.memory_limit}, threads {self.threads}"


# --------------------------------------------------------------------------------------------------
# measuring a process tree
# --------------------------------------------------------------------------------------------------


def tree_rss_bytes(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants (0 for processes that are gone)."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_measured(args: Sequence[str], env: dict[str, str], label: str,
                 log_path: Path) -> tuple[int, float, int, float]:
    """Run a command, showing progress; returns (exit code, wall seconds, peak RSS of its process tree,
    mean 1-minute load average of the machine while it ran)."""
    start = time.monotonic()
    peak = 0
    loads: list[float] = []
    last_line = ""
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            list(args), cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        watched = psutil.Process(process.pid)

        def pump() -> None:
            nonlocal last_line
            assert process.stdout is not None
            for line in process.stdout:
                log.write(line)
                words = ("START", "OK", "PASS", "ERROR")
                if line.startswith("step ") or (" of " in line and any(word in line for word in words)):
                    last_line = ANSI.sub("", line).strip()[-70:]

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        shown = 0.0
        while process.poll() is None:
            peak = max(peak, tree_rss_bytes(watched))
            now = time.monotonic()
            if now - shown >= 2.0:
                shown = now
                loads.append(os.getloadavg()[0])
                print(f"\r    {label}: {now - start:6.0f} s  rss {peak / 2**20:7.0f} MiB  {last_line:<70}",
                      end="", flush=True)
            time.sleep(0.1)
        reader.join()
    wall = time.monotonic() - start
    print(f"\r    {label}: {wall:6.1f} s  peak rss {peak / 2**20:7.0f} MiB  exit {process.returncode}" + " " * 80,
          flush=True)
    return process.returncode, wall, peak, statistics.mean(loads) if loads else os.getloadavg()[0]


# --------------------------------------------------------------------------------------------------
# dbt
# --------------------------------------------------------------------------------------------------


def dbt_env(db_path: Path, settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(settings.env())
    env.update({
        "C360_DUCKDB_PATH": str(db_path),
        "DBT_TARGET": "dev",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    })
    return env


def dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def layer_of(node: dict[str, Any]) -> str:
    resource = node.get("resource_type", "")
    if resource == "seed":
        return "seeds"
    if resource in {"test", "unit_test"}:
        return "tests"
    if resource == "snapshot":
        return "snapshots"
    fqn: list[str] = node.get("fqn", [])
    return fqn[1] if len(fqn) > 2 and fqn[1] in LAYERS else "marts"


def model_timings(target_dir: Path) -> list[tuple[str, str, float]]:
    """(unique_id, layer, execution seconds) of every executed node, from run_results.json + manifest.json."""
    results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))
    manifest = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))
    nodes: dict[str, Any] = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    timings: list[tuple[str, str, float]] = []
    for result in results["results"]:
        node = nodes.get(result["unique_id"], {"resource_type": result["unique_id"].split(".")[0]})
        timings.append((result["unique_id"], layer_of(node), float(result["execution_time"])))
    return timings


def raw_row_counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by 1"
        ).fetchall()
        return {name: int(con.execute(f'select count(*) from raw."{name}"').fetchone()[0]) for (name,) in tables}


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def remove_run(run_dir: Path, out_dir: Path, result: RunResult | None) -> None:
    """Deletes a run's directory (DuckDB file, target). When the run failed, its logs (dbt's, or run.log of a
    baseline) and run_results.json are first copied to out_dir/failed_<run>/ and the run's note says where,
    so the error survives."""
    if result is not None and not result.ok and run_dir.exists():
        keep = out_dir / f"failed_{run_dir.name}"
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("dbt.log", "logs/dbt.log", "target/run_results.json", "run.log"):
            if (run_dir / name).exists():
                shutil.copy2(run_dir / name, keep / name.replace("/", "_"))
        result.note += f" (logs kept in {keep})"
    shutil.rmtree(run_dir, ignore_errors=True)


def run_dbt_build(size: int, repeat: int, kind: str, settings: Settings, work_dir: Path,
                  warm_parse: bool) -> tuple[RunResult, Path]:
    run_dir = fresh_dir(work_dir / f"{kind}_{size}_{repeat}")
    db_path = run_dir / DB_FILE_NAME
    target_dir = run_dir / "target"
    common = [
        "--target-path", str(target_dir), "--log-path", str(run_dir / "logs"),
        "--vars", json.dumps({"num_customers": size}),
    ]
    parse_s = 0.0
    if warm_parse:
        # dbt re-parses the whole project when the target dir has no partial-parse state (~4-10 s here);
        # parsing first (untimed, reported as parse_s) measures the build a developer repeats in place
        start = time.monotonic()
        subprocess.run([dbt_executable(), "parse", *common], cwd=REPO_ROOT, env=dbt_env(db_path, settings),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        parse_s = time.monotonic() - start
    args = [dbt_executable(), "build", *common]
    if kind == "dbt_models":
        args += ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
    code, wall, peak, load = run_measured(args, dbt_env(db_path, settings), f"{kind:<10} n={size:>9,}",
                                          run_dir / "dbt.log")
    layers: dict[str, float] = {layer: 0.0 for layer in LAYERS}
    if (target_dir / "run_results.json").exists():
        for _, layer, seconds in model_timings(target_dir):
            layers[layer] += seconds
    result = RunResult(
        size=size, repeat=repeat, kind=kind, memory_limit=settings.memory_limit, threads=settings.threads,
        wall_s=wall,
        peak_rss_mb=peak / 2**20, db_mb=db_path.stat().st_size / 1e6 if db_path.exists() else 0.0,
        raw_rows=sum(raw_row_counts(db_path).values()) if code == 0 else 0, layer_s=layers, ok=code == 0,
        note="" if code == 0 else f"dbt exit {code}, see {run_dir / 'dbt.log'}", parse_s=parse_s, load_avg=load,
    )
    return result, target_dir


# --------------------------------------------------------------------------------------------------
# raw-SQL baseline
# --------------------------------------------------------------------------------------------------


def baseline_plan(target_dir: Path) -> list[dict[str, str]]:
    """The models of a dbt run in dependency order: relation, materialization, layer, compiled SQL."""
    manifest = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))
    nodes: dict[str, Any] = manifest["nodes"]
    models = {uid: node for uid, node in nodes.items() if node["resource_type"] == "model"}
    # models built on snapshots (dim_customers_history) need dbt's snapshot columns: not part of the baseline
    on_snapshots: set[str] = set()
    changed = True
    while changed:
        changed = False
        for uid, node in models.items():
            parents = node["depends_on"]["nodes"]
            if uid not in on_snapshots and any(p.startswith("snapshot.") or p in on_snapshots for p in parents):
                on_snapshots.add(uid)
                changed = True
    models = {uid: node for uid, node in models.items() if uid not in on_snapshots}
    ordered: list[str] = []
    state: dict[str, int] = {}

    def visit(uid: str) -> None:  # depth-first topological order
        if state.get(uid) == 2:
            return
        state[uid] = 1
        for parent in models[uid]["depends_on"]["nodes"]:
            if parent in models:
                visit(parent)
        state[uid] = 2
        ordered.append(uid)

    for uid in sorted(models):
        visit(uid)
    plan: list[dict[str, str]] = []
    for uid in ordered:
        node = models[uid]
        sql = node.get("compiled_code")
        if not sql:
            sql = (target_dir / "compiled" / node["package_name"] / node["original_file_path"]).read_text(
                encoding="utf-8")
        plan.append({
            "unique_id": uid, "relation": node["relation_name"], "schema": node["schema"],
            "materialized": node["config"]["materialized"], "layer": layer_of(node), "sql": sql,
        })
    seeds = [node["relation_name"] for node in nodes.values() if node["resource_type"] == "seed"]
    plan_seeds = [{"unique_id": f"seed.{name}", "relation": name, "schema": "", "materialized": "seed",
                   "layer": "seeds", "sql": ""} for name in sorted(seeds)]
    return plan_seeds + plan


def baseline_worker(plan_path: Path, db_path: Path, seed_db: Path, settings_json: str) -> None:
    """Executes a baseline plan in one DuckDB connection; prints one JSON object of layer timings."""
    plan: list[dict[str, str]] = json.loads(plan_path.read_text(encoding="utf-8"))
    settings = json.loads(settings_json)
    con = duckdb.connect(str(db_path))
    con.execute(f"set threads = {int(settings['threads'])}")
    con.execute(f"set memory_limit = '{settings['memory_limit']}'")
    con.execute(f"set temp_directory = '{settings['temp_directory']}'")
    con.execute(f"set preserve_insertion_order = {settings['preserve_insertion_order']}")
    con.execute(f"attach '{seed_db}' as seed_source (read_only)")
    layers: dict[str, float] = {layer: 0.0 for layer in LAYERS}
    steps: list[list[Any]] = []
    for step in plan:
        database, schema, name = (part.strip('"') for part in step["relation"].split("."))
        start = time.monotonic()
        con.execute(f'create schema if not exists "{database}"."{schema}"')
        if step["materialized"] == "seed":
            con.execute(f'create table {step["relation"]} as select * from seed_source."{schema}"."{name}"')
        elif step["materialized"] == "view":
            con.execute(f'create view {step["relation"]} as {step["sql"]}')
        else:
            con.execute(f'create table {step["relation"]} as {step["sql"]}')
        seconds = time.monotonic() - start
        layers[step["layer"]] += seconds
        steps.append([step["unique_id"], step["layer"], seconds])
        print(f"step {step['unique_id']} {seconds:.2f} s", flush=True)
    con.execute("checkpoint")
    con.close()
    print(json.dumps({"layers": layers, "steps": steps}))


def run_baseline(size: int, repeat: int, settings: Settings, dbt_target: Path, dbt_db: Path,
                 work_dir: Path) -> tuple[RunResult, list[tuple[str, str, float]]]:
    run_dir = fresh_dir(work_dir / f"baseline_{size}_{repeat}")
    db_path = run_dir / DB_FILE_NAME
    plan_path = run_dir / "plan.json"
    plan_path.write_text(json.dumps(baseline_plan(dbt_target)), encoding="utf-8")
    seed_copy = run_dir / "seeds_source.duckdb"
    shutil.copyfile(dbt_db, seed_copy)  # read-only source of the seed tables; not timed
    args = [sys.executable, str(Path(__file__).resolve()), "_baseline_worker", str(plan_path), str(db_path),
            str(seed_copy), json.dumps(settings.__dict__)]
    code, wall, peak, load = run_measured(args, dict(os.environ), f"{'baseline':<10} n={size:>9,}",
                                          run_dir / "run.log")
    layers: dict[str, float] = {layer: 0.0 for layer in LAYERS}
    steps: list[tuple[str, str, float]] = []
    if code == 0:
        lines = [line for line in (run_dir / "run.log").read_text(encoding="utf-8").splitlines()
                 if line.startswith("{")]
        report = json.loads(lines[-1])
        layers.update(report["layers"])
        steps = [(str(uid), str(layer), float(seconds)) for uid, layer, seconds in report["steps"]]
    seed_copy.unlink()
    return RunResult(
        size=size, repeat=repeat, kind="baseline", memory_limit=settings.memory_limit, threads=settings.threads,
        wall_s=wall,
        peak_rss_mb=peak / 2**20, db_mb=db_path.stat().st_size / 1e6 if db_path.exists() else 0.0,
        raw_rows=sum(raw_row_counts(db_path).values()) if code == 0 else 0, layer_s=layers, ok=code == 0,
        note="" if code == 0 else f"baseline exit {code}, see {run_dir / 'run.log'}", load_avg=load,
    ), steps


# --------------------------------------------------------------------------------------------------
# reports
# --------------------------------------------------------------------------------------------------


def write_csv(results: list[RunResult], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["num_customers", "repeat", "kind", "memory_limit", "threads", "ok", "wall_s", "peak_rss_mb",
                         "db_mb", "raw_rows", *[f"{layer}_s" for layer in LAYERS], "parse_s", "load_avg", "note"])
        for r in results:
            writer.writerow([r.size, r.repeat, r.kind, r.memory_limit, r.threads, r.ok, f"{r.wall_s:.2f}",
                             f"{r.peak_rss_mb:.0f}", f"{r.db_mb:.1f}", r.raw_rows,
                             *[f"{r.layer_s.get(layer, 0.0):.2f}" for layer in LAYERS],
                             f"{r.parse_s:.2f}", f"{r.load_avg:.1f}", r.note])


def write_model_csv(rows: list[tuple[int, int, str, str, str, float]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["num_customers", "repeat", "kind", "unique_id", "layer", "execution_s"])
        for row in rows:
            writer.writerow([*row[:5], f"{row[5]:.3f}"])


def median_of(results: list[RunResult], size: int, kind: str, setting: str, attr: str) -> float | None:
    def value(r: RunResult) -> float:
        return r.layer_s.get(attr[len("layer_s_"):], 0.0) if attr.startswith("layer_s_") else float(getattr(r, attr))

    values = [value(r) for r in results
              if r.size == size and r.kind == kind and r.setting == setting and r.ok]
    return statistics.median(values) if values else None


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "n/a" if value is None else format(value, spec)


def write_markdown(results: list[RunResult], path: Path, settings: Settings, argv: Sequence[str]) -> None:
    sizes = sorted({r.size for r in results})
    settings_seen = sorted({r.setting for r in results})
    lines = [
        "# Load test report", "",
        f"Generated {dt.datetime.now().isoformat(timespec='seconds')} by `scripts/load_test.py {' '.join(argv)}` on "
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM; threads={settings.threads}, "
        f"preserve_insertion_order={settings.preserve_insertion_order}. Medians over repeats (n = runs).", "",
        "- `dbt models`: `dbt build --exclude-resource-type test unit_test` (seeds + all models) from an empty file",
        "- `baseline`: the same compiled model SQL run directly in one DuckDB connection, dependency order",
        "- `dbt full`: the full `dbt build` (seeds, models, data tests, unit tests) from an empty file",
        "- dbt builds run after an untimed `dbt parse` with the same vars (a repeat build, partial parsing), "
        "unless `--cold-parse`; `parse` is that parse's time",
        "- `machine load`: mean 1-minute load average during the dbt models build (2 cores: above 2 means the "
        "build shared the CPUs with other jobs)", "",
        "| customers | memory_limit, dbt threads | raw rows | dbt models (s) | baseline (s) | dbt/baseline "
        "| dbt full (s) | peak RSS models (MiB) | peak RSS full (MiB) | DuckDB file (MB) "
        "| generator (raw rows/s, baseline) | parse (s) | machine load | n |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        for setting in settings_seen:
            models = median_of(results, size, "dbt_models", setting, "wall_s")
            base = median_of(results, size, "baseline", setting, "wall_s")
            full = median_of(results, size, "dbt_full", setting, "wall_s")
            if models is None and base is None and full is None:
                continue
            raw = median_of(results, size, "dbt_models", setting, "raw_rows")
            generator = median_of(results, size, "baseline", setting, "layer_s_synthetic")
            runs = sum(1 for r in results if r.size == size and r.setting == setting and r.kind == "dbt_models")
            ratio = models / base if models and base else None
            lines.append(
                f"| {size:,} | {setting} | {fmt(raw, ',.0f')} | {fmt(models)} | {fmt(base)} | {fmt(ratio, '.2f')} "
                f"| {fmt(full)} | {fmt(median_of(results, size, 'dbt_models', setting, 'peak_rss_mb'), ',.0f')} "
                f"| {fmt(median_of(results, size, 'dbt_full', setting, 'peak_rss_mb'), ',.0f')} "
                f"| {fmt(median_of(results, size, 'dbt_models', setting, 'db_mb'), ',.0f')} "
                f"| {fmt(raw / generator if raw and generator else None, ',.0f')} "
                f"| {fmt(median_of(results, size, 'dbt_models', setting, 'parse_s'))} "
                f"| {fmt(median_of(results, size, 'dbt_models', setting, 'load_avg') or None)} | {runs} |")
    lines += ["", "Per-layer time (median seconds; dbt layers are sums of per-node times, which overlap with "
              "threads > 1; the baseline runs one statement at a time):", "",
              "| customers | memory_limit, dbt threads | kind | " + " | ".join(LAYERS) + " |",
              "|---:|---|---|" + "---:|" * len(LAYERS)]
    for size in sizes:
        for setting in settings_seen:
            for kind in KINDS:
                if median_of(results, size, kind, setting, "wall_s") is None:
                    continue
                cells = [fmt(median_of(results, size, kind, setting, f"layer_s_{layer}")) for layer in LAYERS]
                lines.append(f"| {size:,} | {setting} | {kind} | " + " | ".join(cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_plot(results: list[RunResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    default_setting = results[0].setting
    sizes = sorted({r.size for r in results if r.setting == default_setting})
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    styles = {"dbt_models": ("dbt build (models)", "o-"), "baseline": ("raw DuckDB SQL (baseline)", "s--"),
              "dbt_full": ("dbt build (models + tests)", "^-")}
    for kind, (label, style) in styles.items():
        points = [(size, median_of(results, size, kind, default_setting, "wall_s")) for size in sizes]
        points = [(size, value) for size, value in points if value]
        if points:
            left.plot([p[0] for p in points], [p[1] for p in points], style, label=label)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("customers")
    left.set_ylabel("wall time (s)")
    left.set_title(f"Build time vs size (memory_limit {default_setting})")
    left.grid(True, which="both", alpha=0.3)
    left.legend()
    width = 0.38
    positions = range(len(sizes))
    for offset, kind in ((-width / 2, "dbt_models"), (width / 2, "baseline")):
        bottoms = [0.0] * len(sizes)
        for index, layer in enumerate(LAYERS[:-1]):
            values = [median_of(results, size, kind, default_setting, f"layer_s_{layer}") or 0.0 for size in sizes]
            shares = [v / (sum(median_of(results, size, kind, default_setting, f"layer_s_{name}") or 0.0
                                for name in LAYERS[:-1]) or 1.0) for v, size in zip(values, sizes)]
            right.bar([p + offset for p in positions], shares, width, bottom=bottoms, color=f"C{index}",
                      label=layer if kind == "dbt_models" else None, hatch="" if kind == "dbt_models" else "//")
            bottoms = [b + s for b, s in zip(bottoms, shares)]
    right.set_xticks(list(positions), [f"{size:,}\ndbt | raw" for size in sizes])
    right.set_ylabel("share of model time")
    right.set_title("Where the time goes, per layer (left bar dbt, hatched raw SQL)")
    right.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


# --------------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated customer counts")
    parser.add_argument("--with-10m", action="store_true", help="add 10,000,000 customers (10+ minutes per build)")
    parser.add_argument("--repeats", type=int, default=1, help="runs per size (medians are reported)")
    parser.add_argument("--skip-full", action="store_true", help="skip the full dbt build with data tests")
    parser.add_argument("--skip-baseline", action="store_true", help="skip the raw-SQL baseline")
    parser.add_argument("--skip-models", action="store_true",
                        help="skip the models-only build and the baseline (only the full build)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("C360_THREADS", "2")))
    parser.add_argument("--memory-limit", default=os.environ.get("C360_MEMORY_LIMIT", "16GB"))
    parser.add_argument("--preserve-insertion-order", default="false", choices=["true", "false"])
    parser.add_argument("--work-dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "c360-load-test",
                        help="where the DuckDB files and dbt targets go (deleted run by run)")
    parser.add_argument("--temp-directory", default=None, help="DuckDB spill directory (default: under --work-dir)")
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "load_test_results")
    parser.add_argument("--cold-parse", action="store_true",
                        help="time dbt's full project parse too (default: parse untimed first, as a repeat build)")
    parser.add_argument("--keep", action="store_true", help="keep the DuckDB files of every run")
    parser.add_argument("--append", action="store_true", help="add to an existing load_test.csv in --out-dir")
    parser.add_argument("--report-only", action="store_true",
                        help="only re-render load_test.md and load_test.png from the load_test.csv in --out-dir")
    return parser.parse_args(argv)


def read_previous(path: Path) -> list[RunResult]:
    if not path.exists():
        return []
    results: list[RunResult] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            results.append(RunResult(
                size=int(row["num_customers"]), repeat=int(row["repeat"]), kind=row["kind"],
                memory_limit=row["memory_limit"], wall_s=float(row["wall_s"]), peak_rss_mb=float(row["peak_rss_mb"]),
                db_mb=float(row["db_mb"]), raw_rows=int(row["raw_rows"]),
                layer_s={layer: float(row.get(f"{layer}_s") or 0.0) for layer in LAYERS}, ok=row["ok"] == "True",
                note=row["note"], parse_s=float(row.get("parse_s") or 0.0),
                load_avg=float(row.get("load_avg") or 0.0), threads=int(row.get("threads") or 2)))
    return results


def main(argv: Sequence[str]) -> int:
    if argv and argv[0] == "_baseline_worker":
        baseline_worker(Path(argv[1]), Path(argv[2]), Path(argv[3]), argv[4])
        return 0
    options = parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",") if size.strip()]
    if options.with_10m and 10_000_000 not in sizes:
        sizes.append(10_000_000)
    work_dir: Path = options.work_dir
    work_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        threads=options.threads, memory_limit=options.memory_limit,
        temp_directory=options.temp_directory or str(work_dir / "duckdb_spill"),
        preserve_insertion_order=options.preserve_insertion_order,
    )
    out_dir: Path = options.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[RunResult] = read_previous(out_dir / "load_test.csv") if options.append else []
    if options.report_only:
        results = read_previous(out_dir / "load_test.csv")
        write_markdown(results, out_dir / "load_test.md", settings, argv)
        write_plot(results, out_dir / "load_test.png")
        print(f"wrote {out_dir / 'load_test.md'}, load_test.png")
        return 0
    model_rows: list[tuple[int, int, str, str, str, float]] = []
    if options.append and (out_dir / "load_test_models.csv").exists():
        with (out_dir / "load_test_models.csv").open(encoding="utf-8", newline="") as handle:
            model_rows = [(int(row["num_customers"]), int(row["repeat"]), row["kind"], row["unique_id"],
                           row["layer"], float(row["execution_s"])) for row in csv.DictReader(handle)]
    for size in sizes:
        for repeat in range(1, options.repeats + 1):
            print(f"== {size:,} customers, run {repeat}/{options.repeats}, memory_limit={settings.memory_limit}",
                  flush=True)
            if not options.skip_models:
                models, target_dir = run_dbt_build(size, repeat, "dbt_models", settings, work_dir,
                                                   not options.cold_parse)
                results.append(models)
                if models.ok:
                    model_rows += [(size, repeat, "dbt_models", *timing) for timing in model_timings(target_dir)]
                baseline: RunResult | None = None
                if models.ok and not options.skip_baseline:
                    baseline, steps = run_baseline(size, repeat, settings, target_dir,
                                                   target_dir.parent / DB_FILE_NAME, work_dir)
                    results.append(baseline)
                    model_rows += [(size, repeat, "baseline", *step) for step in steps]
                if not options.keep:
                    remove_run(target_dir.parent, out_dir, models)
                    remove_run(work_dir / f"baseline_{size}_{repeat}", out_dir, baseline)
            if not options.skip_full:
                full, full_target = run_dbt_build(size, repeat, "dbt_full", settings, work_dir,
                                                   not options.cold_parse)
                results.append(full)
                if full.ok:
                    model_rows += [(size, repeat, "dbt_full", *timing) for timing in model_timings(full_target)]
                if not options.keep:
                    remove_run(full_target.parent, out_dir, full)
            # write after every size so a long run that is interrupted still leaves its numbers
            write_csv(results, out_dir / "load_test.csv")
            write_model_csv(model_rows, out_dir / "load_test_models.csv")
            write_markdown(results, out_dir / "load_test.md", settings, argv)
            write_plot(results, out_dir / "load_test.png")
    print(f"wrote {out_dir / 'load_test.csv'}, load_test.md, load_test.png")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
