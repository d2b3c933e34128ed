"""``detente import-domain`` / ``export-domain``: GENIUS / GeniusWeb domains in and out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from detente.interop import InteropError, export_domain
from detente.model import dump_scenario
from detente.presentation.cli.common import (
    console,
    err_console,
    fail,
    load_or_exit,
    read_domain_or_exit,
)

__all__ = ["register"]


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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The scenario's date, YYYY-MM-DD (default: the domain file's date)."
        ),
    ] = None,
) -> None:
    """Read a GENIUS XML or GeniusWeb JSON domain and its profiles; write scenario YAML."""
    date = None
    if as_of is not None:
        try:
            date = dt.date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of {as_of!r}: expected a date YYYY-MM-DD", 2)
    result = read_domain_or_exit(path, list(profiles or []), domain, date)
    text = dump_scenario(result.scenario)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")


def export_domain_command(
    scenario: Annotated[str, typer.Argument(help="An embedded scenario id or a YAML file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write into.")],
    format_: Annotated[
        str, typer.Option("--format", help="genius (GENIUS XML) or geniusweb (GeniusWeb JSON).")
    ] = "genius",
) -> None:
    """Write a scenario as a GENIUS XML or GeniusWeb JSON domain, one profile per principal."""
    if format_ not in ("genius", "geniusweb"):
        fail(f"--format {format_!r}: expected genius or geniusweb", 2)
    loaded = load_or_exit(scenario)
    try:
        result = export_domain(loaded, output, "genius" if format_ == "genius" else "geniusweb")
    except InteropError as error:
        fail(str(error))
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", style="yellow", markup=False, highlight=False)
    for path in result.files:
        console.print(f"wrote {path}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("import-domain")(import_domain_command)
    app.command("export-domain")(export_domain_command)
