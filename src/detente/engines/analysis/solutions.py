"""Bargaining solutions over a set of candidate outcomes.

Each function takes the candidates' utilities ``u`` (shape ``(P, k)``) and the disagreement
point ``d`` (the reservation values, shape ``(P,)``), considers only the candidates with every
gain ``u_p - d_p >= 0``, and returns the position (column) of the chosen candidate, or None if
no candidate has all gains non-negative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.pareto import MaskFn
from detente.engines.compile import Compiled
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


def nash(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Nash bargaining solution: maximise ``prod_p (u_p - d_p)`` (Nash, 1950)."""
    raise NotImplementedError


def kalai_smorodinsky(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Kalai-Smorodinsky solution, discrete reading (Kalai & Smorodinsky, 1975)."""
    raise NotImplementedError


def utilitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Utilitarian solution: maximise ``sum_p u_p``."""
    raise NotImplementedError


def egalitarian(
    u: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Egalitarian solution: maximise ``min_p (u_p - d_p)`` (Kalai, 1977), ties by sum."""
    raise NotImplementedError


def bargaining_solutions(
    compiled: Compiled, mask_fn: MaskFn | None = None, chunk: int = DEFAULT_CHUNK
) -> dict[str, Solution]:
    """Nash, Kalai-Smorodinsky, utilitarian and egalitarian solutions (default: in the ZOPA).

    Keys: ``"nash"``, ``"kalai_smorodinsky"``, ``"utilitarian"``, ``"egalitarian"``; a key is
    absent when no candidate gives every principal at least its reservation value.
    """
    raise NotImplementedError
