#!/usr/bin/env bash
# Entry points of the local hooks in .pre-commit-config.yaml: pre-commit-hook.sh HOOK [FILES...]
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"
hook="${1:-}"
shift || true

case "$hook" in
    sqlfluff)
        # the dbt templater opens a dbt connection: a throwaway DuckDB file, never the local warehouse
        work="$(mktemp -d "${TMPDIR:-/tmp}/c360-hook.XXXXXX")"
        trap 'rm -rf "$work"' EXIT
        C360_DUCKDB_PATH="$work/lint.duckdb" DBT_TARGET=dev sqlfluff lint --processes 2 "$@"
        ;;
    check-yaml)
        "$C360_PYTHON" -c '
import sys, yaml
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        list(yaml.safe_load_all(handle))
' "$@"
        ;;
    check-workflows)
        "$(./scripts/tools-venv.sh)/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$@"
        ;;
    conventions)
        ./scripts/conventions.sh
        ;;
    *)
        echo "usage: $0 sqlfluff|check-yaml|check-workflows|conventions [FILES...]" >&2
        exit 2
        ;;
esac
