"""``detente forecast``: the expected-utility (BDM) forecast, its baselines and explanation.

``--json`` writes the envelope of :mod:`detente.documents` around the forecast's own document
(schema ``detente.forecast/1``, :mod:`detente.engines.forecast.document`).

For a scenario the headline comes first: agreement or not when every principal holds a veto
(:mod:`detente.engines.forecast.negotiation`); the per-issue model follows as an input.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer
from rich.table import Table

from detente.documents import envelope
from detente.engines.forecast.actors import ActorTableError
from detente.engines.forecast.document import (
    IssueView,
    TableForecast,
    forecast_table,
    issue_view,
)
from detente.engines.forecast.errors import ForecastError
from detente.engines.forecast.negotiation import DealForecast, forecast_negotiation
from detente.engines.forecast.options import BdmOptions, OptionError, parse_options, preset
from detente.engines.forecast.rounds import CLASS_NAMES
from detente.engines.forecast.scenario import ScenarioForecast
from detente.model.scenario import Scenario
from detente.presentation.cli.common import console, fail, load_or_exit, print_json

__all__ = ["register"]


def _trajectory(view: IssueView) -> Table:
    run = view.run
    table = Table("round", "median", "mean", *view.table.names, title=f"{view.label}: trajectory")
    for t in range(run.rounds + 1):
        cells = [f"{v:.3f}" for v in run.positions[t]]
        table.add_row(str(t), f"{run.median[t]:.3f}", f"{run.mean[t]:.3f}", *cells)
    return table


def _classifications(view: IssueView) -> Table:
    run = view.run
    table = Table("round", *CLASS_NAMES[1:], "moves", title="Pair classifications (i vs j)")
    for t in range(run.rounds):
        codes = run.classes[t]
        counts = [str(int((codes == k).sum())) for k in range(1, len(CLASS_NAMES))]
        table.add_row(str(t + 1), *counts, str(int((run.partner[t] >= 0).sum())))
    return table


def _show(view: IssueView) -> None:
    console.print(_trajectory(view))
    if view.run.rounds:
        console.print(_classifications(view))
    run, b = view.run, view.baselines
    summary = Table("forecast", "value", "as", title="Forecast and baselines")
    for name, value in (
        ("BDM median (last round)", run.forecast),
        ("weighted mean", b.weighted_mean),
        ("weighted median", b.weighted_median),
        ("Nash bargaining", b.nash),
    ):
        summary.add_row(name, f"{value:.3f}", view.name(value))
    console.print(summary)
    period = f", period {run.period}" if run.period else ""
    console.print(f"stop: {run.stop_reason} after {run.rounds} round(s){period}", markup=False)
    console.print(view.explanation, markup=False)
    for line in view.assumptions:
        console.print(f"assumption: {line}", markup=False)


def _options(preset_name: str | None, items: list[str], rounds: int | None) -> BdmOptions:
    try:
        base = preset(preset_name) if preset_name else BdmOptions()
        options = parse_options(items, base)
        if rounds is not None:
            options = dataclasses.replace(options, max_rounds=rounds)
    except OptionError as error:
        flag = "--preset" if str(error).startswith("unknown preset") else "--option"
        fail(f"{error} (in {flag})", code=2)
    return options


def _table(actors: str, options: BdmOptions) -> TableForecast:
    try:
        return forecast_table(actors, options)
    except ActorTableError as error:
        fail("\n".join(error.problems))


def _scenario(
    loaded: Scenario, options: BdmOptions, issues: list[str], samples: int, seed: int
) -> ScenarioForecast:
    known = {i.id for i in loaded.issues}
    for issue_id in issues:
        if issue_id not in known:
            fail(f"--issue: unknown issue {issue_id!r}; issues: {', '.join(sorted(known))}", 2)
    try:
        return forecast_negotiation(loaded, options, issues or None, samples, seed)
    except ForecastError as error:
        fail(str(error))


def forecast(
    scenario: Annotated[str | None, typer.Argument(help="Embedded id or YAML file.")] = None,
    issue: Annotated[list[str] | None, typer.Option("--issue", help="Issue id (repeat).")] = None,
    actors: Annotated[str | None, typer.Option(help="CSV actor table instead.")] = None,
    preset_name: Annotated[
        str | None, typer.Option("--preset", help="default, scholz-jmckib or masad.")
    ] = None,
    option: Annotated[list[str] | None, typer.Option(help="KEY=VALUE (repeat).")] = None,
    rounds: Annotated[int | None, typer.Option(min=0, max=100_000)] = None,
    samples: Annotated[int, typer.Option(min=0, max=100_000)] = 0,
    seed: Annotated[int, typer.Option(min=0)] = 0,
    json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Forecast where talks settle with the expected-utility model, beside its baselines."""
    options = _options(preset_name, option or [], rounds)
    if actors is not None and samples:
        fail("--samples draws from a scenario's uncertainty; it does not apply to --actors", 2)
    result: TableForecast | ScenarioForecast
    if actors is not None:
        from_csv = _table(actors, options)
        result, views, scenario_id = from_csv, [from_csv.view], None
    else:
        loaded = load_or_exit(scenario)
        result = _scenario(loaded, options, issue or [], samples, seed)
        views = [issue_view(item, options) for item in result.issues]
        scenario_id = loaded.metadata.id
    if json:
        print_json(envelope("forecast", scenario_id, result))
        return
    if isinstance(result, ScenarioForecast) and result.negotiation is not None:
        _show_deal(result.negotiation)
    for view in views:
        _show(view)
    distribution = None if isinstance(result, TableForecast) else result.distribution
    if distribution:
        table = Table(
            "issue", "forecast option shares", title=f"Over {samples} samples, seed {seed}"
        )
        for issue_id, shares in distribution.items():
            table.add_row(issue_id, ", ".join(f"{k} {v:.0%}" for k, v in shares.items() if v))
        console.print(table)


def _show_deal(deal: DealForecast) -> None:
    """The headline: agreement or not under the principals' vetoes, before any per-issue view."""
    draws = f"{deal.samples} draws, seed {deal.seed}" if deal.samples else "the scenario as written"
    console.print(
        f"[bold]Negotiation forecast: {deal.headline}[/bold] — P(agreement) ≤ "
        f"{deal.p_agreement:.0%} ({draws}; an acceptable deal must exist for every principal)"
    )
    if deal.terms:
        terms = ", ".join(f"{k}={v}" for k, v in deal.terms.items())
        console.print(
            f"  if agreed, most likely terms ({deal.terms_share:.0%}): {terms}", markup=False
        )
    console.print(
        "  otherwise: " + ", ".join(f"{k}={v}" for k, v in deal.no_deal.items() if v), markup=False
    )
    if deal.pivotal:
        blocking = ", ".join(f"{k} ({v:.0%})" for k, v in deal.pivotal.items())
        console.print(f"  requirements whose removal alone opens a deal: {blocking}", markup=False)
    if deal.influence_breaks:
        console.print(
            "  the per-issue influence forecasts below form a package that breaks "
            + ", ".join(deal.influence_breaks)
            + ": an input, not a forecast of the deal",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command()(forecast)
