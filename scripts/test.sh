#!/usr/bin/env bash
# The project's test suite; CI runs it through .ci/run. Fastest checks first, stops at the first failure:
#
#   1. dbt parse                  (seconds: project, YAML and Jinja are valid)
#   2. pre-commit run --all-files (skip with SKIP_LINT=1): every hook in .pre-commit-config.yaml, all local:
#      sqlfluff lint (dbt templater, config in .sqlfluff), YAML parse, .github/workflows against GitHub's
#      workflow schema (check-jsonschema), the conventions gate (scripts/conventions.sh: dbt-score on the
#      manifest). The tools come from .venv-tools (scripts/tools-venv.sh, pinned, installed on first use).
#   3. pytest -q tests/python     (drives its own dbt builds in temporary DuckDB files)
#   4. Airflow: pytest -q tests/airflow (.venv-airflow from scripts/airflow-venv.sh): the Cosmos DAGs import
#      with their task groups, schedules and retries, and `airflow dags test` of the full-refresh DAG builds
#      the same customer_360 as `dbt build` (~11 min alone: one dbt process per task, 153 tasks, one at a
#      time). It runs in the background while step 3 runs (each uses about one of the two cores) and its
#      output is printed after step 3. SKIP_AIRFLOW=1 skips step 4; C360_AIRFLOW_E2E=0 keeps only the
#      import checks.
#   5. dbt build + dbt docs generate at a small size into a temporary DuckDB file
#   6. BigQuery, offline: `dbt compile --target bigquery` with a dummy keyfile, parsed with sqlfluff's bigquery
#      dialect; then a local BigQuery API emulator (scripts/bq-emulator.sh) on a free loopback port,
#      `dbt seed` + `dbt build --target bq_emulator` at the same size, and scripts/bq_parity.py comparing every
#      table with step 5's. Then tests/bigquery inserts the hand-written bad loader rows of
#      tests/python/test_bad_loader_rows.py into both engines' raw tables, builds both in sources mode and
#      compares every table again (same quarantine, same marts). The emulator is stopped on every exit path
#      (trap), pass or fail.
#
# Env: SKIP_LINT=1 skips step 2; SKIP_AIRFLOW=1 skips step 4, C360_AIRFLOW_E2E=0 drops its end-to-end run;
# C360_TEST_NUM_CUSTOMERS sets the size of steps 5 and 6 (default 1000); SKIP_BIGQUERY=1 skips step 6.
# Never touches the local warehouse (customer_360.duckdb): every step gets its own temporary file.
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"

# Tests always run against the DuckDB dev target, whatever the caller's shell says.
export DBT_TARGET=dev

C360_TEST_TMP="$(mktemp -d "${TMPDIR:-/tmp}/c360-test.XXXXXX")"
emulator_started=0
airflow_pid=""
cleanup() {
    if [ -n "$airflow_pid" ]; then
        kill -- "-$airflow_pid" 2>/dev/null || true
        wait "$airflow_pid" 2>/dev/null || true
    fi
    if [ "$emulator_started" = 1 ]; then
        ./scripts/bq-emulator.sh stop || true
    fi
    rm -rf "$C360_TEST_TMP"
}
trap cleanup EXIT
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

section "dbt parse"
C360_DUCKDB_PATH="$C360_TEST_TMP/parse.duckdb" dbt parse

if [ "${SKIP_LINT:-0}" = "1" ]; then
    section "sqlfluff lint: skipped (SKIP_LINT=1)"
else
    section "lint: pre-commit run --all-files (sqlfluff, YAML, workflow schema, conventions gate)"
    tools_venv="$(./scripts/tools-venv.sh)"
    # the hooks give dbt and sqlfluff throwaway DuckDB files (scripts/pre-commit-hook.sh), never the warehouse
    PRE_COMMIT_HOME="$C360_TEST_TMP/pre-commit" "$tools_venv/bin/pre-commit" run --all-files --show-diff-on-failure
fi

airflow_pid=""
airflow_log="$C360_TEST_TMP/airflow_tests.log"
if [ "${SKIP_AIRFLOW:-0}" != "1" ]; then
    section "Airflow DAG (Cosmos): venv; its tests start in the background"
    ./scripts/airflow-venv.sh >/dev/null
    # its own process group (setsid), so an early exit stops Airflow and its dbt processes too
    C360_AIRFLOW_E2E="${C360_AIRFLOW_E2E:-1}" setsid "$C360_PYTHON" -m pytest -q -p no:cacheprovider --durations=5 \
        --basetemp "$C360_TEST_TMP/airflow_pytest" tests/airflow >"$airflow_log" 2>&1 &
    airflow_pid=$!
fi

section "pytest tests/python"
pytest_rc=0
"$C360_PYTHON" -m pytest -q tests/python || pytest_rc=$?

if [ "${SKIP_AIRFLOW:-0}" = "1" ]; then
    section "Airflow DAG (Cosmos): skipped (SKIP_AIRFLOW=1)"
else
    section "Airflow DAG (Cosmos): import, task groups, schedules, end-to-end airflow dags test"
    airflow_rc=0
    wait "$airflow_pid" || airflow_rc=$?
    airflow_pid=""
    cat "$airflow_log"
    if [ "$airflow_rc" != 0 ]; then
        echo "Airflow tests failed (exit $airflow_rc)" >&2
        exit "$airflow_rc"
    fi
fi

if [ "$pytest_rc" = 5 ]; then
    echo "pytest collected no tests in tests/python: that is a failure here" >&2
    exit 1
elif [ "$pytest_rc" != 0 ]; then
    exit "$pytest_rc"
fi

num_customers="${C360_TEST_NUM_CUSTOMERS:-1000}"
build_vars="{\"num_customers\": $num_customers}"
export C360_DUCKDB_PATH="$C360_TEST_TMP/build.duckdb"

duckdb_target_path="$C360_TEST_TMP/target_duckdb"

section "dbt build (num_customers=$num_customers, $C360_DUCKDB_PATH)"
dbt build --vars "$build_vars" --target-path "$duckdb_target_path"

section "dbt docs generate"
dbt docs generate --vars "$build_vars" --target-path "$duckdb_target_path"

if [ "${SKIP_BIGQUERY:-0}" = "1" ]; then
    section "BigQuery checks: skipped (SKIP_BIGQUERY=1)"
else
    section "BigQuery target: offline compile + bigquery-dialect parse"
    prod_target_path="$C360_TEST_TMP/target_prod"
    "$C360_PYTHON" scripts/dummy_bq_keyfile.py "$C360_TEST_TMP/dummy-keyfile.json"
    DBT_TARGET=bigquery C360_BQ_KEYFILE="$C360_TEST_TMP/dummy-keyfile.json" C360_BQ_PROJECT=offline-project \
        dbt compile --no-populate-cache --full-refresh --vars "$build_vars" --target-path "$prod_target_path" --quiet
    "$C360_PYTHON" scripts/bq_dialect_lint.py "$prod_target_path"

    section "BigQuery emulator: seed + build (num_customers=$num_customers)"
    # A free loopback port, so two test runs on one machine do not meet on the default 9050.
    C360_BQ_EMULATOR_PORT="$("$C360_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    export C360_BQ_EMULATOR_PORT
    export C360_BQ_EMULATOR_ENDPOINT="http://127.0.0.1:$C360_BQ_EMULATOR_PORT"
    emulator_started=1
    ./scripts/bq-emulator.sh start
    bq_target_path="$C360_TEST_TMP/target_bq"
    DBT_TARGET=bq_emulator dbt seed --target-path "$bq_target_path"
    DBT_TARGET=bq_emulator dbt build --vars "$build_vars" --target-path "$bq_target_path"

    section "cross-engine parity: DuckDB vs BigQuery emulator"
    "$C360_PYTHON" scripts/bq_parity.py --duckdb "$C360_DUCKDB_PATH" \
        --duckdb-manifest "$duckdb_target_path/manifest.json" --bq-manifest "$bq_target_path/manifest.json" \
        --endpoint "$C360_BQ_EMULATOR_ENDPOINT"

    section "cross-engine parity of bad loader rows: the same rows into both engines' raw tables, sources mode"
    C360_PARITY_DUCKDB="$C360_DUCKDB_PATH" C360_TEST_NUM_CUSTOMERS="$num_customers" \
        "$C360_PYTHON" -m pytest -q -p no:cacheprovider --basetemp "$C360_TEST_TMP/bad_rows_parity" tests/bigquery
    ./scripts/bq-emulator.sh stop
    emulator_started=0
    if ./scripts/bq-emulator.sh status >/dev/null 2>&1; then
        echo "the BigQuery emulator still answers after stop" >&2
        exit 1
    fi
fi

section "all checks passed"
printf '    total %ss\n' "$((SECONDS - suite_start))"
