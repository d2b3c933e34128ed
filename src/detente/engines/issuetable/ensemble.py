"""Models tuned on the training part by leave-one-proposal-out cross-validation.

A *stack* forecasts ``f = Σ_m β_m f_m`` with β on the simplex (β_m ≥ 0, Σ β_m = 1) over
component forecasts f_m (Wolpert 1992; Breiman 1996, "Stacked regressions", with the
simplex constraint); β minimises the mean absolute error over a grid of step ``step`` on the
simplex. A *selection* chooses one of several variants of a model (e.g. the breakdown cost κ
of the Nash model), i.e. a stack restricted to the simplex's vertices.

Honest evaluation: for every proposal g, β is fitted on the issues of all other proposals and
used to forecast the issues of g (leave-one-proposal-out; issues of one proposal share actors,
so leaving out single issues would leak). The resulting out-of-fold forecasts are scored like
any other model's; :func:`fit_weights` gives the weights fitted on every training issue, to
report and to apply to new data.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from detente.engines.issuetable.backtest import Forecasts

__all__ = ["cross_validate", "fit_weights", "simplex_grid", "with_model"]

FloatArray = npt.NDArray[np.float64]


def simplex_grid(m: int, step: float) -> FloatArray:
    """Every weight vector of length ``m`` on the simplex with entries multiple of ``step``.

    >>> simplex_grid(2, 0.5).tolist()
    [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]
    """
    k = round(1.0 / step)
    rows = [c for c in itertools.product(range(k + 1), repeat=m - 1) if sum(c) <= k]
    grid = np.array([[*c, k - sum(c)] for c in rows], dtype=np.float64) / k
    return grid


def _columns(forecasts: Forecasts, components: Sequence[str]) -> FloatArray:
    missing = [c for c in components if c not in forecasts.names]
    if missing:
        raise ValueError(f"components not among the models: {', '.join(missing)}")
    return forecasts.values[[forecasts.names.index(c) for c in components]]


def fit_weights(
    forecasts: Forecasts, components: Sequence[str], candidates: FloatArray
) -> FloatArray:
    """The candidate weight vector with the least MAE over every issue (first on ties)."""
    F = _columns(forecasts, components)
    errors = np.abs(candidates @ F - forecasts.outcome[None, :]).mean(axis=1)
    best: FloatArray = candidates[int(np.argmin(errors))]
    return best


def cross_validate(
    forecasts: Forecasts, components: Sequence[str], candidates: FloatArray
) -> FloatArray:
    """Out-of-fold forecasts: each proposal's issues forecast with the candidate weights that
    do best on all the other proposals' issues."""
    F = _columns(forecasts, components)
    predictions = candidates @ F  # (candidates, issues)
    errors = np.abs(predictions - forecasts.outcome[None, :])
    names, index = np.unique(np.array(forecasts.groups), return_inverse=True)
    per_group = np.zeros((candidates.shape[0], names.size))
    np.add.at(per_group.T, index, errors.T)
    training = per_group.sum(axis=1, keepdims=True) - per_group  # error without group g
    chosen = np.argmin(training, axis=0)  # per group, first on ties
    result: FloatArray = predictions[chosen[index], np.arange(index.size)]
    return result


def with_model(forecasts: Forecasts, name: str, values: FloatArray) -> Forecasts:
    """``forecasts`` with one more model row."""
    return Forecasts(
        (*forecasts.names, name),
        forecasts.issue_ids,
        forecasts.groups,
        forecasts.outcome,
        np.vstack([forecasts.values, values[None, :]]),
    )
