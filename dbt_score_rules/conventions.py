"""Layer conventions of c360_warehouse, checked on the manifest by dbt-score.

A model's layer is its folder under models/ (synthetic, validation, staging, intermediate, marts). The raw
data is a dbt source (source_data=sources) or a generator model in models/synthetic (source_data=synthetic);
both count as raw here, so one rule holds in both modes. Rule parameters live in pyproject.toml.
No `from __future__ import annotations`: dbt-score reads the annotations at run time.
"""

from typing import Any

from dbt_score import Model, RuleViolation, rule

RAW_LAYERS: frozenset[str] = frozenset({"source", "synthetic"})
UNIQUENESS_TESTS: frozenset[str] = frozenset({"unique", "unique_combination", "unique_combination_of_columns"})


def layer_of(node: Any) -> str:
    """source, seed, snapshot, or the folder under models/ (synthetic, validation, staging, ...)."""
    unique_id: str = node.unique_id
    resource_type = unique_id.split(".", 1)[0]
    if resource_type != "model":
        return resource_type
    parts = node.original_file_path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "models" else "models"


def parents_in(model: Model, layers: frozenset[str] | set[str]) -> list[str]:
    return sorted(parent.name for parent in model.parents if layer_of(parent) in layers)


@rule
def has_tested_primary_key(
    model: Model, keyless_layers: dict[str, str] | None = None, exceptions: dict[str, str] | None = None
) -> RuleViolation | None:
    """A model has a tested primary key: a column, or a combination of columns, tested unique and not_null."""
    if layer_of(model) in (keyless_layers or {}) or model.name in (exceptions or {}):
        return None
    not_null_columns = {
        column.name for column in model.columns
        if any(data_test.type == "not_null" for data_test in column.tests)
        or any(constraint.type == "not_null" for constraint in column.constraints)
    }
    for data_test in model.tests:
        key = data_test.kwargs.get("combination_of_columns") or []
        if data_test.type in UNIQUENESS_TESTS and key and set(key) <= not_null_columns:
            return None
    for column in model.columns:
        if column.name in not_null_columns and any(data_test.type == "unique" for data_test in column.tests):
            return None
    return RuleViolation(message="No column or column combination tested unique and not_null.")


@rule
def name_has_layer_prefix(
    model: Model, layer_prefixes: dict[str, list[str]] | None = None
) -> RuleViolation | None:
    """A model's name starts with one of its layer's prefixes (declared once, in pyproject.toml)."""
    prefixes = (layer_prefixes or {}).get(layer_of(model))
    if prefixes is None:
        return RuleViolation(message=f"Model is in no known layer ({model.original_file_path}).")
    if not model.name.startswith(tuple(prefixes)):
        return RuleViolation(message=f"Name should start with one of {', '.join(prefixes)}.")
    return None


@rule
def only_first_layer_reads_raw(
    model: Model, first_layers: list[str] | None = None, exceptions: dict[str, str] | None = None
) -> RuleViolation | None:
    """Only the source-facing layer reads raw data (dbt sources or the synthetic generator)."""
    if layer_of(model) in set(first_layers or []) or model.name in (exceptions or {}):
        return None
    raw_parents = parents_in(model, RAW_LAYERS)
    if raw_parents:
        return RuleViolation(message=f"Reads raw data directly: {', '.join(raw_parents)}.")
    return None


@rule
def marts_do_not_read_staging(
    model: Model, exceptions: dict[str, str] | None = None
) -> RuleViolation | None:
    """A mart reads intermediate models, other marts, seeds and snapshots, never staging or earlier."""
    if layer_of(model) != "marts" or model.name in (exceptions or {}):
        return None
    early_parents = parents_in(model, {"staging", "validation", *RAW_LAYERS})
    if early_parents:
        return RuleViolation(message=f"Reads staging or earlier directly: {', '.join(early_parents)}.")
    return None
