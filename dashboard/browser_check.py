"""Open every dashboard page in headless Chromium; print each page's figures as JSON.

    .venv-dashboard/bin/python dashboard/browser_check.py --db WAREHOUSE.duckdb --screenshots DIR

Starts the dashboard (streamlit) on a free loopback port, waits for its health check, opens every page,
waits until its charts rendered, saves a full-page screenshot per page and prints {page: {label: value}}
(the st.metric figures) plus the seconds each page took. The server is stopped on every exit path.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# the charts each page must render (Vega-Lite charts are drawn by streamlit's own bundled vega-embed)
CHARTS = {"overview": 2, "mrr": 2, "retention": 1, "channels": 2, "segments": 1, "data_quality": 0, "customer": 0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the dashboard exited during start-up (code {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} after {timeout}s")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "C360_DUCKDB_PATH": args.db, "C360_DASHBOARD_PORT": str(port)}
    started = time.monotonic()
    server = subprocess.Popen(
        [str(ROOT / "scripts" / "dashboard.sh")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    report: dict[str, object] = {"port": port, "pages": {}}
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", server, 120)
        report["start_seconds"] = round(time.monotonic() - started, 2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, charts in CHARTS.items():
                opened = time.monotonic()
                page.goto(f"http://127.0.0.1:{port}/?page={name}")
                page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
                if charts:
                    page.wait_for_function(
                        f"document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas,"
                        f" [data-testid=\"stVegaLiteChart\"] svg.marks').length >= {charts}",
                        timeout=60_000,
                    )
                seconds = round(time.monotonic() - opened, 2)
                page.wait_for_timeout(500)
                page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
                labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
                values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
                report["pages"][name] = {  # type: ignore[index]
                    "seconds": seconds,
                    "title": page.locator("h1").first.inner_text(),
                    "metrics": dict(zip((label.strip() for label in labels), (v.strip() for v in values))),
                    "exceptions": page.locator('[data-testid="stException"]').count(),
                }
            browser.close()
    finally:
        stop(server)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
