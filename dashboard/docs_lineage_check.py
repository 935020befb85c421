"""Open dbt's docs site on one model's lineage graph in headless Chromium and save a screenshot.

Usage: python dashboard/docs_lineage_check.py --docs DIR --model UNIQUE_ID --screenshot FILE
Serves DIR (the target path of `dbt docs generate`) on a free loopback port, opens the model's page in the
graph view, and prints one JSON line: the selector the graph shows and the nodes it lists in its search
results. The server and the browser are stopped on every exit path.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import threading
from pathlib import Path

from browser_check import CHROMIUM_ARGS
from playwright.sync_api import sync_playwright


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--screenshot", type=Path, required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.docs))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                port = server.server_address[1]
                name = args.model.split(".")[-1]
                page.goto(f"http://127.0.0.1:{port}/#!/model/{args.model}?g_v=1&g_i=%2B{name}%2B",
                          wait_until="networkidle")
                page.wait_for_timeout(3000)
                selector = page.locator("input").evaluate_all(
                    "inputs => inputs.filter(input => input.type !== 'checkbox').map(input => input.value)")
                page.screenshot(path=str(args.screenshot))
            finally:
                browser.close()
    finally:
        server.shutdown()
    print(json.dumps({"inputs": selector}))


if __name__ == "__main__":
    main()
