"""The forecast's JSON document (schema ``detente.forecast/1``), built once for every caller.

:meth:`ScenarioForecast.to_json` (a scenario's issues) and :meth:`TableForecast.to_json` (an
actor table read from CSV) write::

    {"schema": "detente.forecast/1",
     "source": {"scenario": ID} | {"actors": FILE},
     "options": {option: value, ...},
     "issues": [{
        "issue": ID | null, "label": str, "options": [option id, ...] | null,
        "option_labels": [label, ...] | null,
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

Positions of scenario issues are option ranks (0 = first option); a forecast or baseline
value maps to the nearest option (:func:`~detente.engines.forecast.scenario.nearest_option`).
The command line, the report and the web API print this same document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.engines.forecast.actors import ActorTable, load_actors_csv
from detente.engines.forecast.baselines import Baselines, compute_baselines
from detente.engines.forecast.bdm import BdmRun, run_bdm
from detente.engines.forecast.explain import assumptions, explain_issue, explain_run
from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.rounds import CLASS_NAMES
from detente.engines.forecast.scenario import IssueForecast, ScenarioForecast, nearest_option

__all__ = [
    "SCHEMA",
    "IssueView",
    "TableForecast",
    "forecast_table",
    "issue_view",
    "scenario_document",
    "view_document",
]

SCHEMA = "detente.forecast/1"


@dataclass(frozen=True)
class IssueView:
    """One forecast as the document and the tables show it: a scenario issue or a CSV table."""

    issue: str | None
    label: str
    table: ActorTable
    run: BdmRun
    baselines: Baselines
    explanation: str
    assumptions: tuple[str, ...]
    name: Callable[[float], str]
    options: tuple[str, ...] | None = None
    option_labels: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None

    def option_id(self, value: float) -> str | None:
        """The option nearest ``value`` (None for a CSV table, which has no options)."""
        if self.options is None:
            return None
        return self.options[nearest_option(value, len(self.options))]


@dataclass(frozen=True)
class TableForecast:
    """The model run on an actor table read from a CSV file (no scenario)."""

    path: str
    options: BdmOptions
    view: IssueView

    def to_json(self) -> dict[str, Any]:
        """The ``detente.forecast/1`` document (see the module docstring)."""
        return {
            "schema": SCHEMA,
            "source": {"actors": self.path},
            "options": self.options.as_dict(),
            "issues": [view_document(self.view)],
            "distribution": None,
            "samples": 0,
            "seed": None,
        }


def issue_view(item: IssueForecast, options: BdmOptions) -> IssueView:
    """The view of one scenario issue's forecast, with its explanation and assumptions."""

    def name(value: float) -> str:
        return f"'{item.option_labels[item.options.index(item.option_of(value))]}'"

    return IssueView(
        item.issue,
        item.label,
        item.table,
        item.run,
        item.baselines,
        explain_issue(item),
        tuple(assumptions(options, item.table)),
        name,
        item.options,
        item.option_labels,
        item.party_ids,
    )


def forecast_table(path: str | Path, options: BdmOptions | None = None) -> TableForecast:
    """Run the model on the actor table of a CSV file (``ActorTableError`` when malformed)."""
    chosen = options or BdmOptions()
    table = load_actors_csv(path)
    run = run_bdm(table, chosen)
    baselines = compute_baselines(table.position, table.capability * table.salience)

    def name(value: float) -> str:
        return f"{value:g}"

    notes = assumptions(chosen, table, scenario=False)
    notes.append(f"salience read on a {table.salience_scale} scale")
    label = str(path)
    explanation = explain_run(label, run, name)
    view = IssueView(None, label, table, run, baselines, explanation, tuple(notes), name)
    return TableForecast(label, chosen, view)


def _round_document(run: BdmRun, t: int) -> dict[str, Any]:
    document: dict[str, Any] = {
        "round": t,
        "median": float(run.median[t]),
        "mean": float(run.mean[t]),
        "positions": run.positions[t].tolist(),
        "risk": run.risk[t - 1].tolist() if t > 0 else None,
    }
    if t > 0:
        codes = run.classes[t - 1]
        document["class_counts"] = {
            CLASS_NAMES[k]: int((codes == k).sum()) for k in range(1, len(CLASS_NAMES))
        }
        document["moves"] = [
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
    return document


def _actors(view: IssueView) -> list[dict[str, Any]]:
    t = view.table
    parties = view.parties or (None,) * t.n
    rows = zip(t.names, parties, t.position, t.capability, t.salience, strict=True)
    return [
        {"name": n, "party": p, "position": float(x), "capability": float(c), "salience": float(s)}
        for n, p, x, c, s in rows
    ]


def view_document(view: IssueView) -> dict[str, Any]:
    """One issue's entry of the document."""
    run = view.run
    baselines: dict[str, Any] = dataclasses.asdict(view.baselines)
    if view.options is not None:
        baselines["options"] = {k: view.option_id(v) for k, v in baselines.items()}
    return {
        "issue": view.issue,
        "label": view.label,
        "options": list(view.options) if view.options else None,
        "option_labels": list(view.option_labels) if view.option_labels else None,
        "actors": _actors(view),
        "rounds": [_round_document(run, k) for k in range(run.rounds + 1)],
        "stop": {"reason": run.stop_reason, "period": run.period, "rounds": run.rounds},
        "forecast": {"value": float(run.forecast), "option": view.option_id(run.forecast)},
        "baselines": baselines,
        "explanation": view.explanation,
        "assumptions": list(view.assumptions),
    }


def scenario_document(result: ScenarioForecast) -> dict[str, Any]:
    """The document of a scenario's forecast (see the module docstring)."""
    return {
        "schema": SCHEMA,
        "source": {"scenario": result.scenario},
        "options": result.options.as_dict(),
        "issues": [view_document(issue_view(item, result.options)) for item in result.issues],
        "distribution": result.distribution,
        "samples": result.samples,
        "seed": result.seed if result.samples else None,
        "negotiation": None
        if result.negotiation is None
        else dataclasses.asdict(result.negotiation),
    }
