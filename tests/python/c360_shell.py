"""Run the project's commands the way a user does: in a copy of the checkout, from a clean shell.

A copy holds every file git would commit (tracked, plus untracked files that are not ignored), with `.venv`
linked to the checkout's, so commands run exactly as a user types them (`./scripts/run-local.sh`,
`source .venv/bin/activate && dbt run`), with the default warehouse path `customer_360.duckdb` of the copy.
The environment is a clean login-like shell: PATH without any virtualenv, HOME in the test's directory, none
of the project's variables.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb

from c360_dbt import REPO_ROOT

ANSI_ESCAPE = re.compile(r"\x1b\[")
WAREHOUSE = "customer_360.duckdb"
# incremental models and snapshots: the relations that keep rows from earlier runs
STATEFUL_RELATIONS: tuple[str, ...] = (
    "marts.fct_events",
    "marts.fct_orders",
    "marts.kpi_daily_revenue",
    "marts.kpi_daily_active_users",
    "snapshots.snap_user_db__customers",
    "snapshots.snap_user_db__addresses",
    "snapshots.snap_billing__subscriptions",
    "snapshots.snap_customers__value_segments",
)


@dataclass(frozen=True)
class Shell:
    project: Path
    home: Path

    def env(self) -> dict[str, str]:
        path = [entry for entry in os.environ.get("PATH", "").split(os.pathsep)
                if entry and ".venv" not in entry]
        return {"PATH": os.pathsep.join(path), "HOME": str(self.home), "LANG": "C.UTF-8",
                "TMPDIR": str(self.home)}

    def run(self, script: str, extra_env: dict[str, str] | None = None,
            timeout: int = 900) -> subprocess.CompletedProcess[str]:
        """bash -eo pipefail -c script in the copy; stdout and stderr together, never a tty."""
        env = self.env() | (extra_env or {})
        return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=self.project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, check=False)

    def ok(self, script: str, extra_env: dict[str, str] | None = None) -> str:
        """Run, and fail the test unless it exits 0 with plain output and no Python traceback."""
        result = self.run(script, extra_env)
        tail = "\n".join(result.stdout.splitlines()[-40:])
        assert result.returncode == 0, f"`{script}` exited {result.returncode}:\n{tail}"
        assert "Traceback (most recent call last)" not in result.stdout, f"`{script}` printed a traceback:\n{tail}"
        assert not ANSI_ESCAPE.search(result.stdout), f"`{script}` printed colour escape codes"
        return result.stdout

    @property
    def warehouse(self) -> Path:
        return self.project / WAREHOUSE


def project_copy(root: Path) -> Shell:
    """A fresh copy of the checkout under root (project/ and home/)."""
    project, home = root / "project", root / "home"
    home.mkdir(parents=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO_ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file() and not source.is_symlink():
            target = project / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for venv in (".venv", ".venv-dashboard", ".venv-tools", ".venv-airflow"):
        if (REPO_ROOT / venv).is_dir():
            (project / venv).symlink_to(REPO_ROOT / venv)
    return Shell(project, home)


def relation_digest(db_path: Path, relation: str) -> str:
    """sha256 of a relation's rows in a fixed order; dbt's own snapshot bookkeeping columns are left out
    where they carry the build's clock (dbt_updated_at, and the validity of check-strategy snapshots)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        names = [row[0] for row in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
            "order by ordinal_position", relation.split(".")).fetchall()]
        clock = {"dbt_updated_at", "dbt_scd_id"}
        if relation.endswith("value_segments"):
            clock |= {"dbt_valid_from", "dbt_valid_to"}
        kept = [name for name in names if name not in clock]
        if not kept:
            return "missing"
        columns = ", ".join(f'"{name}"' for name in kept)
        rows = con.execute(f"select {columns} from {relation} order by all").fetchall()
    return hashlib.sha256(repr((kept, rows)).encode("utf-8")).hexdigest()


def stateful_digests(db_path: Path) -> dict[str, str]:
    """customer_360 and every incremental model and snapshot (\"missing\" when not built)."""
    return {relation: relation_digest(db_path, relation) for relation in ("marts.customer_360", *STATEFUL_RELATIONS)}
