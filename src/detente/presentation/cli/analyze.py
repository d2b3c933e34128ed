"""``detente analyze``: the bargaining space of a scenario, for people (rich tables) or programs.

The tables follow the questions an analyst asks: how big is the space, is there a zone of
agreement, why not (in the parties' own words), what single move would open one and at what
cost, where do the parties' words mean different things, what each posture is worth, how the
events shifted the no-deal values, and how much all this depends on the uncertain numbers.
"""

from __future__ import annotations

import math
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn
from rich.table import Table

from detente.documents import envelope
from detente.engines.analysis.analyze import Analysis, analyze
from detente.engines.analysis.sensitivity import Sensitivity
from detente.model.scenario import Scenario
from detente.presentation.cli.common import console, err_console, load_paths_or_exit, print_json

__all__ = ["register"]


def _outcome(outcome: dict[str, str] | None, status_quo: dict[str, str] | None = None) -> str:
    if outcome is None:
        return "—"
    sq = status_quo or {}
    return ", ".join(f"{k}={v}" for k, v in outcome.items() if sq.get(k) != v) or "status quo"


def _num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _counts(a: Analysis) -> None:
    c = a.counts
    table = Table("", "outcomes", title=f"Bargaining space — {a.scenario['title']}")
    table.add_row("all outcomes", str(c.outcomes))
    table.add_row("feasible", str(c.feasible))
    for p in c.parties:
        need = "" if p.required else " (not required)"
        label = f"r={p.reservation:.3g}, status quo u={p.status_quo_utility:.3g}"
        table.add_row(f"acceptable to {p.party} ({label}){need}", str(p.acceptable))
    table.add_row("[bold]zone of possible agreement[/]", f"[bold]{c.zopa}[/]")
    table.add_row("Pareto-efficient feasible outcomes", str(a.frontier_size))
    console.print(table)


def _conflicts(a: Analysis) -> None:
    if a.counts.has_zopa:
        return
    console.rule("[bold]Why no deal")
    console.print(f"method: {a.conflicts.method}", style="dim")
    for k, conflict in enumerate(a.conflicts.conflicts, 1):
        console.print(f"[bold]{k}.[/] {escape(conflict.sentence)}")
        table = Table("party", "requirement", "evidence", show_lines=True)
        for req in conflict.requirements:
            quotes = "\n".join(
                f"{q.speaker}{', ' + q.date if q.date else ''}{', ' + q.venue if q.venue else ''}"
                f"{' (' + q.reported_by + ')' if q.reported_by else ''}: “{q.quote}”"
                for q in req.evidence
            )
            table.add_row(req.party_name, escape(req.text), escape(quotes) or "—")
        console.print(table)


def _bridges(a: Analysis, sq: dict[str, str]) -> None:
    if a.bridges is None:
        return
    console.rule("[bold]Bridges, ranked by the mover's cost")
    for k, b in enumerate(a.bridges.bridges, 1):
        gains = ", ".join(f"{p} {g:+.3f}" for p, g in b.gains.items())
        console.print(
            f"[bold]{k}.[/] {escape(b.move.description)} — cost to {b.move.party} "
            f"[bold]{b.mover_cost:.3f}[/]; opens {b.zopa} outcome{'s' if b.zopa != 1 else ''}\n"
            f"   Nash deal: {escape(_outcome(b.deal.outcome, sq))}\n"
            f"   gains over no deal: {gains}"
        )
    console.print(
        f"{len(a.bridges.no_effect)} other single moves open no zone of agreement. Cost = the "
        "mover's best utility under its stated position minus its utility at the deal.",
        style="dim",
    )


def _definitions(a: Analysis) -> None:
    if not a.definitions:
        return
    console.rule("[bold]Definitional gaps")
    for gap in a.definitions:
        console.print(f"[bold]{escape(gap.term)}[/]: {escape(gap.reading)}")
        for o in gap.overlaps:
            for who, other, examples in (
                (o.a, o.b, o.examples_only_a),
                (o.b, o.a, o.examples_only_b),
            ):
                if examples:
                    console.print(
                        f"  admitted by {who}, excluded by {other} (closest to the status quo): "
                        f"{escape(_outcome(examples[0]))}",
                        style="dim",
                    )


def _postures(a: Analysis) -> None:
    parties = list(a.scenario["parties"])
    table = Table(
        "posture",
        "party",
        "kind",
        "outcomes",
        "in ZOPA",
        *(f"{p} min–max (mean)" for p in parties),
        title="Postures",
    )
    for p in a.postures:
        cells = [
            f"{v.min:.2f}–{v.max:.2f} ({v.mean:.2f})" if (v := p.values.get(q)) else "—"
            for q in parties
        ]
        table.add_row(p.id, p.party, p.kind, str(p.count), str(p.in_zopa), *cells)
    console.print(table)


def _events(a: Analysis) -> None:
    principals = list(a.scenario["principals"])
    table = Table(
        "date",
        "event",
        "effect",
        *(f"r {p}" for p in principals),
        "ZOPA",
        *(f"least drop {p}" for p in principals),
        title="Events, applied cumulatively in date order",
    )
    deals = []
    for s in a.events:
        table.add_row(
            s.date,
            s.event or "(as stated)",
            "\n".join(s.effects) or "—",
            *(_num(s.reservations[p]) for p in principals),
            str(s.zopa),
            *(_num(s.least_drop[p]) for p in principals),
        )
        if s.nash is not None:
            deals.append(f"after {s.event or 'the start'}: Nash deal {_outcome(s.nash.outcome)}")
    console.print(table)
    for line in deals:
        console.print(escape(line))


def _sensitivity(s: Sensitivity) -> None:
    low, high = s.zopa_interval
    console.rule("[bold]Sensitivity")
    console.print(
        f"P(ZOPA exists) = {s.zopa_probability:.3f} (95% Wilson interval {low:.3f}–{high:.3f}) "
        f"over {s.samples} samples, seed {s.seed}; mean ZOPA size {s.mean_zopa_size:.1f}"
    )
    q05, q50, q95 = s.margin_quantiles
    console.print(
        f"Deal margin (the best outcome's least gain over no deal; ≥ 0 means a ZOPA): "
        f"{s.margin:+.3f} as stated; over the samples 5% {q05:+.3f}, median {q50:+.3f}, "
        f"95% {q95:+.3f}"
    )
    if -math.inf in (s.margin, q05, q50, q95):
        console.print("(-inf: no outcome meets every red line)", style="dim")
    table = Table("Nash outcome", "samples", "share", title="Most frequent Nash deals")
    for n in s.nash:
        table.add_row(_outcome(n.outcome), str(n.count), f"{n.share:.3f}")
    console.print(table)
    table = Table(
        "parameter",
        "r (ZOPA exists)",
        "mean with − without",
        "margin (ZOPA) at low",
        "margin (ZOPA) at high",
        title="What the conclusion depends on",
    )
    bars = {t.parameter: t for t in s.tornado}
    for i in s.importance:
        bar = bars.get(i.parameter)
        note = "" if i.affects_analysis else " (not used here)"
        table.add_row(
            i.parameter.removeprefix("preferences.") + note,
            _num(i.correlation),
            _num(i.mean_difference),
            f"{bar.margin_low:+.3f} ({bar.zopa_low}) @ {bar.low:g}" if bar else "—",
            f"{bar.margin_high:+.3f} ({bar.zopa_high}) @ {bar.high:g}" if bar else "—",
        )
    console.print(table)


def _solutions(a: Analysis) -> None:
    if not a.solutions:
        return
    table = Table("solution", "deal", "utilities", title="Bargaining solutions in the ZOPA")
    for name, s in a.solutions.items():
        utilities = ", ".join(f"{p} {u:.3f}" for p, u in s.utilities.items())
        table.add_row(name, _outcome(s.outcome), utilities)
    console.print(table)


def show(a: Analysis, status_quo: dict[str, str]) -> None:
    """Print the analysis as rich tables."""
    _counts(a)
    _solutions(a)
    _conflicts(a)
    _bridges(a, status_quo)
    _definitions(a)
    _postures(a)
    _events(a)
    if a.sensitivity is not None:
        _sensitivity(a.sensitivity)


def _run(scenario: Scenario, samples: int, seed: int, chunk: int, quiet: bool) -> Analysis:
    if samples == 0 or quiet:
        return analyze(scenario, samples, seed, chunk)
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(f"{samples} samples", total=None)
        return analyze(
            scenario,
            samples,
            seed,
            chunk,
            lambda done, total: bar.update(task, completed=done, total=total),
        )


def analyze_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="An embedded scenario id or a scenario file (default: hanoi-2019); or a GENIUS "
            "/ GeniusWeb domain folder; or a domain file followed by its profile files."
        ),
    ] = None,
    samples: Annotated[int, typer.Option(min=0, help="Monte Carlo samples (0: none).")] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the samples.")] = 0,
    chunk: Annotated[int, typer.Option(min=1, help="Outcomes per block.")] = 1 << 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON document.")] = False,
) -> None:
    """Analyse the bargaining space: zone of agreement, why no deal, bridges, gaps, sensitivity."""
    scenario = load_paths_or_exit(paths or [])
    result = _run(scenario, samples, seed, chunk, as_json)
    if as_json:
        print_json(envelope("analyze", result.scenario["id"], result))
        return
    show(result, scenario.status_quo)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
