#!/usr/bin/env bash
# Conventions gate: dbt-score (rules in dbt_score_rules/, settings in pyproject.toml [tool.dbt-score]) on the
# manifest of both graphs, the synthetic one (default) and the production one (source_data=sources).
# Fails on any violation (every item must score 10). Needs .venv (dbt) and .venv-tools (dbt-score).
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"
tools_venv="$(./scripts/tools-venv.sh)"

work="$(mktemp -d "${TMPDIR:-/tmp}/c360-conventions.XXXXXX")"
trap 'rm -rf "$work"' EXIT
for source_data in synthetic sources; do
    C360_DUCKDB_PATH="$work/parse.duckdb" DBT_TARGET=dev dbt parse --quiet \
        --vars "{\"source_data\": \"$source_data\"}" --target-path "$work/target_$source_data"
    printf '[conventions] source_data=%s: ' "$source_data"
    "$tools_venv/bin/dbt-score" lint --manifest "$work/target_$source_data/manifest.json" --show failing-items
done
