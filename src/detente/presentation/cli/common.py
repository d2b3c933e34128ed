"""Helpers shared by the commands: the console, loading scenarios, failing without tracebacks."""

from __future__ import annotations

import json
from typing import Any, NoReturn

import typer
from rich.console import Console

from detente.model import Scenario, ScenarioError, resolve_scenario
from detente.model.loading import Diagnostic

__all__ = ["console", "err_console", "fail", "load_or_exit", "print_json", "report_diagnostics"]

console = Console()
err_console = Console(stderr=True)


def report_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Print each diagnostic on its own line to standard error."""
    for diagnostic in diagnostics:
        style = "red" if diagnostic.severity == "error" else "yellow"
        err_console.print(
            str(diagnostic), style=style, markup=False, highlight=False, soft_wrap=True
        )


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` to standard error and exit with ``code``."""
    err_console.print(f"error: {message}", style="red", markup=False, highlight=False)
    raise typer.Exit(code)


def load_or_exit(reference: str | None) -> Scenario:
    """Resolve an embedded id or a file path to a scenario, or print its problems and exit 1."""
    try:
        return resolve_scenario(reference)
    except ScenarioError as error:
        report_diagnostics(error.diagnostics)
        raise typer.Exit(1) from None


def print_json(document: Any) -> None:
    """Write ``document`` as JSON to standard output (no rich markup, no wrapping)."""
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False, default=str))
