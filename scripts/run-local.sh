#!/usr/bin/env bash
# Build the local DuckDB warehouse and print a summary of it.
#
#   ./scripts/run-local.sh                                        # default size (vars in dbt_project.yml)
#   ./scripts/run-local.sh --vars '{"num_customers": 100000}'     # extra args go to `dbt seed` and `dbt build`
#   ./scripts/run-local.sh --select tag:staging
#
# The warehouse is $C360_DUCKDB_PATH (default: customer_360.duckdb in the project root). Every model is
# rebuilt in full, so running this twice with the same arguments gives the same warehouse.
set -euo pipefail

# shellcheck source=scripts/bootstrap.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bootstrap.sh"

section() { printf '\n==> %s\n' "$*"; }

# `dbt seed` accepts every `dbt build` option except these; drop them (and their values) for the seed step.
seed_args=()
skip_value=0
for arg in "$@"; do
    if [ "$skip_value" = 1 ]; then
        skip_value=0
        continue
    fi
    case "$arg" in
        --empty | --no-empty | --store-failures) ;;
        --event-time-start=* | --event-time-end=* | --sample=* | --resource-type=* | --resource-types=* \
            | --exclude-resource-type=* | --exclude-resource-types=*) ;;
        --event-time-start | --event-time-end | --sample | --resource-type | --resource-types \
            | --exclude-resource-type | --exclude-resource-types) skip_value=1 ;;
        *) seed_args+=("$arg") ;;
    esac
done

section "dbt deps"
dbt deps

section "dbt seed ${seed_args[*]:-}"
dbt seed ${seed_args[@]+"${seed_args[@]}"}

section "dbt build $*"
dbt build "$@"

section "summary"
"$C360_PYTHON" scripts/summary.py
