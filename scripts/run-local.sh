#!/usr/bin/env bash
# Build the local DuckDB warehouse and print a summary of it.
#
#   ./scripts/run-local.sh                                        # default size (vars in dbt_project.yml)
#   ./scripts/run-local.sh --vars '{"num_customers": 100000}'     # extra args go to `dbt build` (and
#                                                                 # all but selection to `dbt seed`)
#   ./scripts/run-local.sh --select tag:staging
#
# The warehouse is $C360_DUCKDB_PATH (default: customer_360.duckdb in the project root). Tables and views
# are rebuilt in full; incremental models and snapshots continue from the last run when the vars are the
# same, and start over when they differ (macros/utils/dataset_state.sql), so any sequence of runs ends with
# the warehouse a fresh build with the last vars gives, and a run that was killed (even kill -9) is repaired
# by the next one. The whole run holds the warehouse (an OS lock, scripts/warehouse_lock.py): if another
# run or process has it, this one stops at once with a clear message (exit 75);
# C360_LOCK_WAIT_SECONDS=600 waits for it instead.
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"

# Run the rest of this script under the warehouse lock: seed, build and summary as one unit.
if [ "${C360_HOLDS_WAREHOUSE_LOCK:-}" != "${C360_DUCKDB_PATH:-customer_360.duckdb}" ]; then
    export C360_HOLDS_WAREHOUSE_LOCK="${C360_DUCKDB_PATH:-customer_360.duckdb}"
    exec "$C360_PYTHON" scripts/warehouse_lock.py --wait "${C360_LOCK_WAIT_SECONDS:-0}" \
        "$C360_HOLDS_WAREHOUSE_LOCK" -- "$C360_ROOT/scripts/run-local.sh" "$@"
fi

# With --select, run only tests whose parents are all built or upstream (dbt's default, eager, would also run
# e.g. singular tests joining staging to marts.customer_360, which fail on a fresh warehouse). Override with
# DBT_INDIRECT_SELECTION=eager or --indirect-selection.
export DBT_INDIRECT_SELECTION="${DBT_INDIRECT_SELECTION:-buildable}"

section() { printf '\n==> %s\n' "$*"; }

# `dbt seed` gets the build's arguments minus node selection (the five small seeds are always loaded, so
# `--select tag:staging` works on a fresh warehouse: staging tests join to seeds) and minus the options
# `dbt seed` does not accept. `skip` says what the tokens after a dropped option are: one value, or values
# up to the next option (dbt's --select/--exclude take several).
seed_args=()
skip=none
for arg in "$@"; do
    case "$skip:$arg" in
        one:*) skip=none; continue ;;
        many:-*) skip=none ;;
        many:*) continue ;;
    esac
    case "$arg" in
        -s | -m | --select | --models | --model | --exclude) skip=many ;;
        --selector | --event-time-start | --event-time-end | --sample | --resource-type | --resource-types \
            | --exclude-resource-type | --exclude-resource-types) skip=one ;;
        --select=* | --models=* | --model=* | --exclude=* | --selector=* | --event-time-start=* \
            | --event-time-end=* | --sample=* | --resource-type=* | --resource-types=* \
            | --exclude-resource-type=* | --exclude-resource-types=*) ;;
        --empty | --no-empty | --store-failures) ;;
        *) seed_args+=("$arg") ;;
    esac
done

section "dbt seed ${seed_args[*]:-}"
dbt seed ${seed_args[@]+"${seed_args[@]}"}

section "dbt build $*"
dbt build "$@"

if [ "${DBT_TARGET:-dev}" = "dev" ] && [[ " $* " != *" --target "* ]]; then
    section "summary"
    "$C360_PYTHON" scripts/summary.py
fi
