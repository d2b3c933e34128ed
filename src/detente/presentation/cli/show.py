"""``detente show [ID | FILE]``: a readable summary of a scenario."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.documents import envelope
from detente.engines.analysis.counts import status_quo_utilities
from detente.engines.compile import compile_scenario
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
    """Summarise a scenario: parties (no-deal value beside the status quo's utility), issues,
    red lines, postures with their quotes, events. ``--json`` prints the scenario itself."""
    loaded = load_or_exit(scenario)
    if as_json:
        print_json(envelope("show", loaded.metadata.id, loaded.model_dump(mode="json")))
        return
    compiled = compile_scenario(loaded)
    utilities = status_quo_utilities(compiled)
    status_quo = {p: float(u) for p, u in zip(compiled.parties, utilities, strict=True)}
    for section in scenario_summary(loaded, status_quo):
        console.print(section)


def register(app: typer.Typer) -> None:
    app.command()(show)
