"""``detente forecast``: the expected-utility (BDM) forecast, its baselines and explanation.

``--json`` writes one document (schema ``detente.forecast/1``)::

    {"schema": "detente.forecast/1",
     "source": {"scenario": ID} | {"actors": FILE},
     "options": {option: value, ...},
     "issues": [{
        "issue": ID | null, "label": str, "options": [option id, ...] | null,
        "actors": [{"name", "party", "position", "capability", "salience"}],
        "rounds": [{"round": t, "median", "mean", "positions": [...], "risk": [...] | null,
                    "class_counts": {class: count}, "moves": [{"actor", "partner", "kind",
                    "from", "to"}]}],
        "stop": {"reason": "converged" | "cycle" | "round limit", "period": int | null,
                 "rounds": int},
        "forecast": {"value": float, "option": ID | null},
        "baselines": {"weighted_mean", "weighted_median", "nash"} (+ "options": {...}),
        "explanation": str, "assumptions": [str]}],
     "distribution": {issue: {option: share}} | null, "samples": int, "seed": int | null}

Positions of scenario issues are option ranks (0 = first option).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.table import Table

from detente.engines.forecast.actors import ActorTable, ActorTableError, load_actors_csv
from detente.engines.forecast.baselines import Baselines, compute_baselines
from detente.engines.forecast.bdm import BdmRun, run_bdm
from detente.engines.forecast.explain import assumptions, explain_issue, explain_run
from detente.engines.forecast.options import BdmOptions, OptionError, parse_options, preset
from detente.engines.forecast.rounds import CLASS_NAMES
from detente.engines.forecast.scenario import IssueForecast, forecast_scenario, nearest_option
from detente.presentation.cli.common import MAX_SEED, console, fail, load_or_exit, print_json

__all__ = ["register"]

SCHEMA = "detente.forecast/1"


@dataclasses.dataclass(frozen=True)
class _View:
    """One forecast to show: a scenario issue or a CSV table."""

    issue: str | None
    label: str
    table: ActorTable
    run: BdmRun
    baselines: Baselines
    explanation: str
    assumptions: list[str]
    name: Callable[[float], str]
    options: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None


def _round_doc(run: BdmRun, t: int) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "round": t,
        "median": float(run.median[t]),
        "mean": float(run.mean[t]),
        "positions": run.positions[t].tolist(),
        "risk": run.risk[t - 1].tolist() if t > 0 else None,
    }
    if t > 0:
        codes = run.classes[t - 1]
        doc["class_counts"] = {
            CLASS_NAMES[k]: int((codes == k).sum()) for k in range(1, len(CLASS_NAMES))
        }
        doc["moves"] = [
            {
                "actor": run.names[i],
                "partner": run.names[int(run.partner[t - 1, i])],
                "kind": CLASS_NAMES[int(run.move[t - 1, i])],
                "from": float(run.positions[t - 1, i]),
                "to": float(run.positions[t, i]),
            }
            for i in range(len(run.names))
            if run.partner[t - 1, i] >= 0
        ]
    return doc


def _option_id(view: _View, value: float) -> str | None:
    if view.options is None:
        return None
    return view.options[nearest_option(value, len(view.options))]


def _view_doc(view: _View) -> dict[str, Any]:
    run, t = view.run, view.table
    parties = view.parties or (None,) * t.n
    baselines: dict[str, Any] = dataclasses.asdict(view.baselines)
    if view.options is not None:
        baselines["options"] = {k: _option_id(view, v) for k, v in baselines.items()}
    return {
        "issue": view.issue,
        "label": view.label,
        "options": list(view.options) if view.options else None,
        "actors": [
            {
                "name": n,
                "party": p,
                "position": float(x),
                "capability": float(c),
                "salience": float(s),
            }
            for n, p, x, c, s in zip(
                t.names, parties, t.position, t.capability, t.salience, strict=True
            )
        ],
        "rounds": [_round_doc(run, k) for k in range(run.rounds + 1)],
        "stop": {"reason": run.stop_reason, "period": run.period, "rounds": run.rounds},
        "forecast": {
            "value": run.forecast,
            "option": _option_id(view, run.forecast),
        },
        "baselines": baselines,
        "explanation": view.explanation,
        "assumptions": view.assumptions,
    }


def _trajectory(view: _View) -> Table:
    run = view.run
    table = Table("round", "median", "mean", *view.table.names, title=f"{view.label}: trajectory")
    for t in range(run.rounds + 1):
        cells = [f"{v:.3f}" for v in run.positions[t]]
        table.add_row(str(t), f"{run.median[t]:.3f}", f"{run.mean[t]:.3f}", *cells)
    return table


def _classifications(view: _View) -> Table:
    run = view.run
    table = Table("round", *CLASS_NAMES[1:], "moves", title="Pair classifications (i vs j)")
    for t in range(run.rounds):
        codes = run.classes[t]
        counts = [str(int((codes == k).sum())) for k in range(1, len(CLASS_NAMES))]
        table.add_row(str(t + 1), *counts, str(int((run.partner[t] >= 0).sum())))
    return table


def _show(view: _View) -> None:
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


def _issue_view(item: IssueForecast, options: BdmOptions) -> _View:
    def name(value: float) -> str:
        return f"'{item.option_labels[item.options.index(item.option_of(value))]}'"

    return _View(
        item.issue,
        item.label,
        item.table,
        item.run,
        item.baselines,
        explain_issue(item),
        assumptions(options, item.table),
        name,
        item.options,
        item.party_ids,
    )


def _csv_view(path: str, options: BdmOptions) -> _View:
    try:
        table = load_actors_csv(path)
    except ActorTableError as error:
        fail("\n".join(error.problems))
    run = run_bdm(table, options)
    baselines = compute_baselines(table.position, table.capability * table.salience)

    def name(value: float) -> str:
        return f"{value:g}"

    notes = assumptions(options, table, scenario=False)
    notes.append(f"salience read on a {table.salience_scale} scale")
    return _View(None, path, table, run, baselines, explain_run(path, run, name), notes, name)


def _options(preset_name: str | None, items: list[str], rounds: int | None) -> BdmOptions:
    try:
        base = preset(preset_name) if preset_name else BdmOptions()
        options = parse_options(items, base)
        if rounds is not None:
            options = dataclasses.replace(options, max_rounds=rounds)
    except OptionError as error:
        fail(str(error), code=2)
    return options


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
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED)] = 0,
    json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Forecast where talks settle with the expected-utility model, beside its baselines."""
    options = _options(preset_name, option or [], rounds)
    if actors is not None and samples:
        fail("--samples draws from a scenario's uncertainty; it does not apply to --actors", 2)
    if actors is not None:
        views, distribution, source = [_csv_view(actors, options)], None, {"actors": actors}
    else:
        loaded = load_or_exit(scenario)
        known = {i.id for i in loaded.issues}
        for issue_id in issue or []:
            if issue_id not in known:
                fail(f"unknown issue {issue_id!r}; issues: {', '.join(sorted(known))}", code=2)
        try:
            result = forecast_scenario(loaded, options, issue or None, samples, seed)
        except ValueError as error:
            fail(str(error))
        views = [_issue_view(item, options) for item in result.issues]
        distribution, source = result.distribution, {"scenario": result.scenario}
    if json:
        print_json(
            {
                "schema": SCHEMA,
                "source": source,
                "options": options.as_dict(),
                "issues": [_view_doc(v) for v in views],
                "distribution": distribution,
                "samples": samples,
                "seed": seed if samples else None,
            }
        )
        return
    for view in views:
        _show(view)
    if distribution:
        table = Table(
            "issue", "forecast option shares", title=f"Over {samples} samples, seed {seed}"
        )
        for issue_id, shares in distribution.items():
            table.add_row(issue_id, ", ".join(f"{k} {v:.0%}" for k, v in shares.items() if v))
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(forecast)
