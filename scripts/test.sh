#!/usr/bin/env bash
# The project's test suite; CI runs it through .ci/run. Fastest checks first, stops at the first failure:
#
#   1. dbt deps + dbt parse       (seconds: project, YAML and Jinja are valid)
#   2. sqlfluff lint              (dbt templater, config in .sqlfluff; skip with SKIP_LINT=1)
#   3. pytest -q tests/python     (drives its own dbt builds in temporary DuckDB files)
#   4. dbt build + dbt docs generate at a small size into a temporary DuckDB file
#
# Env: SKIP_LINT=1 skips step 2; C360_TEST_NUM_CUSTOMERS sets the size of step 4 (default 1000).
# Never touches the local warehouse (customer_360.duckdb): every step gets its own temporary file.
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"

# Tests always run against the DuckDB dev target, whatever the caller's shell says.
export DBT_TARGET=dev

C360_TEST_TMP="$(mktemp -d "${TMPDIR:-/tmp}/c360-test.XXXXXX")"
trap 'rm -rf "$C360_TEST_TMP"' EXIT
export C360_TEMP_DIRECTORY="$C360_TEST_TMP/duckdb_spill"

suite_start=$SECONDS
step_start=""
section() {
    if [ -n "$step_start" ]; then
        printf '    (took %ss)\n' "$((SECONDS - step_start))"
    fi
    step_start=$SECONDS
    printf '\n==================== %s ====================\n' "$*"
}

section "dbt deps"
dbt deps

section "dbt parse"
C360_DUCKDB_PATH="$C360_TEST_TMP/parse.duckdb" dbt parse

if [ "${SKIP_LINT:-0}" = "1" ]; then
    section "sqlfluff lint: skipped (SKIP_LINT=1)"
else
    section "sqlfluff lint (dbt templater)"
    # The dbt templater opens a dbt connection: give it a throwaway DuckDB file, not the local warehouse.
    C360_DUCKDB_PATH="$C360_TEST_TMP/lint.duckdb" sqlfluff lint --processes 2 models analyses tests/singular
fi

section "pytest tests/python"
pytest_rc=0
"$C360_PYTHON" -m pytest -q tests/python || pytest_rc=$?
if [ "$pytest_rc" = 5 ]; then
    echo "pytest collected no tests in tests/python: that is a failure here" >&2
    exit 1
elif [ "$pytest_rc" != 0 ]; then
    exit "$pytest_rc"
fi

num_customers="${C360_TEST_NUM_CUSTOMERS:-1000}"
build_vars="{\"num_customers\": $num_customers}"
export C360_DUCKDB_PATH="$C360_TEST_TMP/build.duckdb"

section "dbt build (num_customers=$num_customers, $C360_DUCKDB_PATH)"
dbt build --vars "$build_vars"

section "dbt docs generate"
dbt docs generate --vars "$build_vars"

section "all checks passed"
printf '    total %ss\n' "$((SECONDS - suite_start))"
