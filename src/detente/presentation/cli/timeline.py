"""``detente timeline``: each party's postures over time, with their quotes."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.documents import envelope
from detente.evidence.timeline import scenario_timeline, timeline
from detente.presentation.cli.common import console, load_or_exit, print_json

__all__ = ["register"]


def timeline_command(
    scenario: Annotated[str | None, typer.Argument(help="Scenario id or file.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show each party's postures in date order with the quotes that support them."""
    model = load_or_exit(scenario)
    if json:
        print_json(envelope("timeline", model.metadata.id, scenario_timeline(model)))
        return
    entries = timeline(model)
    for party in model.parties:
        items = entries.get(party.id, [])
        if not items:
            continue
        console.print(f"[bold]{party.name}[/bold]")
        for e in items:
            console.print(f"  {e.date}  {e.kind:<9} {e.text}", highlight=False, markup=False)
            for s in e.statements:
                console.print(
                    f"      “{s.quote.strip()}” — {s.speaker}", highlight=False, markup=False
                )


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_command)
