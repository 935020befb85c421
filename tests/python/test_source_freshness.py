"""`dbt source freshness` works on DuckDB in sources mode and applies the configured thresholds."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
from c360_dbt import DB_FILE_NAME, NUM_CUSTOMERS, RAW_TABLES, fetch_all, run_dbt

# (warn, error) thresholds in hours, per raw table; sources.yml: 24 h / 72 h unless overridden
THRESHOLDS_HOURS: dict[str, tuple[int, int]] = {
    table: (24, 72) for table in RAW_TABLES
} | {"commerce__products": (7 * 24, 30 * 24), "marketing__spend": (30, 72)}
FRESH_TABLE = "commerce__orders"


def expected_status(max_loaded_at: dt.datetime, now: dt.datetime, table: str) -> str:
    warn_hours, error_hours = THRESHOLDS_HOURS[table]
    age_hours = (now - max_loaded_at).total_seconds() / 3600
    if age_hours > error_hours:
        return "error"
    if age_hours > warn_hours:
        return "warn"
    return "pass"


def test_source_freshness_on_duckdb(default_build: Path, tmp_path: Path) -> None:
    db_path = tmp_path / DB_FILE_NAME
    shutil.copyfile(default_build, db_path)
    # a loader delivers one order now: that table is fresh, the others keep their synthetic load times
    with duckdb.connect(str(db_path)) as con:
        con.execute(
            f"insert into raw.{FRESH_TABLE} select * replace (order_id + 1000000 as order_id, "
            "cast(now() at time zone 'UTC' as timestamp) as _loaded_at) "
            f"from raw.{FRESH_TABLE} order by order_id limit 1"
        )
    result = run_dbt(
        ["source", "freshness"], db_path, tmp_path, {"source_data": "sources", "num_customers": NUM_CUSTOMERS}
    )
    assert result.exception is None, result.exception
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    results = json.loads((tmp_path / "target" / "sources.json").read_text(encoding="utf-8"))["results"]
    by_table = {row["unique_id"].split(".", 2)[2].replace(".", "__"): row for row in results}
    assert sorted(by_table) == sorted(RAW_TABLES)
    for table, row in by_table.items():
        (max_loaded_at,) = fetch_all(db_path, f"select max(_loaded_at) from raw.{table}")[0]
        reported = dt.datetime.fromisoformat(row["max_loaded_at"]).replace(tzinfo=None)
        assert abs((reported - max_loaded_at).total_seconds()) < 1, table
        assert row["status"] == expected_status(max_loaded_at, now, table), table
    assert by_table[FRESH_TABLE]["status"] == "pass"

    # the thresholds above are the ones configured on the sources
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    for node in manifest["sources"].values():
        table = f"{node['source_name']}__{node['name']}"
        hours = {"hour": 1, "day": 24}
        freshness = node["freshness"]
        configured = tuple(
            freshness[level]["count"] * hours[freshness[level]["period"]] for level in ("warn_after", "error_after")
        )
        assert node["loaded_at_field"] == "_loaded_at", table
        assert configured == THRESHOLDS_HOURS[table], table
