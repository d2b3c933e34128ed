"""A procedural model of EU legislation: the Commission proposes, the Council's pivot decides.

One-dimensional agenda-setting model in the tradition of Romer & Rosenthal (1978), Tsebelis
(1994) and Tsebelis & Garrett (2000), as tested on DEU by Thomson et al. (2006, ch. 4–5).
Member state i (role ``member``) at x_i with Council votes v_i (its capability); reference
point q; agenda setter (role ``setter``, the Commission) at a; under co-decision (``COD``) the
chamber (``ep``) at e must also prefer the act to q.

With θ the qualified-majority share (1 under unanimity), voters with linear or any symmetric
single-peaked loss prefer y > q to q iff x_i > (y + q)/2. So a qualified majority prefers y > q
iff (y + q)/2 ≤ L, where L is the largest point with at least θ of the member votes at or above
it (the *lower pivot*); likewise y < q iff (y + q)/2 ≥ U, the *upper pivot*. The acceptable
set is ``{q} ∪ (q, 2L − q] ∪ [2U − q, q)`` (each part only when non-empty), intersected with
``[e − |e − q|, e + |e − q|]`` under co-decision. The forecast is the acceptable point closest
to a. Without a reference point, q is taken as the point of the Council core [L, U] closest to
the setter, i.e. the forecast is a clipped to the core (Tsebelis's "pivotal" solution).
Salience is ignored: the model is purely institutional.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from detente.engines.issuetable.models import compromise
from detente.engines.issuetable.table import Issue

__all__ = ["pivots", "procedural"]

FloatArray = npt.NDArray[np.float64]


def pivots(x: FloatArray, v: FloatArray, theta: float) -> tuple[float, float]:
    """``(L, U)``: the largest x with ≥ θ of the votes at or above it, the smallest with ≥ θ at
    or below it.

    >>> pivots(np.array([0.0, 50.0, 100.0]), np.ones(3), 2 / 3)
    (50.0, 50.0)
    """
    order = np.argsort(x, kind="stable")
    xs, vs = x[order], v[order]
    total = float(vs.sum())
    need = theta * total - 1e-9 * total
    at_or_above = np.cumsum(vs[::-1])[::-1]
    at_or_below = np.cumsum(vs)
    low = float(xs[np.flatnonzero(at_or_above >= need)].max())
    high = float(xs[np.flatnonzero(at_or_below >= need)].min())
    return low, high


def _interval(issue: Issue, q: float, L: float, U: float) -> tuple[float, float]:
    """The acceptable set as an interval [lo, hi] containing q."""
    lo, hi = q, q
    if q < L:
        hi = 2.0 * L - q
    if q > U:
        lo = 2.0 * U - q
    if issue.procedure == "COD" and "chamber" in issue.role:
        e = float(issue.position[issue.role.index("chamber")])
        lo, hi = max(lo, e - abs(e - q)), min(hi, e + abs(e - q))
    return min(lo, q), max(hi, q)


def procedural(issue: Issue) -> float:
    """The agenda-setter / pivot forecast of the module docstring (compromise when the issue has
    no member states or no setter)."""
    members = np.array([r == "member" for r in issue.role])
    if not members.any() or "setter" not in issue.role or issue.capability[members].sum() <= 0:
        return compromise(issue)
    theta = 1.0 if issue.rule == "Unan" else issue.threshold
    L, U = pivots(issue.position[members], issue.capability[members], theta)
    a = float(issue.position[issue.role.index("setter")])
    low_core, high_core = min(L, U), max(L, U)
    if issue.reference is None:
        return float(np.clip(a, low_core, high_core))
    lo, hi = _interval(issue, issue.reference, L, U)
    return float(np.clip(a, lo, hi))
