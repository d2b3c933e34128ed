"""Build the typer application from the command modules."""

from __future__ import annotations

import typer

from detente.presentation.cli import evidence, extract, scenarios, timeline

app = typer.Typer(
    name="detente",
    help="Model, analyse, forecast and simulate negotiations between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Model, analyse, forecast and simulate negotiations between states."""


# One line per command module; each adds its commands to the app.
for module in (scenarios, extract, evidence, timeline):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
