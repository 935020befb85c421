"""Session-scoped dbt builds shared by the Python tests (helpers live in c360_dbt.py).

Each distinct build runs once per session, in-process through dbtRunner, into its own DuckDB file under
pytest's temporary directory.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from c360_dbt import BUILD_ARGS, DB_FILE_NAME, NUM_CUSTOMERS, Builder, failure_summary, run_dbt


@pytest.fixture(scope="session", autouse=True)
def dbt_environment() -> Iterator[None]:
    """Environment for every dbt invocation; restored when the session ends."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DO_NOT_TRACK", "1")
        patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        patch.setenv("DBT_TARGET", "dev")
        patch.setenv("C360_THREADS", "2")
        # run_dbt points these at each build's own files; registering them here restores them afterwards
        patch.setenv("C360_DUCKDB_PATH", "")
        patch.setenv("C360_TEMP_DIRECTORY", "")
        yield


@pytest.fixture(scope="session")
def dbt_build(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """build(name, variables, args=BUILD_ARGS, copy_from=None) -> DuckDB path; each name builds once.

    copy_from starts the build from a copy of another build's DuckDB file.
    """
    cache: dict[str, Path] = {}

    def build(
        name: str,
        variables: dict[str, Any],
        args: Sequence[str] = BUILD_ARGS,
        copy_from: Path | None = None,
    ) -> Path:
        if name not in cache:
            work_dir = tmp_path_factory.mktemp(name)
            db_path = work_dir / DB_FILE_NAME
            if copy_from is not None:
                shutil.copyfile(copy_from, db_path)
            result = run_dbt(args, db_path, work_dir, variables)
            assert result.success, f"dbt {' '.join(args)} ({name}) failed:\n{failure_summary(result)}"
            cache[name] = db_path
        return cache[name]

    return build


@pytest.fixture(scope="session")
def default_build(dbt_build: Builder) -> Path:
    """Synthetic build with the project defaults except num_customers."""
    return dbt_build("default", {"num_customers": NUM_CUSTOMERS})
