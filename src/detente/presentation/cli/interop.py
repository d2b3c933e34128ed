"""``detente import-domain``: a GENIUS / GeniusWeb domain (folder or files) as scenario YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.interop import DomainImport, InteropError, import_domain, import_domain_folder
from detente.model import dump_scenario
from detente.presentation.cli.common import err_console, fail

__all__ = ["register"]


def _read(path: Path, profiles: list[Path], domain: str | None) -> DomainImport:
    if path.is_dir():
        if profiles:
            fail("give either a folder or a domain file with profile files, not both", 2)
        return import_domain_folder(path, domain)
    if not profiles:
        fail("a domain file needs at least two profile files (or give a folder)", 2)
    return import_domain(path, profiles)


def import_domain_command(
    path: Annotated[Path, typer.Argument(help="A domain folder, or a domain file.")],
    profiles: Annotated[
        list[Path] | None, typer.Argument(help="Profile files (when PATH is a domain file).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    domain: Annotated[
        str | None, typer.Option(help="Which domain file of a folder holding several.")
    ] = None,
) -> None:
    """Read a GENIUS XML or GeniusWeb JSON domain and its profiles; write scenario YAML."""
    try:
        result = _read(path, list(profiles or []), domain)
    except InteropError as error:
        fail(str(error))
    for skipped in result.skipped:
        err_console.print(str(skipped), style="yellow", markup=False, highlight=False)
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", style="yellow", markup=False, highlight=False)
    text = dump_scenario(result.scenario)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")


def register(app: typer.Typer) -> None:
    app.command("import-domain")(import_domain_command)
