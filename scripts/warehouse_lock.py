"""Make sure the DuckDB warehouse file is free before using it; fail fast (default) or wait.

DuckDB lets one process at a time open a database file for writing (or several processes read-only, but
not next to a writer). A second process gets DuckDB's `IO Error: Could not set lock on file ...`; dbt shows
it as a Python stack trace. The lock protects the file: the second process never writes to it, so a
conflicting open cannot corrupt the warehouse. This script turns the conflict into a clear message.

    python scripts/warehouse_lock.py [--wait SECONDS] [--read-only] DB_PATH [-- COMMAND ...]

Exit 0 when the file is free (or does not exist yet) and, with a COMMAND, replace this process by it.
Exit 75 (EX_TEMPFAIL) with a one-paragraph message naming the process that holds the lock when the file
is still locked after SECONDS (default 0: fail fast). scripts/run-local.sh calls it before every dbt
command, with SECONDS from env var C360_LOCK_WAIT_SECONDS.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import duckdb

EXIT_LOCKED = 75
POLL_SECONDS = 1.0
LOCK_MARKERS = ("could not set lock", "conflicting lock")


def lock_holder(message: str) -> str:
    """'PID 123 (/usr/bin/python3)' from DuckDB's lock error, or 'another process'."""
    match = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    if match is None:
        return "another process"
    return f"PID {match.group(2)} ({match.group(1)})"


def try_open(db_path: Path, read_only: bool) -> str | None:
    """None when the file can be opened as asked, else DuckDB's lock error message."""
    if not db_path.exists():
        return None
    try:
        connection = duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as error:
        message = str(error)
        if any(marker in message.lower() for marker in LOCK_MARKERS):
            return message
        raise
    connection.close()
    return None


def wait_for_file(db_path: Path, wait_seconds: float, read_only: bool) -> str | None:
    """Poll until the file is free or wait_seconds have passed; the last lock error, or None when free."""
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        error = try_open(db_path, read_only)
        if error is None:
            if announced:
                print(f"[warehouse] {db_path} is free now", file=sys.stderr)
            return None
        if time.monotonic() >= deadline:
            return error
        if not announced:
            print(
                f"[warehouse] {db_path} is in use by {lock_holder(error)}; waiting up to {wait_seconds:g}s",
                file=sys.stderr,
            )
            announced = True
        time.sleep(POLL_SECONDS)


def busy_message(db_path: Path, error: str, wait_seconds: float) -> str:
    waited = f" after waiting {wait_seconds:g}s" if wait_seconds > 0 else ""
    return (
        f"[warehouse] {db_path} is in use by {lock_holder(error)}{waited}.\n"
        "[warehouse] DuckDB allows one writing process per database file, so this run did not start and the\n"
        "[warehouse] file was not touched. Wait for the other run to finish, or set C360_LOCK_WAIT_SECONDS\n"
        "[warehouse] (e.g. 600) to wait for it, or point C360_DUCKDB_PATH at another file."
    )


def main(argv: list[str]) -> int:
    command: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to wait for the lock (default 0)")
    parser.add_argument("--read-only", action="store_true", help="only need to read the file")
    args = parser.parse_args(argv)

    error = wait_for_file(args.db_path, max(args.wait, 0.0), args.read_only)
    if error is not None:
        print(busy_message(args.db_path, error, args.wait), file=sys.stderr)
        return EXIT_LOCKED
    if command:
        os.execvp(command[0], command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
