"""``detente show [ID | FILE]``: a readable summary of a scenario."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.documents import envelope
from detente.presentation.cli.common import console, load_or_exit, print_json
from detente.presentation.summary import scenario_summary

__all__ = ["register"]


def show(
    scenario: Annotated[
        str | None,
        typer.Argument(help="An embedded scenario id or a YAML file (default: hanoi-2019)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scenario as JSON instead.")
    ] = False,
) -> None:
    """Summarise a scenario: parties, issues, red lines, postures with their quotes, events."""
    loaded = load_or_exit(scenario)
    if as_json:
        print_json(envelope("show", loaded.metadata.id, loaded.model_dump(mode="json")))
        return
    for section in scenario_summary(loaded):
        console.print(section)


def register(app: typer.Typer) -> None:
    app.command()(show)
