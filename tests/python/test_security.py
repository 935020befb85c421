"""Security: PII columns are tagged everywhere, the shareable customer_360 holds no direct identifier, and
no credential can be committed."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from c360_dbt import REPO_ROOT, fetch_all, fetch_dicts

# column names that hold personal data wherever they appear (raw_record: a quarantined raw row)
PII_COLUMNS: frozenset[str] = frozenset({
    "first_name", "last_name", "full_name", "email", "phone_number", "primary_phone", "street_line",
    "postal_code", "primary_address", "raw_record",
})
SECRET_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r'"private_key"\s*:\s*"-----BEGIN'),  # a key embedded in a JSON keyfile
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),          # AWS access key id
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),  # GitHub token
    re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),  # Slack token
)
MUST_BE_IGNORED: tuple[str, ...] = (
    ".env", ".env.prod", "keyfile.json", "bq-keyfile.json", "service-account.json", "service-account-prod.json",
    "credentials.json", "gcp.json.key", "customer_360.duckdb", "target/manifest.json", "logs/dbt.log",
    ".venv",  # a directory or a symlink to one
)


def manifest(default_build: Path) -> dict[str, Any]:
    return json.loads((default_build.parent / "target" / "manifest.json").read_text(encoding="utf-8"))


def is_pii(column: dict[str, Any]) -> bool:
    meta = column.get("config", {}).get("meta", {}) | column.get("meta", {})
    return meta.get("pii") is True


def test_every_pii_column_in_the_warehouse_is_tagged(default_build: Path) -> None:
    nodes = {
        (node["schema"], node["alias"]): node
        for node in manifest(default_build)["nodes"].values()
        if node["resource_type"] in {"model", "seed", "snapshot"}
    }
    warehouse_columns = fetch_all(
        default_build,
        "select table_schema, table_name, column_name from information_schema.columns"
        f" where column_name in ({', '.join(repr(name) for name in sorted(PII_COLUMNS))})",
    )
    assert warehouse_columns
    untagged = [
        f"{schema}.{table}.{column}"
        for schema, table, column in warehouse_columns
        if (schema, table) in nodes and not is_pii(nodes[(schema, table)]["columns"].get(column, {}))
    ]
    assert untagged == [], "PII columns without meta {pii: true}: " + ", ".join(untagged)


def test_every_pii_source_column_is_tagged(default_build: Path) -> None:
    untagged = [
        f"{source['source_name']}.{source['name']}.{name}"
        for source in manifest(default_build)["sources"].values()
        for name, column in source["columns"].items()
        if name in PII_COLUMNS and not is_pii(column)
    ]
    assert untagged == []


def test_shareable_customer_360_has_no_direct_identifier(default_build: Path) -> None:
    node = manifest(default_build)["nodes"]["model.c360_warehouse.customer_360_shareable"]
    assert not any(is_pii(column) for column in node["columns"].values())
    columns = {row[0] for row in fetch_all(
        default_build,
        "select column_name from information_schema.columns"
        " where table_schema = 'marts' and table_name = 'customer_360_shareable'",
    )}
    assert columns & PII_COLUMNS == set()
    assert "customer_id" not in columns

    shared = fetch_dicts(default_build, "select * from marts.customer_360_shareable")
    people = fetch_dicts(default_build, "select * from marts.customer_360")
    assert len(shared) == len(people)
    identifiers = {
        str(value) for person in people
        for key in ("email", "primary_phone", "first_name", "last_name", "full_name", "primary_address")
        if (value := person[key]) is not None
    }
    assert not any(str(value) in identifiers for row in shared for value in row.values() if value is not None)

    # e-mail hash and masks follow the documented recipe (no salt in tests)
    by_hash = {row["email_sha256"]: row for row in shared}
    for person in people:
        digest = hashlib.sha256(person["email"].encode("utf-8")).hexdigest()
        assert digest in by_hash
        row = by_hash[digest]
        local, domain = person["email"].split("@")
        assert row["email_masked"] == f"{local[0]}***@{domain}"
        expected_phone = None if person["primary_phone"] is None else "+1******" + person["primary_phone"][-4:]
        assert row["phone_masked"] == expected_phone
        assert row["ltv"] == person["ltv"]


def git_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [REPO_ROOT / name for name in listed.split("\0") if name]


def test_no_credentials_in_the_repository() -> None:
    offenders = []
    for path in git_files():
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [f"{path.relative_to(REPO_ROOT)}: {pattern.pattern}" for pattern in SECRET_PATTERNS
                      if pattern.search(text)]
    assert offenders == []
    # the BigQuery targets take every secret from the environment
    profiles = (REPO_ROOT / "profiles.yml").read_text(encoding="utf-8")
    for key in ("keyfile", "keyfile_json", "token", "refresh_token", "client_secret"):
        for line in re.findall(rf"^\s*{key}:.*$", profiles, re.M):
            assert "env_var(" in line, line


def test_gitignore_covers_keys_env_and_warehouse() -> None:
    git_files()  # skips outside a git checkout
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *MUST_BE_IGNORED], cwd=REPO_ROOT, capture_output=True, text=True
    )
    ignored = set(result.stdout.split())
    assert ignored == set(MUST_BE_IGNORED), f"not ignored: {sorted(set(MUST_BE_IGNORED) - ignored)}"
