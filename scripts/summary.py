"""Print a short summary of the local DuckDB warehouse (read-only).

Usage: .venv/bin/python scripts/summary.py [path/to/warehouse.duckdb]

The path defaults to $C360_DUCKDB_PATH, else customer_360.duckdb in the project root (as profiles.yml).
Written defensively: a missing schema, table or column prints a note instead of failing.
"""

from __future__ import annotations

import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COUNT_SCHEMAS = ("raw", "marts")
CUSTOMER_360_COLUMNS = (
    "customer_id",
    "full_name",
    "country_code",
    "total_orders",
    "lifetime_net_revenue",
    "ltv",
    "value_segment",
    "activity_status",
)

Rows = list[tuple[Any, ...]]


def warehouse_path(argv: Sequence[str]) -> Path:
    raw = argv[1] if len(argv) > 1 else os.environ.get("C360_DUCKDB_PATH") or "customer_360.duckdb"
    path = Path(raw).expanduser()
    # dbt runs from the project root, so a relative path in profiles.yml is relative to it.
    return path if path.is_absolute() else PROJECT_ROOT / path


def fmt(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (float, Decimal)):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def print_table(headers: Sequence[str], rows: Rows, indent: str = "  ") -> None:
    cells = [[fmt(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return indent + "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    print(line(headers))
    print(line(["-" * w for w in widths]))
    for r in cells:
        print(line(r))


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class Warehouse:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.catalog: str = con.execute("select current_database()").fetchall()[0][0]

    def query(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self.con.execute(sql, list(params)).fetchall()

    def tables(self, schema: str, prefix: str = "") -> list[str]:
        rows = self.query(
            "select table_name from information_schema.tables"
            " where table_catalog = ? and table_schema = ? and table_name like ?"
            " order by table_name",
            [self.catalog, schema, prefix + "%"],
        )
        return [r[0] for r in rows]

    def columns(self, schema: str, table: str) -> list[str]:
        rows = self.query(
            "select column_name from information_schema.columns"
            " where table_catalog = ? and table_schema = ? and table_name = ?"
            " order by ordinal_position",
            [self.catalog, schema, table],
        )
        return [r[0] for r in rows]

    def relation(self, schema: str, table: str) -> str:
        return f"{quote(schema)}.{quote(table)}"


def section(title: str) -> None:
    print(f"\n--- {title}")


def row_counts(wh: Warehouse) -> None:
    for schema in COUNT_SCHEMAS:
        section(f"row counts: schema {schema}")
        tables = wh.tables(schema)
        if not tables:
            print(f"  (no tables in schema {schema})")
            continue
        rows: Rows = []
        for table in tables:
            count = wh.query(f"select count(*) from {wh.relation(schema, table)}")[0][0]
            rows.append((table, count))
        print_table(("table", "rows"), rows)


def customer_sample(wh: Warehouse) -> None:
    section("marts.customer_360: 5 rows")
    available = wh.columns("marts", "customer_360")
    if not available:
        print("  (marts.customer_360 does not exist yet)")
        return
    cols = [c for c in CUSTOMER_360_COLUMNS if c in available]
    missing = [c for c in CUSTOMER_360_COLUMNS if c not in available]
    if missing:
        print(f"  note: columns not in marts.customer_360: {', '.join(missing)}")
    if not cols:
        return
    select_list = ", ".join(quote(c) for c in cols)
    order = " order by customer_id" if "customer_id" in cols else ""
    rows = wh.query(f"select {select_list} from {wh.relation('marts', 'customer_360')}{order} limit 5")
    print_table(cols, rows)


# (table, title, required columns, query over {t}); each prints as one small table.
KPIS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "kpi_daily_revenue",
        "revenue over the whole window",
        ("gross_revenue", "discounts", "refunds", "net_revenue"),
        "select sum(gross_revenue) as gross_revenue, sum(discounts) as discounts,"
        " sum(refunds) as refunds, sum(net_revenue) as net_revenue from {t}",
    ),
    (
        "kpi_daily_mrr",
        "latest MRR",
        ("mrr_date", "mrr", "active_subscriptions"),
        "select mrr_date, mrr, active_subscriptions from {t} order by mrr_date desc limit 1",
    ),
    (
        "kpi_daily_active_users",
        "daily active users",
        ("activity_date", "daily_active_users"),
        "select avg(daily_active_users) as avg_dau, max(daily_active_users) as max_dau,"
        " count(*) as days from {t}",
    ),
    (
        "kpi_ltv_cac_by_channel",
        "LTV:CAC by channel",
        ("channel_code", "customers_acquired", "cac", "avg_ltv", "ltv_to_cac"),
        "select channel_code, customers_acquired, cac, avg_ltv, ltv_to_cac from {t} order by channel_code",
    ),
    (
        "kpi_value_segments",
        "value segments",
        ("value_segment", "customers", "total_ltv"),
        "select value_segment, customers, total_ltv from {t} order by value_segment",
    ),
)


def headline_kpis(wh: Warehouse) -> None:
    existing = set(wh.tables("marts", "kpi_"))
    for table, title, required, sql in KPIS:
        section(f"KPI: {title} (marts.{table})")
        if table not in existing:
            print(f"  (marts.{table} does not exist yet)")
            continue
        missing = [c for c in required if c not in wh.columns("marts", table)]
        if missing:
            print(f"  note: marts.{table} lacks column(s) {', '.join(missing)}; skipped")
            continue
        result = wh.con.execute(sql.format(t=wh.relation("marts", table)))
        headers = [d[0] for d in result.description or ()]
        print_table(headers, result.fetchall())
    others = sorted(existing - {k[0] for k in KPIS})
    if others:
        print(f"\n  other KPI tables (see row counts above): {', '.join(others)}")


def how_to_query(path: Path) -> None:
    section("query the warehouse")
    in_root = Path.cwd().resolve() == PROJECT_ROOT
    shown = path.relative_to(PROJECT_ROOT) if in_root and path.is_relative_to(PROJECT_ROOT) else path
    python = ".venv/bin/python" if in_root else PROJECT_ROOT / ".venv" / "bin" / "python"
    print(f"  file: {path}")
    print("  python (read-only; works while nothing is writing to the file):")
    print(
        f'    {python} -c "import duckdb; con = duckdb.connect(\'{shown}\', read_only=True);'
        " print(con.execute('select * from marts.customer_360 limit 5').fetchall())\""
    )
    if shutil.which("duckdb"):
        print(f"  duckdb CLI: duckdb -readonly {shown}")


def main(argv: Sequence[str]) -> int:
    path = warehouse_path(argv)
    print(f"Warehouse summary: {path}")
    if not path.exists():
        print(f"  error: {path} does not exist; build it with ./scripts/run-local.sh")
        return 1
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        print(f"  error: cannot open {path} read-only ({exc}); is a dbt run still writing to it?")
        return 1
    try:
        wh = Warehouse(con)
        for step in (row_counts, customer_sample, headline_kpis):
            try:
                step(wh)
            except duckdb.Error as exc:
                print(f"  note: {step.__name__} failed: {exc}")
    finally:
        con.close()
    how_to_query(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
