"""The ``detente`` command line: a thin typer layer over library calls.

Each command lives in its own module with a ``register(app)`` function; :mod:`.app` lists them.
``detente``, ``detente --help`` and ``detente --version`` are answered by :mod:`.quickhelp`
without importing the commands (and so without NumPy, pydantic or the engines).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.presentation.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point (see :func:`detente.presentation.cli.app.main`)."""
    from detente.presentation.cli.quickhelp import QUICK_ARGUMENTS, quick_app

    if sys.argv[1:] in QUICK_ARGUMENTS:
        try:
            quick = quick_app()
        except (OSError, SyntaxError, ValueError, KeyError, StopIteration, IndexError):
            quick = None  # a registration it cannot read: the full application answers
        if quick is not None:
            quick()
            return
    from detente.presentation.cli.app import main as full

    full()


def __getattr__(name: str) -> Any:
    """``app``, the full application, built on first use."""
    if name == "app":
        from detente.presentation.cli.app import app as full_app

        globals()["app"] = full_app
        return full_app
    raise AttributeError(f"module 'detente.presentation.cli' has no attribute {name!r}")


class _Package(types.ModuleType):
    """This package, whose ``app`` is the application even once the submodule ``app`` is
    imported (the import system would otherwise set the attribute to the submodule)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "app" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
