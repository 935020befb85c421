"""Invalid vars stop dbt with the project's own message instead of a Python traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dbt_common.exceptions import DbtBaseException

from c360_dbt import DB_FILE_NAME, run_dbt


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"num_customers": 0}, "var num_customers must be an integer between 1 and 100000000, got 0"),
        ({"num_customers": 1.5}, "var num_customers must be an integer between 1 and 100000000, got 1.5"),
        ({"num_customers": 10**12}, "var num_customers must be an integer between 1 and 100000000, got 1000000000000"),
        ({"num_customers": 100_000_000, "num_events_multiplier": 40},
         "num_customers x num_events_multiplier = 4000000000 rows: above the generator limit of 2000000000"),
        ({"dq_max_amount": "abc"}, 'var dq_max_amount must be a number between 0 (exclusive) and 1000000000000, got "abc"'),
        ({"fault_rate": 0.5}, "var fault_rate must be a number between 0 and 0.05, got 0.5"),
        ({"end_date": "2025-02-30"}, 'var end_date must be a valid calendar date (YYYY-MM-DD) from 1900 on'),
        ({"reset_history": "yes"}, 'var reset_history must be true or false, got "yes"'),
        ({"active_days_threshold": 100}, "var churn_days_threshold must be >= active_days_threshold, got 90 < 100"),
        ({"source_data": "bogus"}, "var source_data must be one of 'synthetic', 'sources', got \"bogus\""),
        ({"source_data": "sources", "generator_batch": 0},
         "var generator_batch must be an integer between 1 and 3650, got 0"),
    ],
    ids=["num_customers_0", "num_customers_1.5", "num_customers_1e12", "rows_above_limit", "dq_max_amount_abc",
         "fault_rate_0.5", "end_date_feb_30", "reset_history_yes", "thresholds_out_of_order", "source_data_bogus",
         "sources_mode_batch_0"],
)
def test_bad_vars_give_clear_error(
    variables: dict[str, Any], message: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    result = run_dbt(("build",), tmp_path / DB_FILE_NAME, tmp_path, variables)
    output = "".join(capfd.readouterr())

    assert not result.success
    assert isinstance(result.exception, DbtBaseException), repr(result.exception)
    assert "Compilation Error" in str(result.exception)
    assert message in str(result.exception)
    assert message in output
    assert "Traceback (most recent call last)" not in output
