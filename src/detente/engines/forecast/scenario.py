"""Forecasts from a detente scenario: one BDM run per ordered issue, plus uncertainty.

For each issue, every party WITH preferences takes part — principals, mediators and
stakeholders alike (stakeholders cannot veto deals but do pull on forecasts):

* position: the rank (0 = first option) of its most preferred option on the issue — the argmax
  of its ``values`` (the lowest rank among ties), the last option for ``increasing``, the first
  for ``decreasing``. A party with no values for the issue sits out of that issue;
* salience: its weight on the issue divided by the sum of its weights (so in [0, 1]);
* capability: ``party.capability``.

The forecast maps back to the nearest option (the lower one at an exact half). With the
scenario's ``uncertainty``, N seeded samples of the parameters give a distribution of the
forecast option per issue; identical actor tables are run once (a memo), so parameters that
do not touch forecasts (reservations, trust) cost nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.engines.forecast.actors import ActorTable, make_table
from detente.engines.forecast.baselines import Baselines, compute_baselines
from detente.engines.forecast.bdm import BdmRun, run_bdm
from detente.engines.forecast.errors import ForecastError
from detente.engines.forecast.options import BdmOptions
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import with_parameters
from detente.model.scenario import Issue, Party, Scenario

if TYPE_CHECKING:
    from detente.engines.forecast.negotiation import DealForecast

__all__ = [
    "IssueForecast",
    "ScenarioForecast",
    "forecast_distribution",
    "forecast_scenario",
    "issue_table",
    "nearest_option",
]


@dataclass(frozen=True)
class IssueForecast:
    """The model run on one issue, its baselines and the options they map to."""

    issue: str
    label: str
    options: tuple[str, ...]
    option_labels: tuple[str, ...]
    party_ids: tuple[str, ...]
    table: ActorTable
    run: BdmRun
    baselines: Baselines

    @property
    def forecast_option(self) -> str:
        return self.options[nearest_option(self.run.forecast, len(self.options))]

    def option_of(self, value: float) -> str:
        return self.options[nearest_option(value, len(self.options))]


@dataclass(frozen=True)
class ScenarioForecast:
    """The forecast of a scenario's issues, and their distribution over parameter samples."""

    scenario: str
    options: BdmOptions
    issues: tuple[IssueForecast, ...]
    distribution: dict[str, dict[str, float]] | None = None
    samples: int = 0
    seed: int | None = None
    negotiation: DealForecast | None = None
    """The headline under the principals' vetoes (:mod:`detente.engines.forecast.negotiation`)."""

    def to_json(self) -> dict[str, Any]:
        """The ``detente.forecast/1`` document (:mod:`detente.engines.forecast.document`)."""
        from detente.engines.forecast.document import scenario_document

        return scenario_document(self)


def nearest_option(value: float, count: int) -> int:
    """The rank nearest ``value``, the lower one at an exact half.

    >>> nearest_option(1.5, 4), nearest_option(1.51, 4), nearest_option(9.0, 4)
    (1, 2, 3)
    """
    return min(max(math.ceil(value - 0.5), 0), count - 1)


def _position(party: Party, issue: Issue) -> int | None:
    assert party.preferences is not None
    values = party.preferences.values.get(issue.id)
    ids = issue.option_ids
    if values is None:
        return None
    if values == "increasing":
        return len(ids) - 1
    if values == "decreasing":
        return 0
    assert isinstance(values, dict)
    scores = [values.get(option, -math.inf) for option in ids]
    return int(np.argmax(scores))


def issue_table(scenario: Scenario, issue: Issue) -> tuple[ActorTable, tuple[str, ...]]:
    """The actor table of ``issue`` and the ids of the parties in it."""
    ids, names, x, c, s = [], [], [], [], []
    for party in scenario.parties:
        if party.preferences is None:
            continue
        position = _position(party, issue)
        if position is None:
            continue
        weights = party.preferences.weights
        total = sum(weights.values())
        ids.append(party.id)
        names.append(party.name)
        x.append(float(position))
        c.append(float(party.capability))
        s.append(weights.get(issue.id, 0.0) / total if total > 0 else 0.0)
    return make_table(names, x, c, s), tuple(ids)


def _issue_forecast(scenario: Scenario, issue: Issue, options: BdmOptions) -> IssueForecast:
    table, ids = issue_table(scenario, issue)
    if table.n == 0:
        raise ForecastError(f"issue {issue.id!r}: no party has values for it, nothing to forecast")
    run = run_bdm(table, options)
    baselines = compute_baselines(table.position, table.capability * table.salience)
    ordered = issue.ordered_options
    return IssueForecast(
        issue=issue.id,
        label=issue.label or issue.id,
        options=tuple(o.id for o in ordered),
        option_labels=tuple(o.label or o.id for o in ordered),
        party_ids=ids,
        table=table,
        run=run,
        baselines=baselines,
    )


def forecast_scenario(
    scenario: Scenario,
    options: BdmOptions | None = None,
    issues: list[str] | None = None,
    samples: int = 0,
    seed: int = 0,
) -> ScenarioForecast:
    """Forecast every issue (or those named) of ``scenario``; with ``samples`` > 0 also the
    distribution of the forecast option per issue over seeded parameter samples."""
    o = options or BdmOptions()
    known = [issue.id for issue in scenario.issues]
    for issue_id in issues or []:
        if issue_id not in known:
            raise ForecastError(f"unknown issue {issue_id!r}; issues: {', '.join(known)}")
    chosen = [scenario.issue(i) for i in issues] if issues else list(scenario.issues)
    results = tuple(_issue_forecast(scenario, issue, o) for issue in chosen)
    distribution = None
    if samples > 0:
        distribution = forecast_distribution(scenario, o, [i.id for i in chosen], samples, seed)
    return ScenarioForecast(scenario.metadata.id, o, results, distribution, samples, seed)


def forecast_distribution(
    scenario: Scenario, options: BdmOptions, issues: list[str], samples: int, seed: int
) -> dict[str, dict[str, float]]:
    """Share of samples forecasting each option, per issue (same seed → same shares)."""
    draws = sample_parameters(scenario, samples, seed)
    counts: dict[str, Counter[str]] = {i: Counter() for i in issues}
    memo: dict[bytes, float] = {}
    for row in range(samples):
        sampled = with_parameters(scenario, draws.row(row)) if draws.paths else scenario
        for issue_id in issues:
            issue = sampled.issue(issue_id)
            table, _ = issue_table(sampled, issue)
            key = b"".join(a.tobytes() for a in (table.position, table.capability, table.salience))
            if key not in memo:
                memo[key] = run_bdm(table, options).forecast
            option = issue.option_ids[nearest_option(memo[key], len(issue.option_ids))]
            counts[issue_id][option] += 1
    return {
        issue_id: {option: counts[issue_id][option] / samples for option in ids}
        for issue_id, ids in ((i, scenario.issue(i).option_ids) for i in issues)
    }
