"""The named models of the benchmark, and the run that adds the cross-validated ones.

Plain models (each a function of one proposal's issues): ``compromise`` (c·s-weighted mean),
``salience-mean``, ``mean``, ``median``, ``weighted-median``, ``constant-50``, ``reference``
(the reference point where coded, else the compromise), ``nash`` (reference point as
disagreement, quadratic loss, κ = 0.25·100²), ``nash-linear`` (linear loss, κ = 1·100),
``nash-d0`` (spec §10: disagreement utility 0, no reference point), ``procedural``,
``exchange``, ``eu-scholz`` / ``eu-masad`` / ``eu-default`` (the expected-utility presets),
``smp`` (KTAB's Spatial Model of Politics).

Cross-validated (leave one proposal out, :mod:`.ensemble`): ``nash-cv`` (κ chosen among
:data:`KAPPAS`), ``stack-cv`` (a simplex-weighted combination of :data:`STACKED`, step 0.1) and
``snap-cv`` (ours): the compromise moved to the nearest *focal point* of the scale (0, 50 or
100) when it lies within d of it, d chosen among :data:`SNAPS`. Rationale: under absolute loss
the best point forecast is a median of the outcome's distribution, and DEU outcomes have
atoms at the scale's ends and midpoint (0, 50 and 100 are the three most common outcomes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

import numpy as np

from detente.engines.forecast.baselines import nash_position
from detente.engines.issuetable import models as m
from detente.engines.issuetable.backtest import Forecasts, Model, per_issue, run_models
from detente.engines.issuetable.ensemble import cross_validate, simplex_grid, with_model
from detente.engines.issuetable.exchange import exchange
from detente.engines.issuetable.procedural import procedural
from detente.engines.issuetable.table import Issue, IssueTable

__all__ = ["CV_MODELS", "KAPPAS", "MODELS", "SNAPS", "STACKED", "benchmark", "snap"]


def _reference(issue: Issue) -> float:
    return issue.reference if issue.reference is not None else m.compromise(issue)


def _nash_d0(issue: Issue) -> float:
    return nash_position(issue.position, issue.capability * issue.salience)


MODELS: dict[str, Model] = {
    "compromise": per_issue(m.compromise),
    "salience-mean": per_issue(m.salience_mean),
    "mean": per_issue(lambda i: float(i.position.mean())),
    "median": per_issue(m.median),
    "weighted-median": per_issue(m.weighted_median_forecast),
    "constant-50": per_issue(lambda i: 50.0),
    "reference": per_issue(_reference),
    "nash": per_issue(partial(m.nash_reference, kappa=0.25, loss="quadratic")),
    "nash-linear": per_issue(partial(m.nash_reference, kappa=1.0, loss="linear")),
    "nash-d0": per_issue(_nash_d0),
    "procedural": per_issue(procedural),
    "exchange": exchange,
    "eu-scholz": per_issue(partial(m.expected_utility, name="scholz-jmckib")),
    "eu-masad": per_issue(partial(m.expected_utility, name="masad")),
    "eu-default": per_issue(partial(m.expected_utility, name="default")),
    "smp": per_issue(m.smp),
}
#: The breakdown costs (share of 100²) among which ``nash-cv`` chooses.
KAPPAS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
#: The components of ``stack-cv``.
STACKED = ("compromise", "median", "nash", "procedural", "exchange", "constant-50")
#: The snapping distances among which ``snap-cv`` chooses (0: the compromise itself).
SNAPS = (0.0, 5.0, 10.0, 15.0, 20.0, 25.0)
FOCAL = np.array([0.0, 50.0, 100.0])
CV_MODELS = ("nash-cv", "stack-cv", "snap-cv")


def snap(values: np.ndarray, distance: float) -> np.ndarray:
    """``values`` moved to the nearest focal point (0, 50, 100) when within ``distance``.

    >>> snap(np.array([3.0, 40.0, 88.0]), 10.0).tolist()
    [0.0, 50.0, 88.0]
    """
    near = FOCAL[np.argmin(np.abs(values[:, None] - FOCAL[None, :]), axis=1)]
    result: np.ndarray = np.where(np.abs(values - near) <= distance, near, values)
    return result


def _needed(names: Sequence[str]) -> list[str]:
    base = [n for n in names if n in MODELS]
    if "stack-cv" in names:
        base += [n for n in STACKED if n not in base]
    if "compromise" not in base:
        base.insert(0, "compromise")
    return base


def benchmark(
    table: IssueTable, names: Sequence[str], progress: Callable[[str], None] | None = None
) -> Forecasts:
    """Forecasts of ``names`` (plain and cross-validated) on the scored issues of ``table``.

    The result also holds ``compromise`` (the baseline of the paired differences) and, when
    ``stack-cv`` is asked for, the stack's components.

    Raises
    ------
    ValueError
        For an unknown model name (the message lists the models).
    """
    unknown = [n for n in names if n not in MODELS and n not in CV_MODELS]
    if unknown:
        known = ", ".join([*MODELS, *CV_MODELS])
        raise ValueError(f"unknown model {', '.join(unknown)}; models: {known}")
    base = _needed(names)
    forecasts = run_models(table, {n: MODELS[n] for n in base}, progress)
    if "nash-cv" in names:
        variants = {
            f"nash-k{k}": per_issue(partial(m.nash_reference, kappa=k, loss="quadratic"))
            for k in KAPPAS
        }
        hidden = run_models(table, variants)
        values = cross_validate(hidden, tuple(variants), np.eye(len(variants)))
        forecasts = with_model(forecasts, "nash-cv", values)
        if progress is not None:
            progress("nash-cv")
    if "snap-cv" in names:
        base_row = forecasts.values[forecasts.names.index("compromise")]
        hidden = replace(
            forecasts,
            names=tuple(f"snap-{d:g}" for d in SNAPS),
            values=np.array([snap(base_row, d) for d in SNAPS]),
        )
        values = cross_validate(hidden, hidden.names, np.eye(len(SNAPS)))
        forecasts = with_model(forecasts, "snap-cv", values)
        if progress is not None:
            progress("snap-cv")
    if "stack-cv" in names:
        values = cross_validate(forecasts, STACKED, simplex_grid(len(STACKED), 0.1))
        forecasts = with_model(forecasts, "stack-cv", values)
        if progress is not None:
            progress("stack-cv")
    return forecasts
