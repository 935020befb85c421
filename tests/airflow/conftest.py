"""The Airflow tests reuse the dbt helpers of tests/python (c360_dbt.py) and run dbt on the DuckDB dev target."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
os.environ["DBT_TARGET"] = "dev"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
