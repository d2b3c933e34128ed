"""``detente backtest``: every engine on cases with a recorded outcome, scored against it.

CASES are embedded scenario ids, scenario files or folders of them (default: every embedded
scenario with an ``outcome`` section). Cases without an outcome are skipped with a note. The
DEU benchmark (``backtest deu FOLDER``) is a separate module wired in at merge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from detente.documents import envelope
from detente.engines.backtest import ENGINES, Backtest, Settings, backtest
from detente.engines.backtest.run import MethodScore
from detente.model import Scenario, ScenarioError, embedded_scenarios, resolve_scenario
from detente.model.loading import load_scenario
from detente.presentation.cli.common import (
    console,
    err_console,
    fail,
    print_json,
    report_diagnostics,
)

__all__ = ["collect_cases", "register"]

_SUFFIXES = (".yaml", ".yml")
_SHORT = {
    "baseline:status_quo": "status quo",
    "baseline:midpoint": "midpoint",
    "analyze:nash": "Nash",
    "analyze:utilitarian": "utilitarian",
    "analyze:bridge": "Nash or bridge",
    "forecast:negotiation": "forecast (vetoes)",
    "forecast:issues": "forecast per issue",
}


def _load(reference: str | Path) -> Scenario:
    try:
        if isinstance(reference, Path):
            return load_scenario(reference)
        return resolve_scenario(reference)
    except ScenarioError as error:
        report_diagnostics(error.diagnostics)
        raise typer.Exit(1) from None


def collect_cases(references: list[str]) -> list[Scenario]:
    """The scenarios named by CASES (ids, files, folders) that have an outcome section."""
    if not references:
        found = [_load(i) for i in embedded_scenarios()]
        cases = [s for s in found if s.outcome is not None]
        if not cases:
            fail("no embedded scenario has an outcome section; give case files or folders")
        return cases
    cases = []
    for reference in references:
        path = Path(reference)
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if f.suffix in _SUFFIXES)
            loaded = [_load(f) for f in files]
            skipped = [f.name for f, s in zip(files, loaded, strict=True) if s.outcome is None]
            if skipped:
                err_console.print(
                    f"note: {path}: no outcome section, skipped: {', '.join(skipped)}",
                    style="yellow",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            cases += [s for s in loaded if s.outcome is not None]
            continue
        scenario = _load(reference)
        if scenario.outcome is None:
            fail(f"{reference}: no outcome section (agreement, terms): nothing to score against")
        cases.append(scenario)
    if not cases:
        fail("no case with an outcome section among " + ", ".join(references))
    return cases


def _engines(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in ENGINES]
    if unknown or not names:
        given = ", ".join(unknown) or "(none)"
        fail(f"--engines: unknown {given}; choose from {', '.join(ENGINES)}", 2)
    return tuple(e for e in ENGINES if e in names)


def _ratio(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.0%})" if n else "—"


def scoreboard(result: Backtest) -> Table:
    """The record per method over the cases."""
    n = len(result.cases)
    table = Table(
        "method",
        "deal / no deal right",
        "Brier (P deal)",
        "issues exact",
        "mean distance (steps)",
        "errors",
        title=f"Backtest record over {n} case{'s' if n != 1 else ''}",
    )
    for m in result.summary:
        table.add_row(
            m.method,
            _ratio(m.deals_right, m.deals_scored),
            "—" if m.brier is None else f"{m.brier:.3f} ({m.brier_cases})",
            _ratio(m.exact, m.issues),
            "—" if m.mean_distance is None else f"{m.mean_distance:.2f} ({m.predicted})",
            str(m.errors) if m.errors else "",
        )
    return table


def _cell(score: MethodScore) -> str | Text:
    p = score.prediction
    if p.error:
        return Text.assemble(("error", "red"), f": {p.error[:60]}")
    verdict = {None: "—", True: "deal", False: "none"}[p.deal]
    mark = {None: "", True: " ✓", False: " ✗"}[score.deal_right]
    chance = "" if p.probability is None else f"\np={p.probability:.2f}"
    exact = sum(i.exact for i in score.issues)
    issues = f"\n{exact}/{len(score.issues)}" if score.issues else ""
    return f"{verdict}{mark}{chance}{issues}"


def cases_table(result: Backtest) -> Table:
    """One row per case: what happened, and each method's verdict, P(deal) and exact issues."""
    methods = [m.method for m in result.summary]
    table = Table(
        "case",
        "recorded",
        *(_SHORT.get(m, m) for m in methods),
        title="Per case: verdict (✓ right), p = P(deal), agreed issues exact",
        show_lines=True,
    )
    for case in result.cases:
        by = {s.prediction.method: s for s in case.scores}
        recorded = "deal" if case.agreement else "none"
        name = Text.assemble(f"{case.case}\n", (str(case.as_of), "dim"))
        table.add_row(name, recorded, *(_cell(by[m]) for m in methods))
    return table


def _run(cases: list[Scenario], settings: Settings, quiet: bool) -> Backtest:
    if quiet:
        return backtest(cases, settings)
    total = len(cases) * (1 + len(settings.engines))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("backtest", total=total)
        return backtest(
            cases, settings, lambda label: bar.update(task, advance=1, description=label)
        )


def _deu(folders: list[str], seed: int, as_json: bool) -> None:
    """``backtest deu FOLDER``: every DEU model with the defaults of ``detente backtest-deu``
    (which has the model, capability, bootstrap and output options)."""
    from detente.presentation.cli.backtest_deu import DEFAULT_MODELS, run_deu_backtest

    if len(folders) != 1:
        fail("backtest deu takes one FOLDER with the DEU CSV files", 2)
    run_deu_backtest(
        Path(folders[0]), models=DEFAULT_MODELS, capability="votes", bootstrap=1000,
        seed=seed, errors_path=None, as_json=as_json,
    )  # fmt: skip


def backtest_command(
    cases: Annotated[
        list[str] | None,
        typer.Argument(
            help="Embedded scenario ids, scenario files or folders of them, each with an "
            "outcome section (default: every embedded scenario with one). `deu FOLDER`: the "
            "DEU benchmark."
        ),
    ] = None,
    engines: Annotated[
        str, typer.Option(help=f"Comma-separated engines among {', '.join(ENGINES)}.")
    ] = ",".join(ENGINES),
    runs: Annotated[int, typer.Option(min=1, help="Simulation runs per case.")] = 200,
    samples: Annotated[int, typer.Option(min=0, help="Sensitivity samples for P(deal).")] = 200,
    seed: Annotated[int, typer.Option(help="Seed of the samples and the runs.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON document.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML page.")
    ] = None,
) -> None:
    """Score the engines against what happened: deal or not, P(deal) (Brier), agreed terms."""
    references = cases or []
    if references and references[0] == "deu":
        _deu(references[1:], seed, as_json)
        return
    settings = Settings(_engines(engines), runs, samples, seed)
    result = _run(collect_cases(references), settings, as_json)
    if html is not None:
        _write_html(result, html)
    if as_json:
        print_json(envelope("backtest", None, result))
        return
    console.print(cases_table(result))
    console.print(scoreboard(result))
    console.print(
        "Deal right: the verdict matches the record. Brier: mean (p - outcome)², 0 is perfect, "
        "0.25 is a coin. Issues exact: agreed issues of the cases with a deal predicted exactly "
        "(no package predicted counts as a miss); distance: mean option steps from the agreed "
        f"option over the issues predicted. Seed {seed}, {samples} samples, {runs} runs.",
        style="dim",
    )


def _write_html(result: Backtest, path: Path) -> None:
    try:
        from detente.presentation.report.backtest import write_backtest_html
    except ImportError as error:
        fail(f"--html needs the 'report' extra (pip install 'detente[report]'): {error}")
    try:
        write_backtest_html(result, path)
    except OSError as error:
        fail(f"cannot write {error.filename or path}: {error.strerror or error}")
    err_console.print(f"wrote {path.resolve()}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("backtest")(backtest_command)
