"""Monthly curves of the synthetic business, read from a built DuckDB file, and a before/after plot.

    generator_curves.py measure <duckdb file> <out.csv>    monthly orders, MRR, DAU rate, active customers
    generator_curves.py plot <before.csv> <after.csv> <out.png>

"Active customers" of a month are the customers with at least one event or order in it. MRR is the value
on the month's last day; the DAU rate is the month's mean of kpi_daily_active_users.dau_rate.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import duckdb

MONTHLY_SQL = """
with
orders as (
    select date_trunc('month', ordered_on) as month, count(*) as orders
    from marts.fct_orders group by 1
),
activity as (
    select customer_id, date_trunc('month', occurred_on) as month from marts.fct_events
    union
    select customer_id, date_trunc('month', ordered_on) as month from marts.fct_orders
),
active as (
    select month, count(distinct customer_id) as active_customers from activity group by 1
),
mrr as (
    select date_trunc('month', mrr_date) as month, arg_max(mrr, mrr_date) as mrr
    from marts.kpi_daily_mrr group by 1
),
dau as (
    select date_trunc('month', activity_date) as month, avg(dau_rate) as dau_rate
    from marts.kpi_daily_active_users group by 1
)
select
    strftime(mrr.month, '%Y-%m') as month,
    coalesce(orders.orders, 0) as orders,
    round(mrr.mrr, 2) as mrr,
    round(dau.dau_rate, 5) as dau_rate,
    coalesce(active.active_customers, 0) as active_customers
from mrr
left join orders on mrr.month = orders.month
left join dau on mrr.month = dau.month
left join active on mrr.month = active.month
order by 1
"""

COLUMNS: tuple[str, ...] = ("month", "orders", "mrr", "dau_rate", "active_customers")


def measure(db_path: Path, out_csv: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = connection.execute(MONTHLY_SQL).fetchall()
    with out_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return rows


def read_curves(path: Path) -> dict[str, list[float]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {column: [row[column] if column == "month" else float(row[column]) for row in rows] for column in COLUMNS}


def plot(before_csv: Path, after_csv: Path, out_png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before, after = read_curves(before_csv), read_curves(after_csv)
    panels = (
        ("orders", "orders per month"),
        ("mrr", "MRR at month end"),
        ("dau_rate", "mean DAU rate (DAU / signed-up customers)"),
        ("orders_per_active", "orders per active customer"),
    )
    for curves in (before, after):
        curves["orders_per_active"] = [
            orders / active if active else 0.0 for orders, active in zip(curves["orders"], curves["active_customers"])
        ]
    figure, axes = plt.subplots(2, 2, figsize=(12, 7), sharex=True)
    for axis, (column, title) in zip(axes.flat, panels):
        axis.plot(before["month"], before[column], marker=".", label="before")
        axis.plot(after["month"], after[column], marker=".", label="after")
        axis.set_title(title)
        axis.grid(alpha=0.3)
        axis.tick_params(axis="x", labelrotation=90, labelsize=7)
    axes.flat[0].legend()
    figure.suptitle("Synthetic business at 3000 customers, default vars: before and after the lifetime model")
    figure.tight_layout()
    figure.savefig(out_png, dpi=90)


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "measure":
        for row in measure(Path(argv[2]), Path(argv[3])):
            print(*row, sep="\t")
        return 0
    if len(argv) == 5 and argv[1] == "plot":
        plot(Path(argv[2]), Path(argv[3]), Path(argv[4]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
