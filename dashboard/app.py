"""KPI dashboard: reads the KPI, data-quality and customer_360 marts, read-only, from the DuckDB warehouse.

Run with ./scripts/dashboard.sh. One page per view, chosen in the sidebar or with ?page=<name>.
"""

from __future__ import annotations

import os

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

PAGES = ["overview", "mrr", "retention", "channels", "segments", "data_quality", "customer"]
TITLES = {
    "overview": "DAU and revenue",
    "mrr": "MRR",
    "retention": "Weekly cohort retention",
    "channels": "CAC and LTV:CAC by channel",
    "segments": "Value segments",
    "data_quality": "Data quality",
    "customer": "Customer lookup",
}


@st.cache_resource
def connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(os.environ.get("C360_DUCKDB_PATH", "customer_360.duckdb"), read_only=True)


@st.cache_data
def query(sql: str, params: tuple[object, ...] = ()) -> pd.DataFrame:
    return connection().cursor().execute(sql, list(params)).df()


def overview() -> None:
    dau = query("select activity_date, daily_active_users from marts.kpi_daily_active_users order by 1")
    revenue = query(
        "select revenue_date, gross_revenue, discounts, refunds, net_revenue from marts.kpi_daily_revenue order by 1"
    )
    last = dau.iloc[-1]
    cols = st.columns(3)
    cols[0].metric(f"DAU on {last.activity_date:%Y-%m-%d}", f"{int(last.daily_active_users):,}")
    cols[1].metric("Gross revenue (window)", f"{revenue.gross_revenue.sum():,.2f}")
    cols[2].metric("Net revenue (window)", f"{revenue.net_revenue.sum():,.2f}")
    st.subheader("Daily active users")
    st.line_chart(dau, x="activity_date", y="daily_active_users")
    st.subheader("Revenue per week")
    by_day = revenue.set_index("revenue_date")
    weekly = by_day.resample("W-MON", label="left", closed="left").sum()
    days = by_day.resample("W-MON", label="left", closed="left").size()
    weekly = weekly[days == 7]  # whole weeks only: a partial first or last week would look like a drop
    st.line_chart(weekly[["gross_revenue", "discounts", "refunds", "net_revenue"]])


def mrr() -> None:
    daily = query("select mrr_date, mrr, new_mrr, churned_mrr from marts.kpi_daily_mrr order by 1")
    last = daily.iloc[-1]
    st.metric(f"MRR on {last.mrr_date:%Y-%m-%d}", f"{last.mrr:,.2f}")
    st.subheader("MRR per day")
    st.line_chart(daily, x="mrr_date", y="mrr")
    st.subheader("New and churned MRR per month")
    monthly = daily.set_index("mrr_date")[["new_mrr", "churned_mrr"]].resample("MS").sum()
    st.bar_chart(monthly, stack=False)


def retention() -> None:
    cells = query(
        "select cohort_week, weeks_since_signup, retention_rate from marts.kpi_weekly_cohort_retention"
        " where weeks_since_signup <= 26 order by 1, 2"
    )
    week_one = cells[cells.weeks_since_signup == 1].retention_rate.mean()
    st.metric("Average week-1 retention", f"{week_one:.1%}")
    heatmap = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=alt.X("weeks_since_signup:O", title="weeks since signup"),
            y=alt.Y("yearmonthdate(cohort_week):O", title="cohort week"),
            color=alt.Color("retention_rate:Q", scale=alt.Scale(scheme="blues"), title="retention"),
            tooltip=["cohort_week", "weeks_since_signup", alt.Tooltip("retention_rate:Q", format=".1%")],
        )
    )
    st.altair_chart(heatmap, use_container_width=True)


def channels() -> None:
    rows = query(
        "select channel_code, total_spend, customers_acquired, cac, avg_ltv, ltv_to_cac"
        " from marts.kpi_ltv_cac_by_channel order by channel_code"
    )
    paid = rows.dropna(subset=["ltv_to_cac"])
    best = paid.sort_values("ltv_to_cac", ascending=False).iloc[0]
    st.metric(f"Best LTV:CAC ({best.channel_code})", f"{best.ltv_to_cac:.2f}")
    st.subheader("CAC by channel")
    st.bar_chart(paid, x="channel_code", y="cac")
    st.subheader("LTV:CAC by channel")
    st.bar_chart(paid, x="channel_code", y="ltv_to_cac")
    st.dataframe(rows, hide_index=True)


def segments() -> None:
    rows = query(
        "select value_segment, customers, total_ltv, avg_ltv, share_of_customers, share_of_ltv"
        " from marts.kpi_value_segments order by value_segment"
    )
    st.metric("Customers", f"{int(rows.customers.sum()):,}")
    st.bar_chart(rows, x="value_segment", y="customers")
    st.dataframe(rows, hide_index=True)


def data_quality() -> None:
    rows = query(
        "select reason_code, count(*) as quarantined_rows"
        " from marts.dq_quarantine, unnest(string_split(reason_codes, '|')) as reasons(reason_code)"
        " group by reason_code order by reason_code"
    )
    total = query("select count(*) as n from marts.dq_quarantine").n.iloc[0]
    st.metric("Quarantined rows", f"{int(total):,}")
    if rows.empty:
        st.info("No quarantined rows.")
    else:
        st.bar_chart(rows, x="reason_code", y="quarantined_rows")
    st.dataframe(rows, hide_index=True)


def customer() -> None:
    default = query(
        "select cast(customer_id as varchar) as customer_id from marts.customer_360 order by 1 limit 1"
    ).customer_id.iloc[0]
    customer_id = st.text_input("Customer id", value=str(st.query_params.get("customer_id", default)))
    row = query("select * from marts.customer_360 where cast(customer_id as varchar) = ?", (customer_id,))
    if row.empty:
        st.warning(f"No customer {customer_id}.")
        return
    st.metric("Lifetime value", f"{row.ltv.iloc[0]:,.2f}")
    st.dataframe(row.T.rename(columns={0: customer_id}).astype(str), use_container_width=True)


def main() -> None:
    st.set_page_config(page_title="Customer 360 KPIs", layout="wide")
    requested = st.query_params.get("page", PAGES[0])
    page = st.sidebar.radio(
        "Page", PAGES, index=PAGES.index(requested) if requested in PAGES else 0, format_func=TITLES.get
    )
    st.query_params["page"] = page
    st.title(TITLES[page])
    globals()[page]()


main()
