#!/usr/bin/env bash
# dbt-score, pre-commit and check-jsonschema in .venv-tools (exact pins in requirements-tools.txt); prints its path.
exec "$(dirname "${BASH_SOURCE[0]}")/extra-venv.sh" tools
