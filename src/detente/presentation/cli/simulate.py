"""``detente simulate``: Monte Carlo sweeps of negotiations, stored in DuckDB, summarised."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from detente.documents import envelope
from detente.engines.limits import MAX_SIMULATE_OUTCOMES, has_feasible_outcome
from detente.model.storefile import StoreFileError
from detente.presentation.cli.common import (
    MAX_RUNS,
    MAX_SEED,
    check_space_or_exit,
    console,
    err_console,
    fail,
    load_or_exit,
    print_json,
    require_or_exit,
)
from detente.presentation.cli.simulate_history import show_history

__all__ = ["register", "simulate"]


class _RateColumn(ProgressColumn):
    """Runs per second since the bar started."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} runs/s", style="cyan")


def _parse_strategies(items: list[str]) -> tuple[tuple[str, Any], ...]:
    from detente.engines.simulation.registry import parse_strategy

    result = []
    for item in items:
        party, eq, spec = item.partition("=")
        if not eq or not party:
            fail(f"--strategy {item!r}: expected PARTY=NAME[:key=value,...]", 2)
        try:
            result.append((party.strip(), parse_strategy(spec)))
        except ValueError as error:
            fail(f"--strategy {item!r}: {error}", 2)
    return tuple(result)


def _progress(quiet: bool) -> Progress:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
    )
    # Without a terminal a live bar cannot erase itself and would leave blank lines behind.
    hidden = quiet or not err_console.is_terminal
    return Progress(*columns, console=err_console, disable=hidden, transient=True)


def _where(runs: int, db: Path | None, options: dict[str, Any], bar: Progress) -> Any:
    """A function of an arm's label: where its runs go, with a progress bar of its own."""
    from detente.engines.simulation.runs import Executor

    small = runs <= 2 * options["batch"] or options["workers"] == 1
    executor = "inline" if small else options["executor"]

    def where(label: str, total: int = runs) -> Executor:
        task = bar.add_task(label, total=total)
        return Executor(
            db=db, executor=executor if options["scheduler"] is None else "dask",
            workers=options["workers"], scheduler=options["scheduler"], batch=options["batch"],
            progress=lambda k: bar.advance(task, k),
        )  # fmt: skip

    return where


def _summary_table(summary: Any) -> Table:
    low, high = summary.interval
    table = Table(title=f"{summary.scenario}: {summary.protocol}, {summary.strategies}")
    table.add_column("measure")
    table.add_column("value")
    table.add_row("runs", f"{summary.runs:,}")
    table.add_row("agreement rate", f"{summary.rate:.1%} (95% CI {low:.1%}–{high:.1%})")
    if summary.rounds_mean is not None:
        table.add_row(
            "rounds to agreement",
            f"mean {summary.rounds_mean:.1f}, median {summary.rounds_median:g}",
        )
    for party, value in summary.utilities.items():
        table.add_row(f"utility of {party} (given a deal)", f"{value:.3f}")
    table.add_row(
        "how runs ended", ", ".join(f"{k} {v:,}" for k, v in sorted(summary.ends.items()))
    )
    return table


def _outcomes_table(summary: Any) -> Table:
    table = Table(title="Most frequent deals")
    table.add_column("count", justify="right")
    table.add_column("outcome")
    for outcome, count in summary.top_outcomes:
        table.add_row(str(count), ", ".join(f"{k}={v}" for k, v in outcome.items()))
    return table


def simulate(
    scenario: Annotated[
        str | None, typer.Argument(help="Embedded scenario id or YAML file.")
    ] = None,
    runs: Annotated[
        int, typer.Option("--runs", "-n", min=1, max=MAX_RUNS, help="Number of runs.")
    ] = 1000,
    seed: Annotated[
        int, typer.Option(min=0, max=MAX_SEED, help="Seed: run i depends only on (seed, i).")
    ] = 0,
    protocol: Annotated[str, typer.Option(help="alternating or mediated.")] = "alternating",
    strategy: Annotated[
        list[str] | None, typer.Option(help="PARTY=NAME[:k=v,...], repeatable.")
    ] = None,
    default: Annotated[str, typer.Option(help="Strategy of principals not given one.")] = "linear",
    mediator: Annotated[
        str, typer.Option(help="Mediator policy: nash, split or informed (knows the preferences).")
    ] = "nash",
    deadline: Annotated[int | None, typer.Option(min=1, help="Deadline in rounds.")] = None,
    days_per_round: Annotated[
        int, typer.Option(min=1, help="Days of scenario time per round.")
    ] = 1,
    no_events: Annotated[bool, typer.Option("--no-events", help="Fire no scenario event.")] = False,
    shock: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="SD of a seeded normal shock to each principal's no-deal "
            "value, every round (a random walk; 0: none).",
        ),
    ] = 0.0,
    history: Annotated[
        int | None,
        typer.Option("--history", min=0, help="Print the full history of run RUN_ID instead."),
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Agreement under each signal.")
    ] = False,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler, tcp://HOST:PORT.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Local worker processes.")] = None,
    batch: Annotated[int, typer.Option(min=1, help="Runs per task.")] = 256,
    db: Annotated[
        Path | None,
        typer.Option(help="DuckDB file to store the runs in (resumable); default: memory only."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Simulate negotiations many times and summarise how often and where they end in a deal."""
    needs = (("duckdb",) if db is not None else ()) + (
        ("distributed",) if scheduler is not None else ()
    )
    if history is None and needs:
        require_or_exit("sim", needs, "a stored or distributed simulation sweep")
    loaded = load_or_exit(scenario)
    check_space_or_exit(loaded, MAX_SIMULATE_OUTCOMES, "simulate")
    if not has_feasible_outcome(loaded):
        fail("no outcome meets every feasibility rule: there is nothing to negotiate over")
    from detente.engines.simulation.runs import compare_runs, simulate_runs
    from detente.engines.simulation.sweep import SweepJob

    config = dataclasses.replace(
        _config(loaded, protocol, strategy or [], default, mediator),
        deadline=deadline, days_per_round=days_per_round, events=() if no_events else None,
        shock=shock,
    )  # fmt: skip
    if history is not None:
        show_history(loaded, config, seed, history, as_json)
        return
    path = db  # None: the runs stay in memory; nothing is written unless the user says where
    options = {
        "executor": "processes", "workers": workers or max(1, min(os.cpu_count() or 1, 8)),
        "scheduler": scheduler, "batch": batch, "quiet": as_json,
    }  # fmt: skip
    started = time.perf_counter()
    try:
        with _progress(as_json) as bar:
            where = _where(runs, path, options, bar)
            if compare:
                result: Any = compare_runs(loaded, config, seed, runs, where)
            else:
                result = simulate_runs(SweepJob(loaded, seed, config), runs, where("simulating"))
    except (OSError, ValueError, StoreFileError) as error:
        fail(str(error))
    if as_json:
        print_json(envelope("simulate", loaded.metadata.id, result))
    elif compare:
        _compare_table(result, seed, runs)
    else:
        _report(result, path, runs, time.perf_counter() - started)


def _config(scenario: Any, protocol: str, strategy: list[str], default: str, mediator: str) -> Any:
    from detente.engines.simulation import SimulationConfig, parse_strategy

    if protocol not in ("alternating", "mediated"):
        fail(f"--protocol {protocol!r}: expected alternating or mediated", 2)
    principals = {p.id for p in scenario.principals}
    strategies = _parse_strategies(strategy)
    for party, _ in strategies:
        if party not in principals:
            names = ", ".join(sorted(principals))
            fail(f"--strategy: {party!r} is not a principal of {scenario.metadata.id} ({names})", 2)
    try:
        default_spec, mediator_spec = parse_strategy(default), parse_strategy(mediator)
    except ValueError as error:
        fail(str(error), 2)
    if default_spec.is_mediator or not mediator_spec.is_mediator:
        fail(
            "--default takes a principal's strategy, "
            "--mediator a mediator policy (nash, split, informed)",
            2,
        )
    return SimulationConfig(
        protocol=protocol, strategies=strategies, default=default_spec, mediator=mediator_spec
    )


def _quality_text(quality: Any) -> str:
    """The share of deals that are Pareto-dominated and their mean distance to the Nash deal."""
    if quality is None or quality.deals == 0:
        return "no deal to judge"
    distance = (
        "no Nash deal (no zone)"
        if quality.nash_distance is None
        else (f"{quality.nash_distance:.3f}")
    )
    return (
        f"{quality.dominated_share:.1%} Pareto-dominated; mean distance to the Nash deal {distance}"
    )


def _report(summary: Any, path: Path | None, runs: int, elapsed: float) -> None:
    console.print(_summary_table(summary))
    console.print(f"deals: {_quality_text(summary.quality)}", highlight=False)
    if summary.top_outcomes:
        console.print(_outcomes_table(summary))
    rate = runs / elapsed if elapsed > 0 else 0.0
    where = (
        f"results: {path}" if path is not None else "runs kept in memory (--db FILE stores them)"
    )
    console.print(f"{where} (sweep {summary.sweep_id}); {rate:,.0f} runs/s", highlight=False)


def _compare_table(comparison: Any, seed: int, runs: int) -> None:
    table = Table(
        title=f"{comparison.scenario}: agreement under each signal "
        f"({runs:,} runs each, seed {seed})"
    )
    for column in ("variant", "agreement", "95% CI", "mean rounds to deal", "deals"):
        table.add_column(column)
    for arm in comparison.arms:
        s = arm.summary
        low, high = s.interval
        rounds = "–" if s.rounds_mean is None else f"{s.rounds_mean:.1f}"
        quality = _quality_text(s.quality)
        table.add_row(arm.label, f"{s.rate:.1%}", f"{low:.1%}–{high:.1%}", rounds, quality)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(simulate)
