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
        ({"num_customers": 0}, "var num_customers must be a positive integer, got 0"),
        ({"source_data": "bogus"}, "var source_data must be 'synthetic' or 'sources', got 'bogus'"),
    ],
    ids=["num_customers_0", "source_data_bogus"],
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
