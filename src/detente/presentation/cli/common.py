"""Helpers shared by the commands: the console, loading scenarios, failing without tracebacks."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, NoReturn

import typer

from detente.engines.limits import SpaceTooLargeError, check_space_size
from detente.errors import MissingExtraError, require_extra
from detente.interop import (
    DomainImport,
    InteropError,
    import_domain,
    import_domain_folder,
)
from detente.model import Scenario, ScenarioError, resolve_scenario
from detente.model.loading import Diagnostic
from detente.presentation.safe_console import SafeConsole

__all__ = [
    "MAX_RUNS",
    "MAX_SAMPLES",
    "MAX_SEED",
    "check_space_or_exit",
    "console",
    "err_console",
    "fail",
    "load_or_exit",
    "load_paths_or_exit",
    "print_json",
    "read_domain_or_exit",
    "report_diagnostics",
    "require_or_exit",
]

#: Limits of the numeric options shared by the commands (seeds fit a signed 64-bit column).
MAX_SEED = 2**63 - 1
MAX_SAMPLES = 100_000
MAX_RUNS = 10_000_000

# User text (titles, names, quotes) is printed as text: no markup ("[/x]" or "[sic]" in a quote
# neither crashes nor styles the output), no terminal control codes, no unencodable surrogate.
# Styles are given as Text / style=.
console = SafeConsole()
err_console = SafeConsole(stderr=True)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


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


def require_or_exit(extra: str, modules: tuple[str, ...], feature: str) -> None:
    """Exit 1 naming the extra to install when a module of ``modules`` does not import."""
    try:
        require_extra(extra, modules, feature)
    except MissingExtraError as error:
        fail(str(error))


def check_space_or_exit(scenario: Scenario, limit: int, command: str) -> None:
    """Exit 1 with the size and the limit when the outcome space is over ``command``'s limit."""
    try:
        check_space_size(scenario, limit, command)
    except SpaceTooLargeError as error:
        fail(str(error))


def load_or_exit(reference: str | None) -> Scenario:
    """Resolve an embedded id or a file path to a scenario, or print its problems and exit 1."""
    try:
        return resolve_scenario(reference)
    except ScenarioError as error:
        report_diagnostics(error.diagnostics)
        raise typer.Exit(1) from None


def read_domain_or_exit(
    path: Path, profiles: list[Path], domain: str | None = None, as_of: dt.date | None = None
) -> DomainImport:
    """A GENIUS / GeniusWeb domain: a folder, or a domain file with its profile files.

    Skipped files and lenient-reading warnings go to standard error; errors exit 1 (2 for a
    wrong combination of arguments).
    """
    try:
        if path.is_dir():
            if profiles:
                fail("give either a folder or a domain file with profile files, not both", 2)
            result = import_domain_folder(path, domain, as_of)
        elif not profiles:
            fail("a domain file needs at least two profile files (or give a folder)", 2)
        else:
            result = import_domain(path, profiles, as_of)
    except InteropError as error:
        fail(str(error))
    for skipped in result.skipped:
        err_console.print(str(skipped), style="yellow", markup=False, highlight=False)
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", style="yellow", markup=False, highlight=False)
    return result


def load_paths_or_exit(paths: list[str]) -> Scenario:
    """A scenario from command-line paths: nothing (the default scenario), an embedded id or
    a scenario file, a GENIUS domain folder, or a GENIUS domain file followed by profiles."""
    if not paths:
        return load_or_exit(None)
    first = Path(paths[0])
    if len(paths) == 1 and not first.is_dir():
        return load_or_exit(paths[0])
    return read_domain_or_exit(first, [Path(p) for p in paths[1:]]).scenario


def print_json(document: Any) -> None:
    """Write ``document`` as JSON to standard output (no rich markup, no wrapping)."""
    text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    # A lone surrogate cannot be written as UTF-8: keep it as a JSON escape.
    typer.echo(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
