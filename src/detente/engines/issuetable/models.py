"""Collective-decision models on one issue: compromise, medians, Nash bargaining, expected utility.

Every model maps an :class:`~detente.engines.issuetable.table.Issue` to a forecast on its
0–100 scale. Notation: actor i at x_i with salience s_i and capability c_i, w_i = c_i s_i,
reference point (status quo) q.

* **Compromise** (Achen 2006; Van den Bos 1991): ``Σ w_i x_i / Σ w_i``. Achen derives it as
  the first-order approximation of the Nash bargaining solution with quadratic loss.
* **Weighted median**: the lower weighted median of the positions (weights w); **median**:
  the plain median (midpoint of the two middle positions when n is even).
* **Nash bargaining with the reference point as disagreement** (Nash 1950; asymmetric form,
  Kalai 1977; applied to the EU by Achen 2006): with loss ``ℓ(d) = d²`` (quadratic) or ``|d|``
  (linear), gains ``g_i(x) = κ + ℓ(q − x_i) − ℓ(x − x_i)`` and bargaining power w_i, the
  forecast is ``argmax_x Σ w_i ln g_i(x)`` over the x with every g_i(x) > 0 (a 0.05 grid on
  [0, 100]). κ ≥ 0 is what failing to agree costs every actor beyond keeping q (in units of
  the squared or plain scale): κ → ∞ gives the compromise, κ = 0 the unanimity-constrained
  solution; when no x makes every actor gain, the forecast is q. Without a reference point the
  ℓ(q − x_i) term is dropped. At the optimum (quadratic loss)
  ``x = Σ (w_i/g_i) x_i / Σ (w_i/g_i)``: actors with the least to gain pull hardest.
* **KTAB's SMP** (:mod:`detente.engines.forecast.smp`; Wise, Lester et al., KAPSARC) on the
  one dimension: the position with the largest PCE probability in the final state (actors
  without salience or capability left out, as KTAB requires both positive).
* **Expected utility** (Bueno de Mesquita 1994): the rounds of
  :func:`detente.engines.forecast.bdm.run_bdm` under a preset, salience divided by 100, the
  median after the last round.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from detente.engines.forecast.actors import make_table
from detente.engines.forecast.baselines import weighted_median
from detente.engines.forecast.bdm import run_bdm
from detente.engines.forecast.options import preset
from detente.engines.forecast.smp import run_smp
from detente.engines.issuetable.table import Issue

__all__ = [
    "GRID",
    "compromise",
    "expected_utility",
    "median",
    "nash_reference",
    "salience_mean",
    "smp",
    "weighted_median_forecast",
]

FloatArray = npt.NDArray[np.float64]
#: The candidate outcomes of the grid-searched models.
GRID = np.linspace(0.0, 100.0, 2001)


def compromise(issue: Issue) -> float:
    """The compromise model: ``Σ c_i s_i x_i / Σ c_i s_i`` (plain mean if every weight is 0).

    >>> from detente.engines.issuetable.table import make_issue
    >>> compromise(make_issue("i", "p", "ab", [0, 100], [20, 60]))
    75.0
    """
    w = issue.capability * issue.salience
    total = float(w.sum())
    return float((w * issue.position).sum() / total) if total > 0 else float(issue.position.mean())


def salience_mean(issue: Issue) -> float:
    """``Σ s_i x_i / Σ s_i``: the compromise with equal capabilities."""
    s = issue.salience
    return float((s * issue.position).sum() / s.sum()) if s.sum() > 0 else median(issue)


def median(issue: Issue) -> float:
    """The unweighted median of the positions (midpoint of the middle two when n is even)."""
    return float(np.median(issue.position))


def weighted_median_forecast(issue: Issue) -> float:
    """The lower weighted median of the positions with weights ``c_i s_i``."""
    return weighted_median(issue.position, issue.capability * issue.salience)


def _loss(d: FloatArray, kind: str) -> FloatArray:
    return d * d if kind == "quadratic" else np.abs(d)


def nash_reference(issue: Issue, kappa: float = 0.25, loss: str = "quadratic") -> float:
    """Asymmetric Nash bargaining with the reference point as disagreement (module docstring).

    ``kappa`` is the breakdown cost as a share of the squared (or plain) scale: κ = kappa·100²
    for quadratic loss, kappa·100 for linear loss.

    >>> from detente.engines.issuetable.table import make_issue
    >>> round(nash_reference(make_issue("i", "p", "ab", [0, 100], [50, 50]), 10.0), 2)
    50.0
    """
    x, w = issue.position, issue.capability * issue.salience
    scale = 100.0**2 if loss == "quadratic" else 100.0
    base = np.full(x.shape, kappa * scale)
    if issue.reference is not None:
        base = base + _loss(issue.reference - x, loss)
    gains = base[None, :] - _loss(GRID[:, None] - x[None, :], loss)
    feasible = (gains > 0).all(axis=1)
    if not feasible.any():
        return float(issue.reference) if issue.reference is not None else compromise(issue)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(
            feasible, (w[None, :] * np.log(np.maximum(gains, 1e-300))).sum(axis=1), -np.inf
        )
    return float(GRID[int(np.argmax(value))])


def expected_utility(issue: Issue, name: str = "scholz-jmckib") -> float:
    """The BDM expected-utility forecast under preset ``name`` (median after the last round)."""
    table = make_table(list(issue.actors), issue.position, issue.capability, issue.salience / 100.0)
    return run_bdm(table, preset(name)).forecast


def smp(issue: Issue) -> float:
    """KTAB's SMP: the most probable position (first on ties) after the run."""
    keep = (issue.salience > 0) & (issue.capability > 0)
    if keep.sum() < 2:
        return compromise(issue)
    run = run_smp(issue.position[keep, None], issue.salience[keep, None], issue.capability[keep])
    return float(run.positions[-1, int(np.argmax(run.probability[-1])), 0])
