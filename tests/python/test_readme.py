"""Every command block of the README, run in order from a clean shell in a fresh copy of the checkout.

A bash block runs as one script unless an HTML comment right above it says otherwise:
  <!-- readme-test: skip (reason) -->   not run here (the reason says why, e.g. it needs a cloud account)
  <!-- readme-test: serve PORT -->      all lines but the last run; the last starts a server that must answer
                                        on PORT, and is stopped afterwards
Blocks share one copy, so later blocks see the warehouse earlier ones built, as a reader's would.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from c360_dbt import REPO_ROOT
from c360_shell import Shell, project_copy

BLOCK = re.compile(r"(?:<!-- readme-test: (?P<marker>[^>]*?) -->\n)?```bash\n(?P<body>.*?)```", re.S)
README_MAX_BYTES = 25 * 1024


@dataclass(frozen=True)
class Block:
    marker: str
    body: str


def readme_blocks() -> list[Block]:
    text = (REPO_ROOT / "README.md").read_text()
    return [Block((match["marker"] or "run").strip(), match["body"]) for match in BLOCK.finditer(text)]


def serve(shell: Shell, block: Block, port: int) -> None:
    *setup, server = [line for line in block.body.splitlines() if line.strip()]
    shell.ok("\n".join(setup))
    prefix = "\n".join(line for line in setup if line.startswith("source "))
    process = subprocess.Popen(["bash", "-c", f"{prefix}\nexec {server}"], cwd=shell.project, env=shell.env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    return
            except OSError:
                assert process.poll() is None, f"`{server}` exited {process.returncode}"
                assert time.monotonic() < deadline, f"`{server}` did not answer on port {port}"
                time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_readme_is_a_short_manual() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert len(readme.encode()) <= README_MAX_BYTES
    assert not re.search(r"\bissue\s*#?\d+|\bsession\b", readme, re.I), "development history in the README"
    setup = [block for block in readme_blocks() if block.body.strip().startswith("./scripts/")][:2]
    assert [block.body.strip() for block in setup] == ["./scripts/run-local.sh", "./scripts/test.sh"]


def test_every_readme_command_works_from_a_clean_shell(tmp_path: Path) -> None:
    shell = project_copy(tmp_path / "reader")
    blocks = readme_blocks()
    assert len(blocks) >= 10
    for block in blocks:
        if block.marker.startswith("skip"):
            assert re.match(r"skip \(.+\)", block.marker), f"a skipped block needs a reason: {block.body}"
        elif block.marker.startswith("serve"):
            serve(shell, block, int(block.marker.split()[1]))
        else:
            assert block.marker == "run", block.marker
            shell.ok(block.body)
