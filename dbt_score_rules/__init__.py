"""The project's conventions as dbt-score rules (configured in pyproject.toml, [tool.dbt-score])."""
