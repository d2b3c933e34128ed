"""``detente phase``: phased deals against the big-bang deal, step by step."""

from __future__ import annotations

import math
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table

from detente import api
from detente.documents import envelope
from detente.engines.phasing import (
    FinalSpecError,
    NoNashDealError,
    PathReport,
    PhaseResult,
    PhasingError,
)
from detente.model import Scenario, ScenarioError, resolve_scenario
from detente.presentation.cli.common import console, fail, load_or_exit, print_json

__all__ = ["number", "phase", "register", "signed"]


def _threshold(value: float | None) -> str:
    if value is None:
        return "never (fails at full trust)"
    return f"{value:.3f}" if math.isfinite(value) else "undefined"


def signed(value: float) -> str:
    """``+0.123``; a value that is not a finite number is shown as ``undefined``, never nan."""
    return f"{value:+.3f}" if math.isfinite(value) else "undefined"


def number(value: float) -> str:
    """``0.123``; ``undefined`` for a value that is not a finite number."""
    return f"{value:.3f}" if math.isfinite(value) else "undefined"


def _moves(step: Any) -> str:
    return "\n".join(f"{m.issue}: {m.before} → {m.after}" for m in step.moves)


def _steps_table(path: PathReport, title: str, principals: list[str]) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column("step", justify="right")
    table.add_column("moves")
    table.add_column("who moves (gives)")
    for party in principals:
        table.add_column(f"{party}\nutility after", justify="right")
        table.add_column(f"{party}\nmargin over stopping", justify="right")
    for step in path.steps:
        cells = [str(step.number), _moves(step), ", ".join(step.movers) or "nobody (joint gain)"]
        for party in principals:
            margin = step.margins[party]
            style = "red" if margin < -1e-9 else "green"
            cells += [number(step.utilities[party]), f"[{style}]{signed(margin)}[/{style}]"]
        table.add_row(*cells)
    return table


def _form_row(name: str, path: PathReport | None, uniform: float | None) -> list[str]:
    if path is None:
        return [name, "—", "no path", "—", "—", _threshold(uniform)]
    verdict = "[green]yes[/green]" if path.feasible else "[red]no[/red]"
    failing = "; ".join(c.describe() for c in path.violated) or "none"
    per_party = ", ".join(f"{p} {_threshold(t)}" for p, t in path.thresholds.items())
    return [name, str(path.length), verdict, f"{signed(path.min_margin)}\n{failing}", per_party,
            _threshold(uniform)]  # fmt: skip


def _verdict_table(result: PhaseResult) -> Table:
    table = Table(title="Verdict: phased against big-bang", show_lines=True)
    for column in ("form", "steps", "self-enforcing", "weakest margin; violated constraints"):
        table.add_column(column)
    table.add_column("trust threshold per party\n(the others' compliance it needs)")
    table.add_column("trust threshold\n(all parties alike)")
    table.add_row(*_form_row("big-bang (one step)", result.big_bang, result.big_bang_threshold))
    table.add_row(*_form_row(f"best phased (≤{result.max_steps} steps)", result.best, None))
    if result.threshold_path is not None:
        table.add_row(
            *_form_row("phased, at its threshold", result.threshold_path, result.phased_threshold)
        )
    return table


def _header(result: PhaseResult) -> None:
    acc = result.acceptability
    console.print(f"[bold]Final outcome[/bold] ({result.final_source}):")
    console.print("  " + ", ".join(f"{k}={v}" for k, v in result.final.items()))
    parts = [
        f"{p} {number(u)} (no deal {number(acc.reservations[p])})" for p, u in acc.utilities.items()
    ]
    console.print("  utilities: " + "; ".join(parts))
    if acc.red_lines_broken:
        console.print("  [red]breaks red lines:[/red] " + ", ".join(acc.red_lines_broken))
    console.print(
        f"  in the zone of agreement: {'yes' if acc.acceptable else 'no'}; trust "
        + ", ".join(f"{p} {number(t)}" for p, t in result.trust.items())
        + "; discount "
        + ", ".join(f"{p} {number(d)}" for p, d in result.discount.items())
    )


def _summary(result: PhaseResult) -> str:
    if result.exists and result.shortest is not None:
        return (
            f"A self-enforcing path exists: the shortest has {result.shortest.length} step(s); "
            f"who moves first: {', '.join(result.shortest.first_movers) or 'nobody'}."
        )
    return f"No path of at most {result.max_steps} steps is self-enforcing at this trust."


def _show(result: PhaseResult) -> None:
    _header(result)
    principals = list(result.trust)
    console.print(_verdict_table(result))
    console.print(_summary(result))
    shown = result.best if result.best is not None else result.big_bang
    title = "Best phased path (maximin margin)" + ("" if shown.feasible else ": fails by least")
    console.print(_steps_table(shown, title, principals))
    binding = "; ".join(c.describe() for c in shown.binding)
    console.print(f"Binding constraints: {binding}")
    if shown.red_line_breaches:
        console.print("Red lines broken on the way: " + ", ".join(shown.red_line_breaches))
    if result.shortest is not None and result.shortest.length != shown.length:
        console.print(_steps_table(result.shortest, "Shortest self-enforcing path", principals))
    if result.robustness is not None:
        r = result.robustness
        console.print(
            f"Over {r.samples} samples (seed {r.seed}) of {', '.join(r.varied) or 'nothing'}: "
            f"a phased path is self-enforcing in {r.phased_share:.0%}, "
            f"the big-bang deal in {r.big_bang_share:.0%}."
        )
    beam = "a beam cut records: approximate" if result.approximate else "no beam: exact"
    console.print(
        f"[dim]search: {result.mode} steps, {result.states} states, {result.moves} moves, "
        f"{beam}; {result.seconds:.2f} s[/dim]"
    )


def _fail(as_json: bool, scenario: str | None, error: tuple[str, str], code: int) -> NoReturn:
    """Fail with ``error`` = (kind, message): with ``--json``, as the envelope whose result is
    ``{"error": {"kind", "message"}}`` on standard output."""
    kind, message = error
    if as_json:
        print_json(envelope("phase", scenario, {"error": {"kind": kind, "message": message}}))
        raise typer.Exit(code)
    fail(message, code)


def _load_json_or_exit(reference: str | None) -> Scenario:
    """The scenario, or its located problems as a JSON error document (exit 1)."""
    try:
        return resolve_scenario(reference)
    except ScenarioError as error:
        diagnostics = [
            {"file": d.file, "line": d.line, "column": d.column, "path": d.path,
             "severity": d.severity, "message": d.message, "text": str(d)}
            for d in error.diagnostics
        ]  # fmt: skip
        message = "; ".join(str(d) for d in error.diagnostics)
        result = {"error": {"kind": "scenario", "message": message, "diagnostics": diagnostics}}
        print_json(envelope("phase", None, result))
        raise typer.Exit(1) from None


def phase(
    scenario: Annotated[str | None, typer.Argument(help="Embedded id or file path.")] = None,
    final: Annotated[
        str, typer.Option(help="nash, bridge:N, or ISSUE=OPTION,... (others at the status quo).")
    ] = "nash",
    max_steps: Annotated[int, typer.Option(min=1, max=12, help="Most steps in a path.")] = 5,
    trust: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Compliance probability for every party."),
    ] = None,
    path_red_lines: Annotated[
        bool, typer.Option(help="Keep every step within the red lines (default: final only).")
    ] = False,
    samples: Annotated[
        int, typer.Option(min=0, help="Samples of the uncertain trust and discount factors.")
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the samples.")] = 0,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Phased deals: which step-by-step sequences to a final deal each side can trust."""
    loaded = _load_json_or_exit(scenario) if json else load_or_exit(scenario)
    try:
        result = api.phase(
            loaded,
            final=final,
            max_steps=max_steps,
            trust=trust,
            path_red_lines=path_red_lines,
            samples=samples,
            seed=seed,
        )
    except FinalSpecError as error:
        _fail(json, loaded.metadata.id, ("final", f"{error} (in --final)"), 2)
    except NoNashDealError as error:
        hint = "`detente analyze` explains why; try --final bridge:N or --final ISSUE=OPTION,..."
        _fail(json, loaded.metadata.id, ("no_deal_space", f"{error}. {hint}"), 1)
    except PhasingError as error:
        _fail(json, loaded.metadata.id, ("phasing", str(error)), 1)
    if json:
        print_json(envelope("phase", loaded.metadata.id, result))
    else:
        _show(result)


def register(app: typer.Typer) -> None:
    app.command()(phase)
