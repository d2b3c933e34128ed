"""Simple baselines reported beside every model forecast (spec §10).

With w_i = c_i s_i:

1. weighted mean ``Σ w_i x_i / Σ w_i`` (the "compromise model" of the EU-decision literature);
2. weighted median: the smallest sorted position whose cumulative weight reaches half the
   total (the *lower* median when the cumulative weight hits exactly one half — the tie rule
   of our case files); in 1-D it equals the median-voter position at r = 1;
3. asymmetric Nash bargaining solution over positions,
   ``argmax_x Σ_i w_i ln(1 − |x − x_i| / R)`` on [min x, max x], disagreement utility 0 and
   bargaining power w_i. The objective is concave, so a grid followed by golden-section search
   on the bracketing cell finds the maximum.

Examples
--------
>>> x = np.array([4.0, 7.0, 10.0]); w = np.array([1.0, 1.0, 1.0])
>>> b = compute_baselines(x, w)
>>> b.weighted_mean, b.weighted_median, round(b.nash, 6)
(7.0, 7.0, 7.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.forecast.votes import weighted_mean

__all__ = ["Baselines", "compute_baselines", "nash_position", "weighted_median"]

FloatArray = npt.NDArray[np.float64]
_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


@dataclass(frozen=True)
class Baselines:
    weighted_mean: float
    weighted_median: float
    nash: float


def weighted_median(x: FloatArray, w: FloatArray) -> float:
    """The lower weighted median: the smallest x with cumulative weight ≥ half the total.

    >>> weighted_median(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4))
    2.0
    """
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(w[order])
    total = cumulative[-1]
    if total <= 0:
        return float(x[order][0])
    index = int(np.searchsorted(cumulative, total / 2.0 - 1e-12 * total, side="left"))
    return float(x[order][min(index, x.size - 1)])


def _nash_objective(points: FloatArray, x: FloatArray, w: FloatArray, R: float) -> FloatArray:
    u = 1.0 - np.abs(points[:, None] - x[None, :]) / R
    with np.errstate(divide="ignore"):
        logs = np.where(w[None, :] > 0, np.log(np.maximum(u, 0.0)), 0.0)
    result: FloatArray = (w[None, :] * logs).sum(axis=1)
    return result


def nash_position(x: FloatArray, w: FloatArray, grid: int = 257, iterations: int = 60) -> float:
    """The asymmetric Nash bargaining position ``argmax Σ w_i ln(1 − |x − x_i|/R)``."""
    low, high = float(x.min()), float(x.max())
    if high <= low or float(w.sum()) <= 0:
        return weighted_mean(x, w)
    R = high - low
    points = np.linspace(low, high, grid)
    best = int(np.argmax(_nash_objective(points, x, w, R)))
    a, b = points[max(best - 1, 0)], points[min(best + 1, grid - 1)]
    for _ in range(iterations):
        c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
        fc, fd = _nash_objective(np.array([c, d]), x, w, R)
        if fc >= fd:
            b = d
        else:
            a = c
    return float((a + b) / 2.0)


def compute_baselines(x: FloatArray, w: FloatArray) -> Baselines:
    """All three baselines of positions ``x`` with effective weights ``w = c·s``."""
    return Baselines(weighted_mean(x, w), weighted_median(x, w), nash_position(x, w))
