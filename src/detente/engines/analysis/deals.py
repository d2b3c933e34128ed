"""Deals: one outcome offered as a deal, with its options and every party's utility.

Which candidate is *the* Nash deal is decided by the one rule of :mod:`detente.engines.nash`
(lexicographic Nash with a documented tie-break); :class:`NashTracker` is re-exported here for
the engines that stream candidates block by block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.compile import Compiled
from detente.engines.nash import NashTracker

__all__ = ["Deal", "NashTracker", "deal_of"]


@dataclass(frozen=True)
class Deal:
    """One outcome offered as a deal: its index, options and every party's utility."""

    index: int
    outcome: dict[str, str]
    utilities: dict[str, float]


def deal_of(compiled: Compiled, index: int) -> Deal:
    """The :class:`Deal` at outcome ``index`` (utilities of every party with preferences)."""
    ranks = compiled.space.decode(np.array([index]))
    u = compiled.utilities(ranks)[:, 0]
    return Deal(
        index,
        compiled.space.labels(ranks[0]),
        {p: float(u[compiled.party_index(p)]) for p in compiled.parties},
    )
