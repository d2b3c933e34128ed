"""Bargaining solutions over a set of candidate outcomes.

Each solution function takes the candidates' utilities ``u`` (shape ``(P, k)``), the
disagreement point ``d`` (the reservation values, shape ``(P,)``) and optionally the candidates'
outcome indices, considers only the candidates whose every gain ``g_p = u_p - d_p`` is
non-negative, and returns the position (column) of the chosen candidate, or None if no
candidate has all gains non-negative.

The Nash deal is chosen by the one rule of :mod:`detente.engines.nash`, shared by every engine
(lexicographic Nash: number of positive gains, which parties gain, then their product, then the
same tie-break as below). Tie rule of the other three: objective values within a relative
``1e-12`` of the maximum are ties (so that float rounding does not decide); among ties (for the
egalitarian solution, first those with the largest sum of utilities) the candidate with the
lexicographically largest utility vector wins (first party first), then the lowest outcome
index. The lexicographic step makes every choice Pareto-efficient among the candidates (a
dominating candidate ties or beats and is lexicographically larger), so each solution can be
computed on the Pareto frontier of the candidates alone, which :func:`bargaining_solutions`
does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block
from detente.engines.analysis.pareto import Frontier, MaskFn, pareto_frontier, zopa_frontier
from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.nash import nash_choice, nash_product
from detente.engines.space import DEFAULT_CHUNK

__all__ = [
    "SOLUTIONS",
    "Solution",
    "bargaining_solutions",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
]

_TIE = 1e-12
Choice = tuple[int, float] | None
Indices = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Solution:
    """One bargaining solution.

    ``index`` is the outcome index, ``outcome`` its option per issue, ``utilities`` every
    party's utility of it (principals and the other parties with preferences), ``objective``
    the value of the solution's objective (Nash product, minimum normalised gain, sum of
    utilities, minimum gain).
    """

    name: str
    index: int
    outcome: dict[str, str]
    utilities: dict[str, float]
    objective: float


def _prepare(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None
) -> tuple[Floats, Floats, Indices, Mask]:
    """Utilities, gains, outcome indices and the non-negative-gain mask."""
    utilities = np.atleast_2d(np.asarray(u, dtype=np.float64))
    point = np.asarray(d, dtype=np.float64).reshape(-1, 1)
    if point.shape[0] != utilities.shape[0]:
        raise ValueError(f"d has {point.shape[0]} parties, u has {utilities.shape[0]}")
    k = utilities.shape[1]
    order = np.arange(k, dtype=np.int64) if index is None else np.asarray(index, dtype=np.int64)
    gains = utilities - point
    return utilities, gains, order, np.asarray((gains >= 0).all(axis=0), dtype=bool)


def _choose(
    objective: Floats, u: Floats, index: Indices, ok: Mask, secondary: Floats | None = None
) -> int | None:
    """Position of the best candidate under the module's tie rule (None if none is ``ok``)."""
    if not ok.any():
        return None
    values = np.where(ok, objective, -np.inf)
    best = values.max()
    tied = ok.copy() if best == -np.inf else values >= best - _TIE * max(1.0, abs(best))
    if secondary is not None:
        second = np.where(tied, secondary, -np.inf)
        tied &= second == second.max()
    pos = np.flatnonzero(tied)
    keys = [-u[p, pos] for p in range(u.shape[0] - 1, -1, -1)]
    return int(pos[np.lexsort((index[pos], *keys))[0]])


def _nash(u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None) -> Choice:
    pos = nash_choice(u, d, index)
    utilities = np.atleast_2d(np.asarray(u, dtype=np.float64))
    return None if pos is None else (pos, nash_product(utilities[:, pos], d))


def nash(u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None) -> int | None:
    """Nash bargaining solution: the candidate maximising ``prod_p (u_p - d_p)``.

    Chosen by :func:`detente.engines.nash.nash_choice` (ties and zero gains as documented
    there). The choice is invariant to a positive affine
    rescaling of any party's utility and disagreement value (Nash, "The Bargaining Problem",
    *Econometrica* 18(2), 1950).

    Examples
    --------
    >>> nash([[0.9, 0.6, 0.2], [0.1, 0.5, 0.9]], [0.0, 0.0])
    1
    """
    choice = _nash(u, d, index)
    return None if choice is None else choice[0]


def _kalai_smorodinsky(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> Choice:
    utilities, gains, order, ok = _prepare(u, d, index)
    if not ok.any():
        return None
    reach = gains[:, ok].max(axis=1, keepdims=True)
    # A party whose best candidate only reaches d gets d everywhere: its ratio is 1.
    ratios = np.where(reach > 0, gains / np.where(reach > 0, reach, 1.0), 1.0)
    objective = ratios.min(axis=0)
    pos = _choose(objective, utilities, order, ok)
    return None if pos is None else (pos, float(objective[pos]))


def kalai_smorodinsky(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Kalai-Smorodinsky solution, discrete reading.

    With the ideal point ``I_p = max u_p`` over the candidates with non-negative gains, the
    candidate maximising ``min_p (u_p - d_p) / (I_p - d_p)``: on a continuous frontier this is
    the point where the frontier meets the segment from ``d`` to ``I`` (Kalai & Smorodinsky,
    "Other Solutions to Nash's Bargaining Problem", *Econometrica* 43(3), 1975); on a finite
    set, the candidate closest to that segment in this max-min sense. A party with
    ``I_p = d_p`` counts as fully served (ratio 1).

    Examples
    --------
    >>> kalai_smorodinsky([[1.0, 0.7, 0.3], [0.2, 0.6, 1.0]], [0.0, 0.0])
    1
    """
    choice = _kalai_smorodinsky(u, d, index)
    return None if choice is None else choice[0]


def _utilitarian(u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None) -> Choice:
    utilities, _, order, ok = _prepare(u, d, index)
    objective = utilities.sum(axis=0)
    pos = _choose(objective, utilities, order, ok)
    return None if pos is None else (pos, float(objective[pos]))


def utilitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Utilitarian solution: the candidate maximising ``sum_p u_p`` (Harsanyi, 1955).

    Examples
    --------
    >>> utilitarian([[0.9, 0.6, 0.2], [0.1, 0.5, 0.9]], [0.0, 0.0])
    1
    """
    choice = _utilitarian(u, d, index)
    return None if choice is None else choice[0]


def _egalitarian(u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None) -> Choice:
    utilities, gains, order, ok = _prepare(u, d, index)
    objective = gains.min(axis=0)
    pos = _choose(objective, utilities, order, ok, secondary=utilities.sum(axis=0))
    return None if pos is None else (pos, float(objective[pos]))


def egalitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Egalitarian solution: the candidate maximising ``min_p (u_p - d_p)``, ties by sum.

    Rawls, *A Theory of Justice*, 1971; Kalai, "Proportional Solutions to Bargaining
    Situations", *Econometrica* 45(7), 1977 (equal gains, here in the max-min reading).

    Examples
    --------
    >>> egalitarian([[0.9, 0.6, 0.5], [0.1, 0.5, 0.5]], [0.0, 0.0])
    1
    """
    choice = _egalitarian(u, d, index)
    return None if choice is None else choice[0]


#: The solutions computed by :func:`bargaining_solutions`, by key.
SOLUTIONS: dict[str, Callable[[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike | None], Choice]] = {
    "nash": _nash,
    "kalai_smorodinsky": _kalai_smorodinsky,
    "utilitarian": _utilitarian,
    "egalitarian": _egalitarian,
}


def bargaining_solutions(
    compiled: Compiled,
    mask_fn: MaskFn | None = None,
    chunk: int = DEFAULT_CHUNK,
    *,
    frontier: Frontier | None = None,
) -> dict[str, Solution]:
    """Nash, Kalai-Smorodinsky, utilitarian and egalitarian solutions among the principals.

    Candidates: the outcomes selected by ``mask_fn`` (default: the ZOPA) that give every
    principal at least its reservation value ``d``. Every solution is Pareto-efficient among the
    candidates (see the module's tie rule), so all four are computed on the candidates' Pareto
    frontier, streamed over chunks of ``chunk`` outcomes. Since ``{u >= d}`` is upward closed,
    that frontier is the frontier of the ``mask_fn`` outcomes cut at ``d``; pass it as
    ``frontier`` if already computed (``zopa_frontier(compiled)`` for the default,
    ``pareto_frontier(compiled, mask_fn)`` otherwise). Keys follow :data:`SOLUTIONS`; the
    result is empty when there is no candidate.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    >>> bargaining_solutions(compiled)  # no ZOPA under the Hanoi postures
    {}
    """
    n_p = len(compiled.principals)
    d = compiled.reservations[:n_p]
    if frontier is None:
        if mask_fn is None:
            frontier = zopa_frontier(compiled, chunk)
        else:
            frontier = pareto_frontier(compiled, _rational(mask_fn, d, n_p), chunk)
    result: dict[str, Solution] = {}
    for name, solve in SOLUTIONS.items():
        choice = solve(frontier.utilities, d, frontier.index)
        if choice is not None:
            result[name] = _solution(compiled, name, int(frontier.index[choice[0]]), choice[1])
    return result


def _rational(mask_fn: MaskFn, d: Floats, n_p: int) -> MaskFn:
    def candidates(block: Block) -> Mask:
        gains_ok = (block.utilities[:n_p] >= d[:, None]).all(axis=0)
        return np.asarray(mask_fn(block), dtype=bool) & gains_ok

    return candidates


def _solution(compiled: Compiled, name: str, index: int, objective: float) -> Solution:
    ranks = compiled.space.decode(np.array([index]))
    utilities = compiled.utilities(ranks)[:, 0]
    return Solution(
        name=name,
        index=index,
        outcome=compiled.space.labels(ranks[0]),
        utilities={party: float(utilities[p]) for p, party in enumerate(compiled.parties)},
        objective=objective,
    )
