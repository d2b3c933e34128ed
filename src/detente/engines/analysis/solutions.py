"""Bargaining solutions over a set of candidate outcomes (brute-force reference version).

Each function takes the candidates' utilities ``u`` (shape ``(P, k)``) and the disagreement
point ``d`` (the reservation values, shape ``(P,)``), considers only the candidates with every
gain ``u_p - d_p >= 0``, and returns the position (column) of the chosen candidate, or None if
no candidate has all gains non-negative. Ties go to the smallest ``index`` (default: position).

- Nash (1950): maximise ``prod_p (u_p - d_p)``;
- Kalai & Smorodinsky (1975), discrete reading: maximise ``min_p (u_p - d_p) / (I_p - d_p)``
  with ``I_p`` the best gain of ``p`` among the candidates, ties by the sum of utilities;
- utilitarian: maximise ``sum_p u_p``;
- egalitarian (Kalai, 1977): maximise ``min_p (u_p - d_p)``, ties by the sum of utilities.

NOTE FOR THE MERGE: minimal brute-force version written on branch ``nodeal`` against the agreed
signatures; the version of branch ``pareto`` replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import blocks
from detente.engines.analysis.pareto import MaskFn
from detente.engines.compile import Compiled, Floats
from detente.engines.space import DEFAULT_CHUNK

__all__ = [
    "Solution",
    "bargaining_solutions",
    "egalitarian",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
]


@dataclass(frozen=True)
class Solution:
    """One bargaining solution: the outcome, its options, utilities and objective value."""

    name: str
    index: int
    outcome: dict[str, str]
    utilities: dict[str, float]
    objective: float


def _pick(objective: Floats, tie: Floats, gains: Floats, index: npt.ArrayLike | None) -> int | None:
    ok: npt.NDArray[np.bool_] = np.asarray((gains >= 0).all(axis=0), dtype=bool)
    if not ok.any():
        return None
    n = gains.shape[1]
    idx = np.arange(n) if index is None else np.asarray(index)
    order = np.lexsort((idx, -tie, -objective))
    order = order[ok[order]]
    return int(order[0])


def _gains(u: npt.ArrayLike, d: npt.ArrayLike) -> tuple[Floats, Floats]:
    uu = np.asarray(u, dtype=np.float64)
    return uu, uu - np.asarray(d, dtype=np.float64)[:, None]


def nash(u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None) -> int | None:
    """Nash bargaining solution: maximise ``prod_p (u_p - d_p)`` (Nash, 1950).

    Examples
    --------
    >>> nash([[0.9, 0.6, 0.2], [0.1, 0.6, 0.9]], [0.0, 0.0])
    1
    """
    _, g = _gains(u, d)
    return _pick(np.prod(g, axis=0), np.zeros(g.shape[1]), g, index)


def kalai_smorodinsky(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Kalai-Smorodinsky solution, discrete reading (Kalai & Smorodinsky, 1975)."""
    uu, g = _gains(u, d)
    ok = (g >= 0).all(axis=0)
    if not ok.any():
        return None
    ideal = g[:, ok].max(axis=1)
    ratio = np.where(ideal[:, None] > 0, g / np.where(ideal > 0, ideal, 1.0)[:, None], 1.0)
    return _pick(ratio.min(axis=0), uu.sum(axis=0), g, index)


def utilitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Utilitarian solution: maximise ``sum_p u_p``."""
    uu, g = _gains(u, d)
    return _pick(uu.sum(axis=0), np.zeros(g.shape[1]), g, index)


def egalitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Egalitarian solution: maximise ``min_p (u_p - d_p)`` (Kalai, 1977), ties by sum."""
    uu, g = _gains(u, d)
    return _pick(g.min(axis=0), uu.sum(axis=0), g, index)


_RULES = {
    "nash": nash,
    "kalai_smorodinsky": kalai_smorodinsky,
    "utilitarian": utilitarian,
    "egalitarian": egalitarian,
}


def bargaining_solutions(
    compiled: Compiled, mask_fn: MaskFn | None = None, chunk: int = DEFAULT_CHUNK
) -> dict[str, Solution]:
    """Nash, Kalai-Smorodinsky, utilitarian and egalitarian solutions (default: in the ZOPA).

    Keys: ``"nash"``, ``"kalai_smorodinsky"``, ``"utilitarian"``, ``"egalitarian"``; a key is
    absent when no candidate gives every principal at least its reservation value. The brute
    force gathers every candidate (the ZOPA) in memory before choosing.
    """
    rows = [compiled.party_index(p) for p in compiled.principals]
    parts = [
        (b.index[m], b.utilities[:, m])
        for b in blocks(compiled, chunk)
        for m in [b.zopa if mask_fn is None else mask_fn(b)]
    ]
    index = np.concatenate([p[0] for p in parts])
    u_all = np.concatenate([p[1] for p in parts], axis=1)
    d = compiled.reservations[rows]
    result: dict[str, Solution] = {}
    for name, rule in _RULES.items():
        pos = rule(u_all[rows], d, index)
        if pos is None:
            continue
        result[name] = _solution(compiled, name, int(index[pos]), u_all[:, pos], d, rows)
    return result


def _solution(
    compiled: Compiled, name: str, index: int, u: Floats, d: Floats, rows: list[int]
) -> Solution:
    gains = u[rows] - d
    objective = {
        "nash": float(np.prod(gains)),
        "utilitarian": float(u[rows].sum()),
        "egalitarian": float(gains.min()),
        "kalai_smorodinsky": float(gains.min()),
    }[name]
    ranks = compiled.space.decode(np.array([index]))[0]
    return Solution(
        name,
        index,
        compiled.space.labels(ranks),
        {p: float(u[compiled.party_index(p)]) for p in compiled.parties},
        objective,
    )
