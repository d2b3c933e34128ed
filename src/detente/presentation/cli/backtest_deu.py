"""``detente backtest-deu FOLDER``: score the collective-decision models on the DEU data.

Prints every model's mean absolute error with a 95 % cluster-bootstrap interval (proposals
resampled, seeded), the paired difference against the compromise (weighted mean) with its
interval, and the shares of issues forecast within 5 and 10 points; ``--errors`` keeps the
per-issue errors (CSV or DuckDB), ``--png`` draws the forest plot. ``--json`` writes::

    {"schema": "detente.backtest-deu/1", "folder": str, "capability": str,
     "bootstrap": {"replicates": int, "seed": int, "unit": "proposal"},
     "issues": int, "proposals": int, "baseline": "compromise",
     "models": [{"name", "mae", "mae_low", "mae_high", "diff", "diff_low", "diff_high",
                 "within5", "within10", "n_issues"}], "notes": [str]}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn
from rich.table import Table

from detente.engines.issuetable import CAPABILITIES, IssueTable, IssueTableError, load_deu
from detente.engines.issuetable.backtest import Forecasts, ModelScore, score
from detente.engines.issuetable.catalog import CV_MODELS, MODELS, benchmark
from detente.presentation.cli.common import console, err_console, fail, print_json

__all__ = ["DEFAULT_MODELS", "register", "run_deu_backtest"]

SCHEMA = "detente.backtest-deu/1"
DEFAULT_MODELS = (*MODELS, *CV_MODELS)
_MODEL_HELP = f"Model to run (repeatable); default all: {', '.join(DEFAULT_MODELS)}."


def _table(scores: Sequence[ModelScore], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("model", "MAE [95%]", "− compromise [95%]", "≤5", "≤10"):
        table.add_column(column, justify="left" if column == "model" else "right", no_wrap=True)
    for s in scores:
        table.add_row(
            s.name,
            f"{s.mae:.2f} [{s.mae_low:.2f}, {s.mae_high:.2f}]",
            f"{s.diff:+.2f} [{s.diff_low:+.2f}, {s.diff_high:+.2f}]",
            f"{s.within5:.0%}",
            f"{s.within10:.0%}",
        )
    return table


def _write_outputs(
    forecasts: Forecasts, scores: list[ModelScore], title: str, paths: tuple[Path | None, ...]
) -> None:
    """The per-issue errors (``paths[0]``) and the figure (``paths[1]``), when asked for."""
    errors_path, png = paths
    if errors_path is not None:
        from detente.engines.issuetable.store import write_errors

        try:
            write_errors(errors_path, forecasts)
        except (OSError, ValueError) as error:
            fail(f"{errors_path}: cannot write: {error}")
    if png is not None:
        from detente.presentation.report.backtest_png import write_backtest_png

        try:
            write_backtest_png(png, scores, title)
        except (OSError, ValueError) as error:
            fail(f"{png}: cannot write: {error}")


def _run(table: IssueTable, names: list[str]) -> Forecasts:
    columns = ("[progress.description]{task.description}", BarColumn(), TaskProgressColumn())
    try:
        with Progress(*columns, console=err_console, transient=True) as bar:
            task = bar.add_task("models", total=len(names) + 1)
            return benchmark(table, names, lambda name: bar.advance(task))
    except ValueError as error:
        fail(str(error), 2)


def run_deu_backtest(
    folder: Path,
    *,
    models: Sequence[str],
    capability: str,
    bootstrap: int,
    seed: int,
    errors_path: Path | None,
    as_json: bool,
    png: Path | None = None,
) -> None:
    """Load the DEU files in ``folder``, run ``models``, print the scores (or JSON), and write
    the per-issue errors and the figure when asked; a located error and exit 1 on bad input."""
    try:
        table = load_deu(folder, capability)
    except IssueTableError as error:
        fail("\n".join(error.problems))
    names = list(dict.fromkeys(models))
    forecasts = _run(table, names)
    shown = [n for n in forecasts.names if n in names or n == "compromise"]
    scores = [s for s in score(forecasts, "compromise", bootstrap, seed) if s.name in shown]
    n_groups = len(set(forecasts.groups))
    title = (
        f"DEU {folder}: {len(forecasts.issue_ids)} scored issues in {n_groups} proposals,"
        f" capability={capability}, {bootstrap} bootstrap replicates over proposals (seed {seed})"
    )
    _write_outputs(forecasts, scores, title, (errors_path, png))
    if not as_json:
        console.print(_table(scores, title))
        return
    print_json(
        {
            "schema": SCHEMA,
            "folder": str(folder),
            "capability": capability,
            "bootstrap": {"replicates": bootstrap, "seed": seed, "unit": "proposal"},
            "issues": len(forecasts.issue_ids),
            "proposals": n_groups,
            "baseline": "compromise",
            "models": [dataclasses.asdict(s) for s in scores],
            "notes": list(table.notes),
        }
    )


def backtest_deu_command(
    folder: Annotated[Path, typer.Argument(help="Folder with the DEU CSV files.")],
    model: Annotated[list[str] | None, typer.Option("--model", help=_MODEL_HELP)] = None,
    capability: Annotated[
        str, typer.Option(help=f"Capability convention: {' | '.join(CAPABILITIES)}.")
    ] = "votes",
    bootstrap: Annotated[int, typer.Option(min=1, help="Bootstrap replicates.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap.")] = 0,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write per-issue errors (.csv or .duckdb).")
    ] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Write the figure (PNG).")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score the collective-decision models on the DEU issues: MAE with 95% intervals."""
    if capability not in CAPABILITIES:
        fail(f"--capability must be one of {', '.join(CAPABILITIES)}", 2)
    run_deu_backtest(
        folder,
        models=model or DEFAULT_MODELS,
        capability=capability,
        bootstrap=bootstrap,
        seed=seed,
        errors_path=errors,
        as_json=json,
        png=png,
    )


def register(app: typer.Typer) -> None:
    app.command("backtest-deu")(backtest_deu_command)
