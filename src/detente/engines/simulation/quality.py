"""How good the simulated deals are: Pareto-dominated share and distance to the Nash deal.

For the outcomes ``o`` of the runs that reached a deal, with the scenario's stated utilities
``u_p`` of the principals (not the sampled ones: one yardstick for every run):

- *Pareto-dominated*: some feasible outcome ``o'`` meeting every principal's red lines has
  ``u_p(o') >= u_p(o)`` for every principal and ``>`` for one (up to ``1e-12``) — a deal that
  left value on the table for both sides;
- *distance to the Nash deal*: the Euclidean distance ``||u(o) - u(n)||`` in the principals'
  utility space to the Nash bargaining solution ``n`` of the zone of agreement (Nash 1950;
  :func:`detente.engines.analysis.solutions.bargaining_solutions`); ``None`` without a zone.

Each distinct deal is tested against every acceptable outcome, vectorised in blocks of deals
(deals repeat across runs, so the distinct ones are few).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import Compiled
from detente.engines.simulation.state import Ints

__all__ = ["DealQuality", "deal_quality", "stored_outcomes"]

_EPS = 1e-12
_BLOCK = 64


@dataclass(frozen=True)
class DealQuality:
    """Over ``deals`` simulated agreements: the dominated share, the mean distance to Nash."""

    deals: int
    dominated_share: float | None
    nash_distance: float | None


def _acceptable_utilities(compiled: Compiled) -> np.ndarray:
    rows = [compiled.party_index(p) for p in compiled.principals]
    found = []
    for _, ranks in compiled.chunks():
        ok = compiled.feasible(ranks)
        for line in compiled.red_lines:
            if line.party in compiled.principals:
                ok &= compiled.mask(line.condition, ranks)
        found.append(compiled.utilities(ranks[ok])[rows].T)
    return np.concatenate(found) if found else np.zeros((0, len(rows)))


def _dominated(block: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Whether each row of ``block`` is Pareto-dominated by some row of ``others``."""
    weakly = np.all(others[None, :, :] >= block[:, None, :] - _EPS, axis=2)
    strictly = np.any(others[None, :, :] > block[:, None, :] + _EPS, axis=2)
    return np.asarray(np.any(weakly & strictly, axis=1))


def deal_quality(compiled: Compiled, outcomes: Ints) -> DealQuality:
    """Quality of the simulated deals ``outcomes`` (global outcome indices, ``-1`` ignored)."""
    chosen = outcomes[outcomes >= 0]
    if chosen.size == 0:
        return DealQuality(0, None, None)
    rows = [compiled.party_index(p) for p in compiled.principals]
    deals = compiled.utilities(compiled.space.decode(chosen))[rows].T  # [deal, p]
    # Each distinct deal is compared with every acceptable outcome (deals repeat across runs).
    distinct, inverse = np.unique(chosen, return_inverse=True)
    pool = _acceptable_utilities(compiled)
    first = compiled.utilities(compiled.space.decode(distinct))[rows].T
    hit = np.zeros(distinct.shape[0], dtype=bool)
    for start in range(0, distinct.shape[0], _BLOCK):
        hit[start : start + _BLOCK] = _dominated(first[start : start + _BLOCK], pool)
    dominated = hit[inverse.reshape(-1)]
    nash = bargaining_solutions(compiled).get("nash")
    distance = None
    if nash is not None:
        target = np.array([nash.utilities[p] for p in compiled.principals])
        distance = float(np.linalg.norm(deals - target[None, :], axis=1).mean())
    return DealQuality(int(chosen.size), float(dominated.mean()), distance)


def stored_outcomes(con: object, sweep_id: str) -> Ints:
    """The global outcome index of every stored run of ``sweep_id`` (``-1``: no deal)."""
    rows = con.execute(  # type: ignore[attr-defined]
        "SELECT outcome FROM runs WHERE sweep_id = ? ORDER BY run_id", [sweep_id]
    ).fetchall()
    return np.array([r[0] if r[0] is not None else -1 for r in rows], dtype=np.int64)
