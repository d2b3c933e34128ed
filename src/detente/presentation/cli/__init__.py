"""The ``detente`` command line: a thin typer layer over library calls.

Each command lives in its own module with a ``register(app)`` function; :mod:`.app` lists them.
"""

from detente.presentation.cli.app import app, main

__all__ = ["app", "main"]
