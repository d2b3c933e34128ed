"""``detente report``: one self-contained HTML file (and optional PNG figures) for a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.presentation.cli.common import MAX_SEED, console, fail, load_or_exit, require_or_exit

__all__ = ["register"]


def report(
    scenario: Annotated[
        str | None, typer.Argument(help="An embedded scenario id or a YAML file.")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write the figures as PNG to this folder.")
    ] = None,
    samples: Annotated[
        int, typer.Option(min=0, max=100_000, help="Parameter samples for the sensitivity.")
    ] = 200,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Seed of every random draw.")] = 0,
    runs: Annotated[
        int, typer.Option(min=0, max=100_000, help="Simulation runs per signal setting.")
    ] = 100,
) -> None:
    """Write the report: case, parties, issues, timeline, utility space, why no deal, bridges,
    definitional gaps, forecast, simulation, phased deals and sensitivity. Opens with no network."""
    needs = ("jinja2", "plotly", "matplotlib") if png is not None else ("jinja2", "plotly")
    require_or_exit("report", needs, "the report")
    loaded = load_or_exit(scenario)
    from detente.presentation.report import write_report
    from detente.presentation.views import SpaceTooLargeError

    try:
        written = write_report(loaded, output, samples=samples, seed=seed, runs=runs, png_dir=png)
    except SpaceTooLargeError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot write {error.filename or output}: {error.strerror or error}")
    for path in written:
        console.print(f"wrote {path.resolve()}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(report)
