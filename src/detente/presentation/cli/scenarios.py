"""``detente scenarios``: list the embedded scenarios."""

from __future__ import annotations

import typer
from rich.table import Table

from detente.model import embedded_scenarios
from detente.model.catalog import load_embedded
from detente.presentation.cli.common import console

__all__ = ["register"]


def scenarios() -> None:
    """List the scenarios shipped with detente."""
    table = Table("id", "title", "as of", title="Embedded scenarios")
    for scenario_id in embedded_scenarios():
        meta = load_embedded(scenario_id).metadata
        table.add_row(scenario_id, meta.title, meta.as_of.isoformat())
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(scenarios)
