"""The Pareto frontier of a block-evaluated outcome space (brute-force reference version).

An outcome ``a`` *dominates* ``b`` when every party weakly prefers ``a`` and at least one
strictly: ``u_p(a) >= u_p(b)`` for all ``p`` and ``u_p(a) > u_p(b)`` for some ``p``. The Pareto
frontier is the set of candidate outcomes that no candidate dominates (Pareto, *Manuale di
economia politica*, 1906; Raiffa, *The Art and Science of Negotiation*, 1982). Equal utility
vectors do not dominate each other, so every copy of a non-dominated vector is kept.

NOTE FOR THE MERGE: this is the minimal, correct brute-force version written on branch
``nodeal`` so that the analysis can be built against the agreed signatures; the faster version
of branch ``pareto`` replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block, blocks
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
_PAIRS = 1 << 22


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

    Examples
    --------
    >>> pareto_mask([[1, 2, 0, 2], [2, 1, 0, 1]]).tolist()
    [True, True, False, True]
    """
    u = np.asarray(points, dtype=np.float64)
    n = u.shape[1]
    keep = np.ones(n, dtype=bool)
    step = max(1, _PAIRS // max(n, 1))
    for lo in range(0, n, step):
        cand = u[:, lo : lo + step]
        geq = (u[:, :, None] >= cand[:, None, :]).all(axis=0)
        gt = (u[:, :, None] > cand[:, None, :]).any(axis=0)
        keep[lo : lo + step] = ~(geq & gt).any(axis=0)
    return keep


def _sorted(index: npt.NDArray[np.int64], u: Floats, parties: tuple[str, ...]) -> Frontier:
    keys = (index, *(-row for row in u[::-1]))
    order = np.lexsort(keys)
    return Frontier(index[order], u[:, order], parties)


def pareto_frontier(
    compiled: Compiled, mask_fn: MaskFn | None = None, chunk: int = DEFAULT_CHUNK
) -> Frontier:
    """The Pareto frontier of the candidate outcomes, over the principals' utilities.

    ``mask_fn(block)`` selects the candidates of each :class:`Block` (default: the feasible
    outcomes). Each block's candidates are merged with the running frontier and filtered again.
    """
    rows = [compiled.party_index(p) for p in compiled.principals]
    index = np.zeros(0, dtype=np.int64)
    u = np.zeros((len(rows), 0))
    for block in blocks(compiled, chunk):
        mask = block.feasible if mask_fn is None else mask_fn(block)
        index = np.concatenate([index, block.index[mask]])
        u = np.concatenate([u, block.utilities[rows][:, mask]], axis=1)
        keep = pareto_mask(u)
        index, u = index[keep], u[:, keep]
    return _sorted(index, u, compiled.principals)


def additive_frontier(compiled: Compiled) -> Frontier:
    """The frontier of the whole outcome space (linear-additive only; here by enumeration).

    Valid only without feasibility constraints and linkage terms (ValueError otherwise).
    """
    if compiled.feasibility or any(compiled.linkages):
        raise ValueError("additive_frontier needs no feasibility constraint and no linkage")
    return pareto_frontier(compiled)


def zopa_frontier(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> Frontier:
    """The Pareto frontier of the zone of possible agreement."""
    return pareto_frontier(compiled, lambda b: b.zopa, chunk)
