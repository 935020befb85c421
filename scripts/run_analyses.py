#!/usr/bin/env python3
"""Compile the dbt analyses and run each one against the DuckDB warehouse.

Compiles every analysis (`dbt compile --select resource_type:analysis`), then runs each compiled file from
<target-path>/compiled/customer_360/analyses/ against the DuckDB file named by C360_DUCKDB_PATH (default
customer_360.duckdb, opened read-only) and prints the first rows of each with headers.

    C360_DUCKDB_PATH=/tmp/dev.duckdb .venv/bin/python scripts/run_analyses.py --target-path /tmp/dev_target
    .venv/bin/python scripts/run_analyses.py --no-compile analyses/geographic_distribution.sql

Exits 1 if compilation fails, an analysis fails, or an analysis returns no rows (unless --allow-empty).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROJECT_NAME = "c360_warehouse"
ANALYSES_DIR = PROJECT_DIR / "analyses"
DEFAULT_DUCKDB_PATH = "customer_360.duckdb"
MAX_CELL_WIDTH = 40


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "analyses",
        nargs="*",
        help="analysis names or paths (e.g. geographic_distribution or analyses/x.sql); default: all",
    )
    parser.add_argument("--target-path", default="target", help="dbt target path (passed to dbt compile)")
    parser.add_argument("--rows", type=int, default=10, help="rows to print per analysis (default 10)")
    parser.add_argument("--no-compile", action="store_true", help="use the already compiled SQL")
    parser.add_argument("--allow-empty", action="store_true", help="do not fail when an analysis returns no rows")
    return parser.parse_args(argv)


def dbt_executable() -> str:
    """The dbt next to this Python interpreter (the project venv), else the one on PATH."""
    local = Path(sys.executable).parent / "dbt"
    if local.exists():
        return str(local)
    found = shutil.which("dbt")
    if found is None:
        raise SystemExit("dbt not found: run from the project venv or put dbt on PATH")
    return found


def find_analyses(values: Sequence[str]) -> list[Path]:
    """Analysis source files (relative to analyses/): all of them, or those named by stem or path."""
    available = sorted(path.relative_to(ANALYSES_DIR) for path in ANALYSES_DIR.rglob("*.sql"))
    if not values:
        if not available:
            raise SystemExit(f"no analyses in {ANALYSES_DIR}")
        return available
    selected: list[Path] = []
    for value in values:
        wanted = Path(value)
        matches = [
            path
            for path in available
            if path.stem == wanted.stem and (len(wanted.parts) == 1 or str(wanted).endswith(str(path)))
        ]
        if not matches:
            raise SystemExit(f"no analysis named {value!r} in {ANALYSES_DIR}")
        selected += [path for path in matches if path not in selected]
    return selected


def compile_analyses(target_path: str, analyses: Sequence[Path], select_all: bool) -> None:
    """Run dbt compile; its log is shown only on failure (it echoes the SQL of a single selected node)."""
    selection = ["resource_type:analysis"] if select_all else [f"analyses/{path}" for path in analyses]
    command = [dbt_executable(), "compile", "--select", *selection, "--target-path", target_path]
    env = {**os.environ, "DO_NOT_TRACK": os.environ.get("DO_NOT_TRACK", "1")}
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(f"dbt compile failed with exit code {result.returncode}")


def compiled_dir(target_path: str) -> Path:
    target = Path(target_path)
    if not target.is_absolute():
        target = PROJECT_DIR / target
    return target / "compiled" / PROJECT_NAME / "analyses"


def compiled_files(directory: Path, analyses: Sequence[Path]) -> list[Path]:
    files = [directory / path for path in analyses]
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        raise SystemExit("compiled analyses not found (compile first): " + ", ".join(missing))
    return files


def format_cell(value: object) -> str:
    if value is None:
        text = "null"
    elif isinstance(value, float):
        text = f"{value:.4f}"
    elif isinstance(value, Decimal):
        text = f"{value:.4f}" if value != value.to_integral_value() else str(value.normalize())
    else:
        text = str(value)
    if len(text) > MAX_CELL_WIDTH:
        text = text[: MAX_CELL_WIDTH - 3] + "..."
    return text


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[format_cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        " | ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True)),
        "-+-".join("-" * width for width in widths),
    ]
    lines += [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def run_analysis(connection: duckdb.DuckDBPyConnection, path: Path, limit: int) -> tuple[int, str]:
    """Run one compiled analysis; returns its total row count and the printed table of its first rows."""
    sql = path.read_text(encoding="utf-8").strip().rstrip(";")
    cursor = connection.execute(sql)
    headers = [column[0] for column in cursor.description or []]
    rows = cursor.fetchall()
    return len(rows), format_table(headers, rows[:limit])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    analyses = find_analyses(args.analyses)
    if not args.no_compile:
        compile_analyses(args.target_path, analyses, select_all=not args.analyses)
    files = compiled_files(compiled_dir(args.target_path), analyses)

    database = os.environ.get("C360_DUCKDB_PATH", DEFAULT_DUCKDB_PATH)
    database_path = Path(database) if Path(database).is_absolute() else PROJECT_DIR / database
    if not database_path.exists():
        raise SystemExit(f"DuckDB file not found: {database_path} (build the project first)")

    failures: list[str] = []
    connection = duckdb.connect(str(database_path), read_only=True)
    try:
        for path in files:
            print(f"\n=== {path.stem} ({path})")
            try:
                row_count, table = run_analysis(connection, path, args.rows)
            except duckdb.Error as error:
                print(f"ERROR: {error}")
                failures.append(path.stem)
                continue
            print(table)
            print(f"({row_count} rows{f', first {args.rows} shown' if row_count > args.rows else ''})")
            if row_count == 0 and not args.allow_empty:
                failures.append(path.stem)
    finally:
        connection.close()

    if failures:
        print("\nfailed: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
