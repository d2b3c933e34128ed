"""The Pareto frontier of a block-evaluated outcome space.

An outcome ``a`` *dominates* ``b`` when every party weakly prefers ``a`` and at least one
strictly: ``u_p(a) >= u_p(b)`` for all ``p`` and ``u_p(a) > u_p(b)`` for some ``p``. The Pareto
frontier (Pareto set) is the set of candidate outcomes that no candidate dominates (Pareto,
*Manuale di economia politica*, 1906; Raiffa, *The Art and Science of Negotiation*, 1982). Equal
utility vectors do not dominate each other, so every copy of a non-dominated vector is kept.

The frontier is computed over the principals' utilities by streaming the outcome space in
chunks: each chunk's candidates are filtered against the running frontier, reduced to their own
frontier, and merged into it, so memory is bounded by the chunk and the frontier sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block
from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.space import DEFAULT_CHUNK

__all__ = [
    "Frontier",
    "MaskFn",
    "additive_frontier",
    "pareto_frontier",
    "pareto_mask",
    "zopa_frontier",
]

MaskFn = Callable[[Block], Mask]


@dataclass(frozen=True)
class Frontier:
    """Pareto-efficient outcomes.

    ``index`` are outcome indices (int64, shape ``(k,)``); ``utilities`` the principals'
    utilities, shape ``(P, k)``, rows in the order of ``parties`` (the compiled principals).
    Columns are sorted by the first party's utility descending, ties by the next parties'
    utilities descending, then by outcome index ascending.
    """

    index: npt.NDArray[np.int64]
    utilities: Floats
    parties: tuple[str, ...]

    @property
    def size(self) -> int:
        return int(self.index.shape[0])


def pareto_mask(points: npt.ArrayLike) -> Mask:
    """Which columns of ``points`` (shape ``(P, n)``) no other column dominates.

    Equal columns do not dominate each other: every copy of a non-dominated vector is kept.
    """
    raise NotImplementedError


def pareto_frontier(
    compiled: Compiled, mask_fn: MaskFn | None = None, chunk: int = DEFAULT_CHUNK
) -> Frontier:
    """The Pareto frontier of the candidate outcomes, over the principals' utilities.

    ``mask_fn(block)`` selects the candidates of each :class:`Block` (default: the feasible
    outcomes). Without ``mask_fn``, and when the scenario has no feasibility constraint and no
    linkage term, :func:`additive_frontier` builds the same frontier issue by issue.
    """
    raise NotImplementedError


def additive_frontier(compiled: Compiled) -> Frontier:
    """The frontier of the whole outcome space built issue by issue (linear-additive only).

    Valid only without feasibility constraints and linkage terms (ValueError otherwise).
    """
    raise NotImplementedError


def zopa_frontier(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> Frontier:
    """The Pareto frontier of the zone of possible agreement.

    Same result as ``pareto_frontier(compiled, lambda b: b.zopa, chunk)``; faster when the
    principals have no red lines (then it is the frontier of the feasible outcomes cut at the
    reservation values).
    """
    raise NotImplementedError
