"""Parse the SQL compiled for the BigQuery `bigquery` target with sqlfluff's BigQuery dialect.

    python scripts/bq_dialect_lint.py TARGET_PATH

TARGET_PATH is the --target-path of `dbt compile --target bigquery`. Checks every compiled model, analysis and
singular test (generic test instances, 400+ files that come from a handful of macros, are left out to keep
this step fast). Fails on any parse (PRS) or templating (TMP) error. Style is linted on the sources with the
dbt templater (.sqlfluff); here only CP01 (lowercase keywords) runs besides the parser, and is only counted:
layout rules on compiled SQL would report the blank lines and indentation Jinja leaves behind.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path


def compiled_files(target_path: Path) -> list[Path]:
    root = target_path / "compiled" / "c360_warehouse"
    files = [
        path
        for folder in ("models", "analyses", "tests")
        for path in sorted((root / folder).rglob("*.sql"))
        if not any(part.endswith(".yml") for part in path.relative_to(root).parts)
    ]
    return files


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: bq_dialect_lint.py TARGET_PATH", file=sys.stderr)
        return 2
    files = compiled_files(Path(argv[0]))
    if not files:
        print(f"bq_dialect_lint: no compiled SQL under {argv[0]} (run dbt compile --target bigquery first)", file=sys.stderr)
        return 2
    command = [
        sys.executable, "-m", "sqlfluff", "lint", "--ignore-local-config", "--templater", "raw",
        "--dialect", "bigquery", "--rules", "CP01", "--processes", "2", "--format", "json", "--nofail", *map(str, files),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(f"bq_dialect_lint: sqlfluff did not produce a report:\n{completed.stderr[-2000:]}", file=sys.stderr)
        return 2
    counts: collections.Counter[str] = collections.Counter()
    errors: list[str] = []
    for file_report in report:
        for violation in file_report["violations"]:
            counts[violation["code"]] += 1
            if violation["code"] in ("PRS", "TMP"):
                errors.append(
                    f"{file_report['filepath']}:{violation['start_line_no']}: {violation['description']}"
                )
    layout = sum(count for code, count in counts.items() if code not in ("PRS", "TMP"))
    print(f"bigquery dialect: {len(report)} compiled files parsed, {len(errors)} parse errors "
          f"({layout} CP01 findings, not gated)")
    for error in errors:
        print(f"    {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
