"""Build the typer application from the command modules."""

from __future__ import annotations

import typer

from detente.errors import DetenteError
from detente.presentation.cli import (
    analyze,
    backtest,
    backtest_deu,
    evidence,
    extract,
    forecast,
    interop,
    phase,
    report,
    scenarios,
    serve,
    show,
    simulate,
    timeline,
    validate,
)
from detente.presentation.cli.common import err_console

__all__ = ["app", "main"]

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


# One line per command module; each adds its commands to the app, in the order of --help.
for module in (
    scenarios,
    show,
    validate,
    analyze,
    forecast,
    backtest_deu,
    phase,
    simulate,
    backtest,
    extract,
    evidence,
    timeline,
    interop,
    report,
    serve,
):
    module.register(app)


def main() -> None:
    """Console-script entry point; a :class:`~detente.errors.DetenteError` that no command
    caught still ends with its message and exit code 1, never a traceback."""
    try:
        app()
    except DetenteError as error:
        err_console.print(f"error: {error}", style="red", markup=False, highlight=False)
        raise SystemExit(1) from None
