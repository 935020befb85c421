"""dbt's docs site, opened on customer_360's lineage in headless Chromium, shows customer_360's graph only.

The graph is drawn on a canvas, so the test reads what the graph view was asked to show (its selector
inputs) and checks with `dbt ls` that this selection is customer_360's upstream and downstream only; the
screenshot is kept in pytest's temporary directory for a person to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from c360_dbt import REPO_ROOT


def test_docs_lineage_opens_on_customer_360_only(default_build: Path, tmp_path: Path) -> None:
    subprocess.run([str(REPO_ROOT / "scripts" / "dashboard.sh"), "install-browser"], check=True, timeout=900)
    dbt = str(Path(sys.executable).parent / "dbt")
    env = {**os.environ, "C360_DUCKDB_PATH": str(tmp_path / "docs.duckdb"), "DBT_PROFILES_DIR": str(REPO_ROOT)}
    (tmp_path / "docs.duckdb").write_bytes(default_build.read_bytes())
    docs = tmp_path / "docs"
    subprocess.run([dbt, "docs", "generate", "--target-path", str(docs), "--quiet"], cwd=REPO_ROOT, env=env,
                   check=True, timeout=600)
    shot = tmp_path / "customer_360_lineage.png"
    result = subprocess.run(
        [str(REPO_ROOT / ".venv-dashboard" / "bin" / "python"), str(REPO_ROOT / "dashboard" / "docs_lineage_check.py"),
         "--docs", str(docs), "--model", "model.c360_warehouse.customer_360", "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    inputs = json.loads(result.stdout.strip().splitlines()[-1])["inputs"]
    assert "+customer_360+" in inputs, inputs
    assert shot.stat().st_size > 20_000
    listed = subprocess.run([dbt, "ls", "--select", "+customer_360+", "--resource-type", "model", "--output", "name",
                             "--quiet"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True)
    names = set(listed.stdout.split())
    assert "customer_360" in names and not any(name.startswith(("kpi_", "dq_", "fct_", "dim_")) for name in names)
