"""History and incremental processing (issue 4).

One DuckDB file receives generator batches 1, 2 and 3 in turn (`dbt build` of seeds, models and snapshots,
incremental models running incrementally from batch 2 on). A copy of the batch-3 file is then rebuilt with
--full-refresh: every incremental model must hold exactly the same rows. Re-running batch 3 must change
nothing, and the snapshots must show each e-mail change as a new, contiguous version.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from c360_dbt import DB_FILE_NAME, NUM_CUSTOMERS, checksum, describe_differences, failure_summary, fetch_all, run_dbt

INCREMENTAL_MODELS: dict[str, str] = {
    "marts.fct_events": "event_id",
    "marts.fct_orders": "order_id",
    "marts.kpi_daily_active_users": "activity_date",
    "marts.kpi_daily_revenue": "revenue_date",
}
HISTORY_RELATIONS: tuple[str, ...] = (
    "snapshots.snap_user_db__customers",
    "snapshots.snap_user_db__addresses",
    "snapshots.snap_billing__subscriptions",
    "snapshots.snap_customers__value_segments",
    "marts.dim_customers_history",
)
# everything the incremental models, the snapshots and dim_customers_history need, nothing else
SELECTION: tuple[str, ...] = (
    "--select",
    "+fct_events", "+fct_orders", "+kpi_daily_active_users", "+kpi_daily_revenue", "+dim_customers_history",
    "+snap_customers__value_segments", "+snap_user_db__addresses", "+snap_billing__subscriptions",
)
BUILD: tuple[str, ...] = (
    "build", "--resource-type", "seed", "--resource-type", "model", "--resource-type", "snapshot", *SELECTION,
)


def batch_vars(batch: int) -> dict[str, Any]:
    return {"num_customers": NUM_CUSTOMERS, "generator_batch": batch}


def build(db_path: Path, work_dir: Path, batch: int, extra: Sequence[str] = ()) -> None:
    result = run_dbt([*BUILD, *extra], db_path, work_dir, batch_vars(batch))
    assert result.success, f"dbt build batch {batch} {' '.join(extra)} failed:\n{failure_summary(result)}"


def target_sql(work_dir: Path, kind: str, model_path: str) -> str:
    """The SQL dbt wrote for a model: kind `compiled` (the select) or `run` (the statements it ran)."""
    return (work_dir / "target" / kind / "c360_warehouse" / "models" / model_path).read_text(encoding="utf-8")


def checksums(db_path: Path, relations: Sequence[str]) -> dict[str, str]:
    return {relation: checksum(db_path, relation) for relation in relations}


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Batch 1 built from scratch, then batches 2 and 3 incrementally; a full refresh of batch 3 next to it."""
    root = tmp_path_factory.mktemp("incremental")
    db_path = root / DB_FILE_NAME
    paths: dict[str, Path] = {}
    for batch in (1, 2, 3):
        work_dir = root / f"batch_{batch}"
        build(db_path, work_dir, batch)
        if batch > 1:
            # the incremental branch really ran: a delete+insert limited to the changed keys
            assert "delete from" in target_sql(work_dir, "run", "marts/core/fct_events.sql")
            assert "where event_id >= " in target_sql(work_dir, "compiled", "marts/core/fct_events.sql")
        copy = root / f"after_batch_{batch}.duckdb"
        shutil.copyfile(db_path, copy)
        paths[f"batch_{batch}"] = copy
    rerun_dir = root / "batch_3_again"
    build(db_path, rerun_dir, 3)
    paths["batch_3_again"] = db_path
    full_db = root / "full_refresh.duckdb"
    shutil.copyfile(paths["batch_3"], full_db)
    build(full_db, root / "full_refresh", 3, ("--full-refresh",))
    paths["full_refresh"] = full_db
    return paths


def test_batches_add_data(batches: dict[str, Path]) -> None:
    counts = [
        fetch_all(batches[f"batch_{batch}"], "select count(*), max(occurred_on) from marts.fct_events")[0]
        for batch in (1, 2, 3)
    ]
    assert counts[0][0] < counts[1][0] < counts[2][0]
    assert [str(day) for _, day in counts] == ["2025-12-31", "2026-01-01", "2026-01-02"]
    # late-arriving events of batch 3: loaded on 2026-01-02, occurred a day or two before
    late = fetch_all(
        batches["batch_3"],
        "select count(*) from marts.fct_events where cast(loaded_at as date) = date '2026-01-02'"
        " and occurred_on < date '2026-01-02' and occurred_at < loaded_at - interval 1 day",
    )[0][0]
    assert late > 0


def test_incremental_equals_full_refresh(batches: dict[str, Path]) -> None:
    for relation, key in INCREMENTAL_MODELS.items():
        assert checksum(batches["batch_3"], relation) == checksum(batches["full_refresh"], relation), (
            describe_differences(batches["batch_3"], batches["full_refresh"], relation, key)
        )


def test_rerunning_a_batch_changes_nothing(batches: dict[str, Path]) -> None:
    relations = [*INCREMENTAL_MODELS, *HISTORY_RELATIONS]
    assert checksums(batches["batch_3_again"], relations) == checksums(batches["batch_3"], relations)


def test_email_changed_twice_has_three_contiguous_versions(batches: dict[str, Path]) -> None:
    db_path = batches["batch_3"]
    # customers whose e-mail changed in batches 2 and 3 (generator: 2% of base customers)
    changed = fetch_all(
        db_path,
        "select customer_id from marts.dim_customers_history group by customer_id"
        " having count(distinct email) = 3 order by customer_id",
    )
    assert changed, "the generator should change some e-mails twice by batch 3"
    for (customer_id,) in changed:
        versions = fetch_all(
            db_path,
            "select version_number, email, valid_from, valid_to, is_current from marts.dim_customers_history"
            " where customer_id = ? order by valid_from",
            [customer_id],
        )
        assert [row[0] for row in versions] == [1, 2, 3]
        assert versions[1][1].endswith(".v2@" + versions[1][1].split("@")[1])
        # contiguous and non-overlapping: each version ends where the next begins; only the last is open
        assert versions[0][3] == versions[1][2] and versions[1][3] == versions[2][2]
        assert all(row[2] < row[3] for row in versions[:2])
        assert versions[2][3] is None
        assert [row[4] for row in versions] == [False, False, True]


def test_unchanged_customer_has_one_version(batches: dict[str, Path]) -> None:
    db_path = batches["batch_3"]
    unchanged = fetch_all(
        db_path,
        "select history.customer_id, count(*), min(history.valid_from) = min(history.signup_at),"
        " bool_and(history.is_current), min(history.email) = min(staged.email)"
        " from marts.dim_customers_history as history"
        " inner join staging.stg_user_db__customers as staged on history.customer_id = staged.customer_id"
        " where history.customer_id = 1 group by history.customer_id",
    )
    assert unchanged == [(1, 1, True, True, True)]
    per_customer = fetch_all(
        db_path,
        "select count(*) from (select customer_id, count(*) filter (where is_current) as current_versions"
        " from marts.dim_customers_history group by customer_id) as counted where current_versions <> 1",
    )
    assert per_customer == [(0,)]
    # versions never overlap for any customer
    overlaps = fetch_all(
        db_path,
        "select count(*) from marts.dim_customers_history as a inner join marts.dim_customers_history as b"
        " on a.customer_id = b.customer_id and a.valid_from < b.valid_from"
        " and (a.valid_to is null or a.valid_to > b.valid_from)",
    )
    assert overlaps == [(0,)]
