"""Run a command while holding the DuckDB warehouse: an OS file lock for the command's whole life.

DuckDB lets one process at a time open a database file for writing, and only while it has it open: a
script that runs `dbt seed`, then `dbt build`, then a summary releases the file between steps, so a second
run could slip in between. This script takes an exclusive `flock` on `<DB_PATH>.lock` and keeps it for as
long as COMMAND and every process it starts live (the lock's file descriptor is inherited), so any number
of simultaneous runs gives one run at a time and a clear message to the others.

    python scripts/warehouse_lock.py [--wait SECONDS] DB_PATH -- COMMAND ...

- Exit 75 (EX_TEMPFAIL) with a short message when another run holds the lock, or another process (a dbt
  command started by hand, a reader) has the DuckDB file open, after SECONDS (default 0: fail fast).
- Exit 73 (EX_CANTCREAT) with one line when the warehouse's directory is missing or not writable, or the
  file cannot be written (read-only, immutable) or is not a DuckDB database: never a stack trace.
- Otherwise replace this process by COMMAND (exit status is COMMAND's).

scripts/run-local.sh runs itself under this script, with SECONDS from env var C360_LOCK_WAIT_SECONDS.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import os
import re
import sys
import time
from pathlib import Path

EXIT_LOCKED = 75
EXIT_CANNOT_WRITE = 73
POLL_SECONDS = 0.5
LOCK_MARKERS = ("could not set lock", "conflicting lock")


def say(message: str) -> None:
    print(f"[warehouse] {message}", file=sys.stderr)


def writable_problem(db_path: Path) -> str | None:
    """Why the warehouse cannot be written, in one line, or None."""
    directory = db_path.parent
    if not directory.is_dir():
        return f"cannot use {db_path}: directory {directory} does not exist (create it or set C360_DUCKDB_PATH)"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"cannot use {db_path}: directory {directory} is not writable (set C360_DUCKDB_PATH elsewhere)"
    if db_path.exists():
        if db_path.is_dir():
            return f"cannot use {db_path}: it is a directory, not a DuckDB file"
        try:
            with open(db_path, "r+b"):
                pass
        except OSError as error:
            return f"cannot use {db_path}: the file is not writable ({error.strerror})"
    return None


def open_lock_file(db_path: Path) -> tuple[int | None, str | None]:
    """The lock file's descriptor, or the one-line reason it cannot be opened."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        return os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644), None
    except OSError as error:
        return None, f"cannot use {db_path}: cannot create its lock file {lock_path} ({error.strerror})"


class UnusableFile(Exception):
    """The warehouse file exists but DuckDB cannot open it (not a DuckDB file, damaged, newer format)."""


def duckdb_holder(db_path: Path) -> str | None:
    """DuckDB's lock error when another process has the file open (a run outside this script), else None."""
    if not db_path.exists():
        return None
    import duckdb  # noqa: PLC0415 (only needed once the OS lock is ours)

    try:
        connection = duckdb.connect(str(db_path))
    except duckdb.Error as error:
        message = str(error)
        if any(marker in message.lower() for marker in LOCK_MARKERS):
            return message
        raise UnusableFile(message.splitlines()[0] if message else type(error).__name__) from None
    connection.close()
    return None


def holder_name(message: str) -> str:
    """'PID 123 (/usr/bin/python3)' from DuckDB's lock error, or 'another process'."""
    match = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    return "another process" if match is None else f"PID {match.group(2)} ({match.group(1)})"


def acquire(fd: int, db_path: Path, wait_seconds: float) -> str | None:
    """Take the OS lock and check DuckDB's; None when the warehouse is ours, else who holds it."""
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        holder: str | None = None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            holder = "another run of this project"
        if holder is None:
            duckdb_error = duckdb_holder(db_path)
            if duckdb_error is None:
                if announced:
                    say(f"{db_path} is free now")
                return None
            fcntl.flock(fd, fcntl.LOCK_UN)
            holder = holder_name(duckdb_error)
        if time.monotonic() >= deadline:
            return holder
        if not announced:
            say(f"{db_path} is in use by {holder}; waiting up to {wait_seconds:g}s")
            announced = True
        time.sleep(POLL_SECONDS)


def busy_message(db_path: Path, holder: str, wait_seconds: float) -> str:
    waited = f" after waiting {wait_seconds:g}s" if wait_seconds > 0 else ""
    return (
        f"{db_path} is in use by {holder}{waited}: this run did not start and the file was not touched.\n"
        "[warehouse] Wait for the other run, set C360_LOCK_WAIT_SECONDS (e.g. 600) to wait for it, or point "
        "C360_DUCKDB_PATH at another file."
    )


def main(argv: list[str]) -> int:
    command: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to wait for the warehouse (default 0)")
    args = parser.parse_args(argv)
    db_path: Path = args.db_path.expanduser().absolute()

    problem = writable_problem(db_path)
    fd, lock_problem = (None, None) if problem else open_lock_file(db_path)
    if problem or lock_problem or fd is None:
        say(problem or lock_problem or f"cannot use {db_path}")
        return EXIT_CANNOT_WRITE
    try:
        holder = acquire(fd, db_path, max(args.wait, 0.0))
    except UnusableFile as error:
        say(f"cannot use {db_path}: {error} (move it away, or set C360_DUCKDB_PATH to another file)")
        return EXIT_CANNOT_WRITE
    if holder is not None:
        say(busy_message(db_path, holder, args.wait))
        return EXIT_LOCKED
    if not command:
        return 0
    os.set_inheritable(fd, True)  # the command and its children keep the lock until the last one exits
    try:
        os.execvp(command[0], command)
    except OSError as error:
        say(f"cannot run {command[0]}: {error.strerror}")
        return 127
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
