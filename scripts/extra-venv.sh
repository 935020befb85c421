#!/usr/bin/env bash
# Create or update one of the project's side virtualenvs, each with its own exact pins:
#
#   ./scripts/extra-venv.sh airflow   # .venv-airflow from requirements-airflow.txt (Airflow 3 + Cosmos)
#   ./scripts/extra-venv.sh tools     # .venv-tools from requirements-tools.txt (dbt-score, pre-commit, check-jsonschema)
#
# Installs only when the requirements file changed since the last successful install (its sha256 is kept in
# <venv>/.requirements.sha256), like scripts/bootstrap.sh does for .venv. Prints the venv's path.
# These packages never meet the project's pins in .venv: Cosmos calls .venv/bin/dbt as a subprocess.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-}"
case "$name" in
    airflow | tools) ;;
    *)
        echo "usage: $0 airflow|tools" >&2
        exit 2
        ;;
esac
venv="$root/.venv-$name"
requirements="$root/requirements-$name.txt"

req_hash="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
    "$requirements")"
if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1 \
    || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null || true)" != "$req_hash" ]; then
    printf '[extra-venv] installing %s into %s (pinned versions)\n' "$(basename "$requirements")" "$venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check -r "$requirements"
    printf '%s\n' "$req_hash" >"$venv/.requirements.sha256"
fi
printf '%s\n' "$venv"
