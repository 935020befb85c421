"""The KPI dashboard in headless Chromium: every page renders its charts and shows the marts' figures.

Runs dashboard/browser_check.py in the dashboard's venv (scripts/dashboard.sh install-browser creates it
and installs Debian's chromium when missing); screenshots go to pytest's temporary directory.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from c360_dbt import REPO_ROOT, fetch_all


@pytest.fixture(scope="module")
def dashboard_report(default_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    subprocess.run([str(REPO_ROOT / "scripts" / "dashboard.sh"), "install-browser"], check=True, timeout=900)
    shots = tmp_path_factory.mktemp("dashboard_screenshots")
    result = subprocess.run(
        [str(REPO_ROOT / ".venv-dashboard" / "bin" / "python"), str(REPO_ROOT / "dashboard" / "browser_check.py"),
         "--db", str(default_build), "--screenshots", str(shots)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"browser check failed:\n{result.stdout}\n{result.stderr}"
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    report["screenshots"] = str(shots)
    print(json.dumps(report))
    return report


def page(report: dict[str, object], name: str) -> dict[str, object]:
    pages = report["pages"]
    assert isinstance(pages, dict) and name in pages, f"page {name} not opened"
    return pages[name]  # type: ignore[no-any-return]


def test_every_page_renders_without_errors(dashboard_report: dict[str, object]) -> None:
    pages = dashboard_report["pages"]
    assert isinstance(pages, dict)
    assert set(pages) == {"overview", "mrr", "retention", "channels", "segments", "data_quality", "customer"}
    for name, shown in pages.items():
        assert shown["exceptions"] == 0, f"page {name} shows an exception"
        assert shown["metrics"], f"page {name} shows no figure"
    assert all(Path(dashboard_report["screenshots"], f"{name}.png").stat().st_size > 10_000 for name in pages)


def test_figures_equal_the_marts(dashboard_report: dict[str, object], default_build: Path) -> None:
    ((last_day, dau),) = fetch_all(
        default_build,
        "select activity_date, daily_active_users from marts.kpi_daily_active_users order by 1 desc limit 1",
    )
    assert page(dashboard_report, "overview")["metrics"][f"DAU on {last_day:%Y-%m-%d}"] == f"{dau:,}"
    ((gross,),) = fetch_all(default_build, "select sum(gross_revenue) from marts.kpi_daily_revenue")
    assert page(dashboard_report, "overview")["metrics"]["Gross revenue (window)"] == f"{float(gross):,.2f}"
    ((mrr_day, mrr),) = fetch_all(default_build, "select mrr_date, mrr from marts.kpi_daily_mrr order by 1 desc limit 1")
    assert page(dashboard_report, "mrr")["metrics"][f"MRR on {mrr_day:%Y-%m-%d}"] == f"{float(mrr):,.2f}"
    ((customers,),) = fetch_all(default_build, "select sum(customers) from marts.kpi_value_segments")
    assert page(dashboard_report, "segments")["metrics"]["Customers"] == f"{customers:,}"
    ((quarantined,),) = fetch_all(default_build, "select count(*) from marts.dq_quarantine")
    assert page(dashboard_report, "data_quality")["metrics"]["Quarantined rows"] == f"{quarantined:,}"
    ((ltv,),) = fetch_all(
        default_build, "select ltv from marts.customer_360 order by cast(customer_id as varchar) limit 1"
    )
    assert page(dashboard_report, "customer")["metrics"]["Lifetime value"] == f"{float(ltv):,.2f}"
