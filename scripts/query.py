"""Run one SQL query against the local DuckDB warehouse (read-only) and print the rows as a table.

Usage: .venv/bin/python scripts/query.py "select * from marts.customer_360 limit 5" [path/to/warehouse.duckdb]

The path defaults to $C360_DUCKDB_PATH, else customer_360.duckdb in the project root (as profiles.yml).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAX_WIDTH = 40


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = Path(argv[1] if len(argv) > 1 else os.environ.get("C360_DUCKDB_PATH") or "customer_360.duckdb")
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    if not path.exists():
        print(f"query: no warehouse at {path}: run ./scripts/run-local.sh first", file=sys.stderr)
        return 1
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            result = con.execute(argv[0])
            names = [column[0] for column in result.description or []]
            rows = [[cell(value) for value in row] for row in result.fetchall()]
    except duckdb.Error as error:
        print(f"query: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    print("  ".join(name.ljust(width) for name, width in zip(names, widths)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths)))
    print(f"({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
