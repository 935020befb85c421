"""The command sequences dbt users type, from a clean shell, on fresh and on used warehouses.

After every sequence, customer_360 and every incremental model and snapshot must equal (checksum) a fresh
build with the same final vars: a warehouse built earlier with other vars must not leak into the result.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from c360_dbt import REPO_ROOT, project_vars
from c360_shell import Shell, project_copy, stateful_digests

DBT = "source .venv/bin/activate && "


def vars_arg(num_customers: int) -> str:
    return "--vars '" + json.dumps({"num_customers": num_customers}) + "'"


def assert_same_as_fresh(used: Shell, fresh: Shell) -> None:
    used_digests, fresh_digests = stateful_digests(used.warehouse), stateful_digests(fresh.warehouse)
    differing = [name for name in used_digests if used_digests[name] != fresh_digests[name]]
    assert not differing, f"differ from a fresh build with the same vars: {differing}"


def test_seed_run_test_on_a_fresh_warehouse_then_run_with_other_vars(tmp_path: Path) -> None:
    used = project_copy(tmp_path / "used")
    used.ok(DBT + "dbt seed && dbt run && dbt test")
    # the load-test command of the reference projects, then the tests, on the same (used) warehouse
    used.ok(DBT + f"dbt run {vars_arg(5)} && dbt test")
    fresh = project_copy(tmp_path / "fresh")
    fresh.ok(DBT + f"dbt seed && dbt run {vars_arg(5)}")
    assert_same_as_fresh(used, fresh)


def test_resizing_down_and_up_with_build(tmp_path: Path) -> None:
    used = project_copy(tmp_path / "used")
    used.ok(f"./scripts/run-local.sh {vars_arg(300)}")
    used.ok(f"./scripts/run-local.sh {vars_arg(150)}")
    used.ok(DBT + f"dbt build {vars_arg(400)}")
    fresh = project_copy(tmp_path / "fresh")
    fresh.ok(DBT + f"dbt seed && dbt build {vars_arg(400)}")
    assert_same_as_fresh(used, fresh)
    # the same vars again: nothing is dropped, the incremental models run incrementally
    again = used.ok(DBT + f"dbt build {vars_arg(400)}")
    assert "Dropping" not in again
    assert_same_as_fresh(used, fresh)


def test_upstream_selector_selects_only_customer_360s_upstream(tmp_path: Path) -> None:
    shell = project_copy(tmp_path / "ls")
    listed = shell.ok(DBT + "dbt ls --select +customer_360 --resource-type model --output name --quiet")
    names = set(listed.split())
    assert "customer_360" in names and "int_customers__value_segmented" in names
    downstream_or_unrelated = {name for name in names if name.startswith(("kpi_", "dq_", "fct_", "dim_"))}
    assert not downstream_or_unrelated and "customer_360_shareable" not in names, sorted(names)


def test_repeated_commands_keep_partial_parsing(tmp_path: Path) -> None:
    shell = project_copy(tmp_path / "parse")
    shell.ok(DBT + f"dbt ls {vars_arg(300)} --resource-type model --output name")
    second = shell.ok(DBT + f"dbt parse {vars_arg(300)}")  # the same project, target and vars
    assert "Unable to do partial parsing" not in second and "full parse" not in second, second[-2000:]
    perf = json.loads((shell.project / "target" / "perf_info.json").read_text())
    assert perf["is_partial_parse_enabled"] and perf["load_all_elapsed"] < 10, perf["load_all_elapsed"]


def test_missing_bigquery_credentials_give_one_line(tmp_path: Path) -> None:
    shell = project_copy(tmp_path / "bq")
    for command in ("dbt run --target bigquery", "dbt build --target bigquery", "dbt debug --target bigquery",
                    "DBT_TARGET=bigquery dbt run"):
        result = shell.run(DBT + command)
        assert result.returncode != 0, command
        assert "Traceback" not in result.stdout, f"{command}:\n{result.stdout}"
        naming = [line for line in result.stdout.splitlines() if "C360_BQ_KEYFILE" in line]
        assert len(naming) == 1, f"{command}:\n{result.stdout}"
    result = shell.run("./scripts/run-local.sh --target bigquery")
    assert result.returncode != 0 and "Traceback" not in result.stdout
    assert [line for line in result.stdout.splitlines() if "C360_BQ_KEYFILE" in line], result.stdout[-2000:]
    with_project = shell.run(DBT + "dbt debug --target bigquery", {"C360_BQ_KEYFILE": "/nonexistent/key.json",
                                                                   "C360_BQ_PROJECT": "p"})
    assert with_project.returncode != 0 and "Traceback" not in with_project.stdout


def test_every_project_var_says_whether_it_changes_the_dataset() -> None:
    """A var missing from both lists would change the data without starting the incremental models over."""
    macro = (REPO_ROOT / "macros" / "utils" / "dataset_state.sql").read_text()

    def listed(name: str) -> set[str]:
        body = macro.split(f"macro {name}()", 1)[1].split("endmacro", 1)[0]
        return set(re.findall(r"'([a-z_0-9]+)'", body))

    dataset, safe = listed("c360_dataset_vars"), listed("c360_incremental_safe_vars")
    assert not dataset & safe
    unclassified = set(project_vars()) - dataset - safe
    assert not unclassified, f"add to c360_dataset_vars() or c360_incremental_safe_vars(): {sorted(unclassified)}"
