"""Build the typer application from the command modules."""

from __future__ import annotations

import importlib

from detente.errors import DetenteError
from detente.presentation.cli.common import err_console
from detente.presentation.cli.root import COMMAND_MODULES, new_app

__all__ = ["app", "main"]

app = new_app()

# One module per command group; each adds its commands to the app, in the order of --help.
for _name in COMMAND_MODULES:
    importlib.import_module(f"detente.presentation.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point; a :class:`~detente.errors.DetenteError` that no command
    caught still ends with its message and exit code 1, never a traceback."""
    try:
        app()
    except DetenteError as error:
        err_console.print(f"error: {error}", style="red", markup=False, highlight=False)
        raise SystemExit(1) from None
