"""``detente validate FILE...`` and ``detente schema``: check scenario files, print the format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from detente.model.catalog import embedded_scenarios, embedded_text, missing_message
from detente.model.loading import Validation, validate_scenario_file, validate_scenario_text
from detente.model.scenario import Scenario
from detente.presentation.cli.common import print_json

__all__ = ["register", "scenario_schema"]


def _success_line(result: Validation) -> str:
    scenario = result.scenario
    assert scenario is not None
    counts = (
        f"{len(scenario.parties)} parties, {len(scenario.issues)} issues, "
        f"{len(scenario.postures)} postures, {len(scenario.evidence.statements)} statements"
    )
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    return f"{result.file}: ok: scenario {scenario.metadata.id!r} ({counts}{warned})"


def _check(reference: str) -> Validation | None:
    """The validation of a file, or of an embedded scenario named by its id; None (after
    saying why) when the reference names neither."""
    if not Path(reference).exists():
        if reference in embedded_scenarios():
            return validate_scenario_text(embedded_text(reference), reference)
        typer.echo(f"{reference}:1:1: error: {missing_message(reference)}")
        return None
    return validate_scenario_file(reference)


def validate(
    files: Annotated[
        list[str], typer.Argument(help="Scenario YAML files (or embedded ids) to check.")
    ],
) -> None:
    """Check scenario files; print every problem as FILE:LINE:COL: error: PATH: MESSAGE.

    Exits 1 if any file has an error (warnings alone do not fail).
    """
    failed = False
    for file in files:
        result = _check(file)
        if result is None:
            failed = True
            continue
        for diagnostic in result.diagnostics:
            # Plain echo: one problem per line, never wrapped, never read as markup.
            typer.echo(str(diagnostic))
        if result.errors:
            failed = True
        else:
            typer.echo(_success_line(result))
    if failed:
        raise typer.Exit(1)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the scenario format, from the pydantic models."""
    schema = Scenario.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "detente scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema() -> None:
    """Print the JSON Schema of scenario files (for editor completion and checking)."""
    print_json(scenario_schema())


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
