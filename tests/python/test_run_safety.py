"""Run safety: a build killed with SIGKILL is repaired by the next run; a second process that opens the
warehouse during a build gets a clear message and the build's result is intact.

Both tests run `dbt build` as a separate process (the real CLI), watch its output until it is halfway,
then act on it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from c360_dbt import (
    BUILD_ARGS, DB_FILE_NAME, NUM_CUSTOMERS, REPO_ROOT, checksum, describe_differences, failure_summary, run_dbt,
)

VARS = f'{{"num_customers": {NUM_CUSTOMERS}}}'
LOCK_SCRIPT = REPO_ROOT / "scripts" / "warehouse_lock.py"
EXIT_LOCKED = 75


def start_build(db_path: Path, work_dir: Path) -> subprocess.Popen[str]:
    env = os.environ | {
        "C360_DUCKDB_PATH": str(db_path),
        "C360_TEMP_DIRECTORY": str(work_dir / "duckdb_tmp"),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_TARGET": "dev",
    }
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.Popen(
        [str(dbt), *BUILD_ARGS, "--project-dir", str(REPO_ROOT), "--target-path", str(work_dir / "target"),
         "--log-path", str(work_dir / "logs"), "--vars", VARS],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def wait_for_models(build: subprocess.Popen[str], models_done: int, timeout: float = 300) -> list[str]:
    """Read the build's output until `models_done` models were created; the lines read so far."""
    assert build.stdout is not None
    lines: list[str] = []
    done = 0
    deadline = time.monotonic() + timeout
    while done < models_done:
        line = build.stdout.readline()
        assert line, "dbt build ended early:\n" + "".join(lines[-30:])
        assert time.monotonic() < deadline, "dbt build too slow"
        lines.append(line)
        if " OK created sql " in line:
            done += 1
    return lines


def customer_360_checksum(db_path: Path) -> str:
    return checksum(db_path, "marts.customer_360", order_by="customer_id")


def test_killed_build_is_repaired_by_the_next_run(default_build: Path, tmp_path: Path) -> None:
    db_path = tmp_path / DB_FILE_NAME
    build = start_build(db_path, tmp_path)
    try:
        wait_for_models(build, 40)  # of ~80: validation and staging done, marts under way
        os.kill(build.pid, signal.SIGKILL)
    finally:
        build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL

    # the killed run left a consistent (partial) warehouse: it opens, and customer_360 is not there yet
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert "customer_360" not in tables
    assert tables, "nothing was committed before the kill"

    # the next normal run repairs it: same result as a clean build
    result = run_dbt(BUILD_ARGS, db_path, tmp_path / "repair", {"num_customers": NUM_CUSTOMERS})
    assert result.success, failure_summary(result)
    assert customer_360_checksum(db_path) == customer_360_checksum(default_build), describe_differences(
        default_build, db_path, "marts.customer_360", "customer_id"
    )


def test_second_process_gets_a_clear_message(default_build: Path, tmp_path: Path) -> None:
    db_path = tmp_path / DB_FILE_NAME
    build = start_build(db_path, tmp_path)
    try:
        wait_for_models(build, 20)
        # fail fast: a clear message naming the build's process, no stack trace, exit 75
        probe = subprocess.run(
            [sys.executable, str(LOCK_SCRIPT), str(db_path), "--", "true"],
            capture_output=True, text=True, timeout=60,
        )
        assert probe.returncode == EXIT_LOCKED, probe.stderr
        assert f"is in use by PID {build.pid}" in probe.stderr
        assert "C360_LOCK_WAIT_SECONDS" in probe.stderr
        assert "Traceback" not in probe.stderr + probe.stdout

        # readers are refused by DuckDB itself while the build writes; nothing reaches the file
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(db_path), read_only=True)

        # or wait: the same check with a wait returns once the build is done, then runs the command
        waiter = subprocess.Popen(
            [sys.executable, str(LOCK_SCRIPT), "--wait", "600", str(db_path), "--", sys.executable, "-c",
             "print('warehouse free')"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        remaining, _ = build.communicate(timeout=600)
        waited_out, waited_err = waiter.communicate(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 0, remaining[-3000:]
    assert waiter.returncode == 0, waited_err
    assert "warehouse free" in waited_out
    assert "waiting up to 600s" in waited_err

    # the build that held the lock finished intact
    assert customer_360_checksum(db_path) == customer_360_checksum(default_build), describe_differences(
        default_build, db_path, "marts.customer_360", "customer_id"
    )


RUN_LOCAL = REPO_ROOT / "scripts" / "run-local.sh"
EXIT_CANNOT_WRITE = 73


def run_local_env(db_path: Path) -> dict[str, str]:
    return os.environ | {"C360_DUCKDB_PATH": str(db_path), "DBT_TARGET": "dev", "C360_LOCK_WAIT_SECONDS": "0"}


def test_simultaneous_runs_give_one_build_and_clear_refusals(tmp_path: Path) -> None:
    """Five run-local.sh at once: one builds, the others exit 75 with one message; no traceback anywhere."""
    db_path = tmp_path / DB_FILE_NAME
    runs = [
        subprocess.Popen(
            [str(RUN_LOCAL), "--vars", '{"num_customers": 50}', "--target-path", str(tmp_path / f"target_{i}"),
             "--log-path", str(tmp_path / f"logs_{i}")],
            cwd=tmp_path, env=run_local_env(db_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for i in range(5)
    ]
    outputs = [run.communicate(timeout=900)[0] for run in runs]
    codes = [run.returncode for run in runs]
    assert set(codes) <= {0, EXIT_LOCKED}, list(zip(codes, [output[-2000:] for output in outputs]))
    assert codes.count(0) >= 1, codes
    for code, output in zip(codes, outputs):
        assert "Traceback" not in output, output[-3000:]
        if code == EXIT_LOCKED:
            assert "is in use by another run of this project" in output, output
            assert "dbt" not in output.replace("[warehouse]", ""), output  # refused before any dbt command
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select count(*) from marts.customer_360").fetchone() == (50,)


@pytest.mark.parametrize("case", ["missing_directory", "not_a_duckdb_file", "immutable_file"])
def test_unusable_warehouse_path_gives_one_line(case: str, tmp_path: Path) -> None:
    db_path = tmp_path / "missing" / DB_FILE_NAME if case == "missing_directory" else tmp_path / DB_FILE_NAME
    expected = {
        "missing_directory": "does not exist",
        "not_a_duckdb_file": "not a valid DuckDB database file",
        "immutable_file": "the file is not writable",
    }[case]
    if case != "missing_directory":
        db_path.write_text("not a database\n")
    if case == "immutable_file":
        if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
            pytest.skip("this file system has no immutable attribute (chattr +i)")
    try:
        run = subprocess.run([str(RUN_LOCAL)], cwd=tmp_path, env=run_local_env(db_path), capture_output=True,
                             text=True, timeout=300)
    finally:
        if case == "immutable_file":
            subprocess.run(["chattr", "-i", str(db_path)], capture_output=True)
    lines = [line for line in (run.stdout + run.stderr).splitlines() if not line.startswith("[bootstrap]")]
    assert run.returncode == EXIT_CANNOT_WRITE, run.stdout + run.stderr
    assert len(lines) == 1 and expected in lines[0] and str(db_path) in lines[0], lines
