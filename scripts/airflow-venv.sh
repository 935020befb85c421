#!/usr/bin/env bash
# Airflow 3 + astronomer-cosmos in .venv-airflow (exact pins in requirements-airflow.txt); prints its path.
exec "$(dirname "${BASH_SOURCE[0]}")/extra-venv.sh" airflow
