"""The documentation explains itself: an overview page, and each description written once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from c360_dbt import REPO_ROOT

PROPERTY_FILES = [*REPO_ROOT.glob("models/**/*.yml"), *REPO_ROOT.glob("snapshots/**/*.yml"),
                  *REPO_ROOT.glob("seeds/**/*.yml")]


def descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield " ".join(value.split())
            else:
                yield from descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from descriptions(item)


def test_repeated_descriptions_are_doc_blocks() -> None:
    counts: Counter[str] = Counter()
    for path in PROPERTY_FILES:
        counts.update(text for text in descriptions(yaml.safe_load(path.read_text()))
                      if "{{" not in text and len(text) > 25)
    repeated = {text: count for text, count in counts.items() if count > 1}
    assert not repeated, f"{len(repeated)} descriptions written more than once (use a doc block in models/docs/): " \
        f"{list(repeated)[:3]}"


def test_docs_site_has_an_overview_page() -> None:
    overview = (Path(REPO_ROOT) / "models" / "docs" / "overview.md").read_text()
    assert "{% docs __overview__ %}" in overview and "customer_360" in overview
