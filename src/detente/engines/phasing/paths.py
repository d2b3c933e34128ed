"""One phased path, evaluated: continuation values, stop values, margins, thresholds.

For a path ``s_0 -> s_1 -> ... -> s_K`` (``s_0`` the status quo), with ``M_k`` the movers of step
``k`` (principals that give on some issue in it), ``t_r`` the probability that ``r`` complies with
a step and ``delta_p`` ``p``'s per-step discount factor:

.. math::

    q_{p,k} = \\prod_{r \\in M_k, r \\ne p} t_r, \\qquad
    R_{p,k} = S_p\\big(s_{k-1} \\oplus G_{p,k}\\big),

    V_p(K) = u_p(s_K), \\qquad
    V_p(k-1) = q_{p,k}\\, \\delta_p\\, V_p(k) + (1 - q_{p,k})\\, R_{p,k},

    m_{p,k} = V_p(k) - S_p(s_k) \\ge 0 \\quad (k = 0, \\dots, K-1),

where ``s ⊕ G`` is ``s`` with ``p``'s own gives of the step carried out (the others' not): if
another mover fails to comply, ``p`` is left with what it gave in that step, and stops there.
With verification below 1 and with learning (:mod:`.learning`), ``R`` mixes snapback and being
stuck, and the compliance of each co-mover is 1, the prior or the posterior, by its class.
``m_{p,0} >= 0`` is participation (``S_p(s_0) = r_p``, no deal). This module evaluates the
recursion for one path; :mod:`.search` runs it over all paths at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Floats
from detente.engines.phasing.learning import (
    classes_along,
    compliance_factors,
    detection,
    others_product,
    posterior,
    stuck_values,
    temptations,
)
from detente.engines.phasing.values import (
    PhaseContext,
    gives,
    principal_utilities,
    stop_values,
)
from detente.engines.space import Ranks

__all__ = [
    "TOLERANCE",
    "PathNumbers",
    "compliance",
    "continuation",
    "least_trust",
    "party_thresholds",
    "path_numbers",
    "step_compliance",
]

#: A constraint holds when its margin is at least ``-TOLERANCE``.
TOLERANCE = 1e-9
_BISECTIONS = 50

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class PathNumbers:
    """Every number of one path under given trust and discount (rows: steps or states).

    ``ranks[k]`` is ``s_k``; ``utilities[k, p] = u_p(s_k)``; ``stops[k, p] = S_p(s_k)``;
    ``values[k, p] = V_p(k)``; ``margins[k, p] = m_{p,k}`` for ``k < K``; ``gives[k, p, i]``,
    ``movers[k, p]``, ``compliance[k, p] = q_{p,k+1}`` and ``fallback[k, p] = R_{p,k+1}``
    describe step ``k + 1``.
    """

    ranks: Ranks
    utilities: Floats
    stops: Floats
    values: Floats
    margins: Floats
    gives: Bools
    movers: Bools
    compliance: Floats
    fallback: Floats
    discount: Floats
    classes: npt.NDArray[np.int8]
    verification: Floats

    @property
    def feasible(self) -> bool:
        """Whether every principal's constraint holds at every step."""
        return bool((self.margins >= -TOLERANCE).all())

    @property
    def min_margin(self) -> float:
        """The weaker side's smallest margin over the path."""
        return float(self.margins.min())


def compliance(movers: Bools, trust: Floats) -> Floats:
    """``q[..., p] = prod_{r in movers, r != p} t_r`` (vectorised over leading axes).

    Examples
    --------
    >>> compliance(np.array([[True, True], [True, False]]), np.array([0.5, 0.8])).tolist()
    [[0.8, 0.5], [1.0, 0.5]]
    """
    factors = np.where(movers, trust, 1.0)
    n = movers.shape[-1]
    others = np.where(np.eye(n, dtype=bool), 1.0, factors[..., None, :])
    return np.asarray(others.prod(axis=-1), dtype=np.float64)


def continuation(final: Floats, q: Floats, fallback: Floats, discount: Floats) -> Floats:
    """``V[k, p]`` for ``k = 0..K`` by backward induction from ``V[K] = final``."""
    steps = q.shape[0]
    values = np.empty((steps + 1, final.shape[0]))
    values[steps] = final
    for k in range(steps - 1, -1, -1):  # the recursion runs along one path of <= K steps
        values[k] = q[k] * discount * values[k + 1] + (1.0 - q[k]) * fallback[k]
    return values


def step_compliance(classes: npt.NDArray[np.int8], trust: Floats, verification: Floats) -> Floats:
    """``q[k, p]``: the probability that every co-mover of ``p`` in step ``k`` complies."""
    learnt = posterior(trust, verification)
    return others_product(compliance_factors(classes, trust, learnt))


def path_numbers(
    ctx: PhaseContext,
    ranks: Ranks,
    trust: Floats,
    discount: Floats,
    verification: Floats | None = None,
    learning: bool = False,
) -> PathNumbers:
    """Evaluate the path whose states are the rows of ``ranks`` (first row: the status quo).

    ``verification`` defaults to 1 for everyone and ``learning`` to off: today's model; it is
    per principal ``(n,)`` or per step and principal ``(K, n)`` (a step verified its own way).
    """
    ranks = np.asarray(ranks, dtype=np.int16)
    before, after = ranks[:-1], ranks[1:]
    giving = gives(ctx, before, after)
    movers: Bools = np.asarray(giving.any(axis=2), dtype=bool)
    n_steps, n_principals = movers.shape
    v = np.ones(n_principals) if verification is None else verification
    v = np.array(np.broadcast_to(v, (n_steps, n_principals)), dtype=np.float64)
    # s_{k-1} with p's own gives of step k carried out: one row per (step, principal).
    fail = np.where(giving, after[:, None, :], before[:, None, :]).reshape(-1, ranks.shape[1])
    fail = fail.astype(np.int16)
    shape = (n_principals, n_steps, n_principals)
    fail_stop = np.diagonal(stop_values(ctx, fail).reshape(shape), axis1=0, axis2=2)
    fail_stuck = np.diagonal(stuck_values(ctx, fail).reshape(shape), axis1=0, axis2=2)
    seen = detection(movers, v)
    fallback = seen * fail_stop + (1.0 - seen) * fail_stuck
    utilities = principal_utilities(ctx, ranks).T
    stops = stop_values(ctx, ranks).T
    tempted = temptations(ctx, before, after, giving, v) if learning else movers
    classes = classes_along(movers, tempted, learning)
    q = step_compliance(classes, trust, v)
    values = continuation(utilities[-1], q, fallback, discount)
    return PathNumbers(
        ranks=ranks,
        utilities=utilities,
        stops=stops,
        values=values,
        margins=values[:-1] - stops[:-1],
        gives=giving,
        movers=movers,
        compliance=q,
        fallback=fallback,
        discount=discount,
        classes=classes,
        verification=v,
    )


def least_trust(holds: Callable[[float], bool], bisections: int = _BISECTIONS) -> float | None:
    """The least ``t`` in ``(0, 1]`` with ``holds(t)``, for ``holds`` monotone in ``t``.

    ``None`` when it fails even at ``t = 1``; ``0.0`` when it holds at any positive ``t``.
    Bisection (``bisections`` halvings, 50 by default: to ``2**-50``); the upper end is returned,
    so ``holds`` is true at the returned value.

    Examples
    --------
    >>> round(least_trust(lambda t: t >= 0.3) or -1, 6)
    0.3
    >>> least_trust(lambda t: False) is None
    True
    """
    if not holds(1.0):
        return None
    if holds(1e-12):
        return 0.0
    low, high = 1e-12, 1.0
    for _ in range(bisections):
        mid = 0.5 * (low + high)
        low, high = (low, mid) if holds(mid) else (mid, high)
    return high


def party_thresholds(numbers: PathNumbers, principals: tuple[str, ...]) -> dict[str, float | None]:
    """Per principal ``p``: the least compliance probability of the others (all set to ``t``)
    at which all of ``p``'s constraints on this path hold (``None``: not even at ``t = 1``).

    ``p``'s margins depend on the others' trust only; on a path whose constraints hold at some
    ``t > 0`` they are non-decreasing in ``t`` (see ``docs/phased-deals.md``), so bisection finds
    the threshold.
    """
    final = numbers.utilities[-1]
    stops = numbers.stops[:-1]
    result: dict[str, float | None] = {}
    for p, party in enumerate(principals):

        def holds(t: float, p: int = p) -> bool:
            full = np.full(len(principals), t)
            q = step_compliance(numbers.classes, full, numbers.verification)
            values = continuation(final, q, numbers.fallback, numbers.discount)
            return bool((values[:-1, p] - stops[:, p] >= -TOLERANCE).all())

        result[party] = least_trust(holds)
    return result
