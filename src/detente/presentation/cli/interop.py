"""``detente import-domain``: a GENIUS / GeniusWeb domain (folder or files) as scenario YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.model import dump_scenario
from detente.presentation.cli.common import fail, read_domain_or_exit

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
) -> None:
    """Read a GENIUS XML or GeniusWeb JSON domain and its profiles; write scenario YAML."""
    result = read_domain_or_exit(path, list(profiles or []), domain)
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
