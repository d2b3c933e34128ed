"""Build the typer application from the command modules."""

from __future__ import annotations

import numpy as np
import typer

from detente.presentation.cli import (
    analyze,
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
    # Floating-point edge cases (an empty zone, a 0/0 share) are handled by the engines, which
    # test for NaN / inf where it matters; numpy's RuntimeWarnings would only leak to stderr.
    np.seterr(all="ignore")


# One line per command module; each adds its commands to the app, in the order of --help.
for module in (
    scenarios,
    show,
    validate,
    analyze,
    forecast,
    phase,
    simulate,
    extract,
    evidence,
    timeline,
    interop,
    report,
    serve,
):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
