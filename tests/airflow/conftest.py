"""The Airflow tests reuse the dbt helpers of tests/python (c360_dbt.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
