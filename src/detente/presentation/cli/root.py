"""The root of the command line: the typer application with ``--version``, and the order of
the command modules (in ``--help`` order). Imports typer only, so that the root help can be
built without loading any command (:mod:`.quickhelp`)."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["COMMAND_MODULES", "new_app"]

#: The command modules of :mod:`detente.presentation.cli`, in the order of ``--help``; each
#: has a ``register(app)`` function.
COMMAND_MODULES = (
    "scenarios",
    "show",
    "validate",
    "analyze",
    "forecast",
    "backtest_deu",
    "phase",
    "simulate",
    "backtest",
    "extract",
    "evidence",
    "timeline",
    "interop",
    "report",
    "serve",
)


def _version(value: bool) -> None:
    if value:
        from detente._version import __version__

        typer.echo(f"detente {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Model, analyse, forecast and simulate negotiations between states."""
    # Floating-point edge cases (an empty zone, a 0/0 share) are handled by the engines, which
    # test for NaN / inf where it matters; numpy's RuntimeWarnings would only leak to stderr.
    # (Imported here: `--help` exits before the callback and must not load NumPy.)
    import numpy as np

    np.seterr(all="ignore")


def new_app() -> typer.Typer:
    """The root application, without commands."""
    app = typer.Typer(
        name="detente",
        help="Model, analyse, forecast and simulate negotiations between states.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    return app
