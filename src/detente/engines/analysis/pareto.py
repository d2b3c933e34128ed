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

from detente.engines.analysis.acceptability import Block, evaluate_block
from detente.engines.analysis.skyline import skyline_mask
from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.space import DEFAULT_CHUNK, Ranks

__all__ = [
    "Frontier",
    "FrontierScan",
    "MaskFn",
    "additive_applies",
    "additive_frontier",
    "pareto_frontier",
    "pareto_mask",
    "zopa_frontier",
]

MaskFn = Callable[[Block], Mask]

# Below this many points the grid filter costs more than it saves.
_GRID_MIN = 4096
# Cells of the filter grid (all parties together): 2^20 booleans, 1 MiB.
_GRID_CELLS = 1 << 20
# Relative margin for pruning partial sums in additive_frontier (far above float rounding).
_MARGIN = 1e-9


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
    Two parties: sort by ``u_1`` descending (ties by ``u_2`` descending) and keep the points
    whose ``u_2`` exceeds the running maximum of the earlier ``u_1`` groups, O(n log n)
    (Kung, Luccio & Preparata, *J. ACM* 22(4), 1975). Three or more: a linear-time grid
    filter discards points that some occupied grid cell dominates outright, then the
    survivors are compared pairwise, each only with the points of the quantile cells weakly
    above its own (:func:`detente.engines.analysis.skyline.skyline_mask`), vectorised over
    blocks.

    Examples
    --------
    >>> pareto_mask([[3.0, 2.0, 1.0, 1.0, 3.0], [1.0, 2.0, 3.0, 1.0, 1.0]]).tolist()
    [True, True, True, False, True]
    """
    pts = np.asarray(points, dtype=np.float64)
    if pts.ndim != 2:
        raise ValueError(f"points must have shape (parties, n), not {pts.shape}")
    if not np.isfinite(pts).all():
        raise ValueError("points must be finite")
    return _pareto_mask(pts, 0.0)


def pareto_frontier(
    compiled: Compiled, mask_fn: MaskFn | None = None, chunk: int = DEFAULT_CHUNK
) -> Frontier:
    """The Pareto frontier of the candidate outcomes, over the principals' utilities.

    ``mask_fn(block)`` selects the candidates of each :class:`Block` (default: the feasible
    outcomes; ``lambda b: b.zopa`` gives the frontier of the zone of agreement, which
    :func:`zopa_frontier` computes faster). The space is streamed in chunks of ``chunk``
    outcomes; each chunk's candidates are merged with the running frontier, so memory is
    bounded by the chunk and the frontier. Without ``mask_fn``, when
    :func:`additive_applies`, :func:`additive_frontier` builds the same frontier issue by
    issue instead.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    >>> frontier = pareto_frontier(compiled)
    >>> frontier.parties == compiled.principals
    True
    >>> bool((np.diff(frontier.utilities[0]) <= 0).all())
    True
    """
    _check_principals(compiled)
    if mask_fn is None and additive_applies(compiled):
        return additive_frontier(compiled)
    frontier = FrontierScan(compiled, mask_fn)
    for start, ranks in compiled.chunks(chunk):
        frontier.add(start, *_candidates(compiled, start, ranks, mask_fn))
    return frontier.result()


class FrontierScan:
    """The streamed frontier of :func:`pareto_frontier`, block by block (a ``BlockScan``).

    ``mask_fn(block)`` selects the candidates (default: the feasible outcomes). Each block's
    candidates are merged with the running frontier, so memory is bounded by the block and
    the frontier.
    """

    def __init__(self, compiled: Compiled, mask_fn: MaskFn | None = None) -> None:
        _check_principals(compiled)
        self.compiled = compiled
        self.mask_fn = mask_fn
        self.utilities = np.empty((len(compiled.principals), 0))
        self.index = np.empty(0, dtype=np.int64)

    def update(self, block: Block) -> None:
        keep = block.feasible if self.mask_fn is None else self.mask_fn(block)
        self.add(int(block.index[0]), block.utilities, np.asarray(keep, dtype=bool))

    def add(self, start: int, utilities: Floats, keep: Mask) -> None:
        """Merge the candidates ``keep`` of the contiguous block at ``start``."""
        pos = np.flatnonzero(keep)
        rows = utilities[: self.utilities.shape[0]]
        union_u = np.concatenate([self.utilities, np.take(rows, pos, axis=1)], axis=1)
        union_i = np.concatenate([self.index, pos.astype(np.int64) + start])
        efficient = _pareto_mask(union_u, 0.0)
        self.utilities, self.index = np.compress(efficient, union_u, axis=1), union_i[efficient]

    def result(self) -> Frontier:
        return _frontier(self.compiled, self.index, self.utilities)


def _candidates(
    compiled: Compiled, start: int, ranks: Ranks, mask_fn: MaskFn | None
) -> tuple[Floats, Mask]:
    if mask_fn is None:
        return compiled.range_utilities(start, ranks), compiled.feasible(ranks)
    block = evaluate_block(compiled, start, ranks)
    return block.utilities, np.asarray(mask_fn(block), dtype=bool)


def additive_applies(compiled: Compiled) -> bool:
    """Whether :func:`additive_frontier` gives the frontier of the feasible outcomes.

    True when every outcome is feasible and the principals' utilities are purely additive (no
    linkage term).
    """
    n_p = len(compiled.principals)
    return not compiled.feasibility and not any(compiled.linkages[:n_p])


def additive_frontier(compiled: Compiled) -> Frontier:
    """The frontier of the whole outcome space, built issue by issue (linear-additive only).

    With ``S_k`` the set of partial utility vectors over the first ``k`` issues and ``V_k`` the
    vectors of issue ``k``'s options, ``S_{k+1} = S_k ⊕ V_k`` (Minkowski sum). If ``a'``
    dominates ``a`` then ``a' + b`` dominates ``a + b``, so the frontier of ``S_k ⊕ V_k`` lies in
    ``frontier(S_k) ⊕ V_k``: dominated partial sums are pruned after every issue, long before
    the product space exists. Intermediate pruning requires a margin of ``1e-9`` (relative)
    on some party, so that no later float rounding can turn a pruned outcome into an equal
    copy of a frontier vector; partial sums are formed in the order of
    :meth:`Compiled.utilities`, so the result is bit-identical to the enumerated frontier,
    equal copies included.

    Raises
    ------
    ValueError
        If :func:`additive_applies` is false (feasibility constraints or linkage terms).
    """
    _check_principals(compiled)
    if not additive_applies(compiled):
        raise ValueError("additive_frontier needs no feasibility constraint and no linkage")
    n_p = len(compiled.principals)
    tables = compiled.tables[:n_p]
    scale = float(np.abs(tables).max(axis=2).sum(axis=1).max())
    margin = _MARGIN * max(1.0, scale)
    radices, strides = compiled.space.radices, compiled.space.strides
    utilities = np.zeros((n_p, 1))
    index = np.zeros(1, dtype=np.int64)
    for i, n_i in enumerate(radices):
        utilities = (utilities[:, :, None] + tables[:, i, None, :n_i]).reshape(n_p, -1)
        index = (index[:, None] + np.arange(n_i, dtype=np.int64) * strides[i]).ravel()
        last = i == len(radices) - 1
        efficient = _pareto_mask(utilities, 0.0 if last else margin)
        utilities, index = np.compress(efficient, utilities, axis=1), index[efficient]
    return _frontier(compiled, index, utilities)


def zopa_frontier(
    compiled: Compiled, chunk: int = DEFAULT_CHUNK, *, feasible: Frontier | None = None
) -> Frontier:
    """The Pareto frontier of the zone of possible agreement.

    Equal to ``pareto_frontier(compiled, lambda b: b.zopa, chunk)``. When the principals have
    no red lines, the ZOPA is the feasible set cut by the reservation thresholds, an upward
    closed condition: whatever dominates a ZOPA outcome is in the ZOPA too, so the ZOPA's
    frontier is the feasible frontier cut at the reservation values. ``feasible`` (the result
    of ``pareto_frontier(compiled)``, if already computed) is then reused.
    """
    _check_principals(compiled)
    principals = set(compiled.principals)
    if any(c.party in principals for c in compiled.red_lines):
        return pareto_frontier(compiled, _zopa, chunk)
    frontier = pareto_frontier(compiled, None, chunk) if feasible is None else feasible
    d = compiled.reservations[: len(compiled.principals), None]
    inside = (frontier.utilities >= d).all(axis=0)
    return Frontier(
        frontier.index[inside], np.compress(inside, frontier.utilities, axis=1), frontier.parties
    )


def _zopa(block: Block) -> Mask:
    return block.zopa


def _check_principals(compiled: Compiled) -> None:
    if not compiled.principals:
        raise ValueError("the scenario has no principal: no frontier to compute")


def _frontier(compiled: Compiled, index: npt.NDArray[np.int64], utilities: Floats) -> Frontier:
    """Frontier columns sorted by u_1, u_2, ... descending, then by outcome index."""
    keys = [-utilities[p] for p in range(utilities.shape[0] - 1, -1, -1)]
    order = np.lexsort((index, *keys))
    return Frontier(
        np.asarray(index[order], dtype=np.int64),
        np.take(utilities, order, axis=1),
        compiled.principals,
    )


def _pareto_mask(pts: Floats, tol: float) -> Mask:
    """Non-dominated columns, where domination needs a margin ``tol`` on some party."""
    n_parties, n = pts.shape
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    if n_parties == 1:
        return np.asarray(pts[0] >= pts[0].max() - tol, dtype=bool)
    idx = np.arange(n)
    if n > _GRID_MIN:
        idx = _grid_filter(pts, tol)
    sub = np.take(pts, idx, axis=1)
    inner = _pareto_2d(sub, tol) if n_parties == 2 else skyline_mask(sub, tol)
    keep[idx[inner]] = True
    return keep


def _pareto_2d(pts: Floats, tol: float) -> Mask:
    """Two-party frontier by one sort and a running maximum.

    Sorted by ``u_1`` descending (ties by ``u_2`` descending), a point is dominated when an
    earlier point has ``u_1`` greater by more than ``tol`` and ``u_2`` at least as large, or
    ``u_1`` at least as large and ``u_2`` greater by more than ``tol``; both earlier sets are
    prefixes of the order, so prefix maxima of ``u_2`` answer both.
    """
    u1, u2 = pts
    order = np.lexsort((-u2, -u1))
    a, b = u1[order], u2[order]
    best = np.maximum.accumulate(b)
    clear = np.searchsorted(-a, -(a + tol), side="left")
    by_a = (clear > 0) & (best[np.maximum(clear - 1, 0)] >= b)
    ties = np.searchsorted(-a, -a, side="right")
    by_b = best[ties - 1] > b + tol
    keep = np.zeros(a.shape[0], dtype=bool)
    keep[order] = ~(by_a | by_b)
    return keep


def _grid_filter(pts: Floats, tol: float) -> npt.NDArray[np.intp]:
    """Positions of the points that survive repeated grid filtering (a superset of the frontier).

    Each party's range is cut into ``G`` cells. A cell index is a non-decreasing function of the
    value, so a point in a cell strictly above another point's cell on every party is strictly
    greater on every party, and dominates it. Suffix-ORs of the occupancy over every axis find,
    for every cell, whether such a cell is occupied: O(n P + G^P) per pass. Dominators are shifted
    down by ``tol`` so that the margin holds. Dominated points are dominated by a frontier point
    (which is never discarded), so the filter can be repeated on the survivors with a grid
    zoomed onto their range, while that keeps removing points.
    """
    n_parties = pts.shape[0]
    cells = max(2, int(_GRID_CELLS ** (1.0 / n_parties)))
    shape = (cells,) * n_parties
    idx = np.arange(pts.shape[1])
    while idx.shape[0] > _GRID_MIN:
        sub = np.take(pts, idx, axis=1)
        lo = sub.min(axis=1, keepdims=True)
        span = sub.max(axis=1, keepdims=True) - lo
        scale = cells / np.where(span > 0, span, 1.0)
        grid = np.zeros(cells**n_parties, dtype=bool)
        grid[_flat_cell(sub, lo + tol, scale, cells)] = True
        grid = grid.reshape(shape)
        for axis in range(n_parties):
            grid = np.flip(np.logical_or.accumulate(np.flip(grid, axis), axis=axis), axis)
        dominated = np.zeros(shape, dtype=bool)
        dominated[(slice(None, -1),) * n_parties] = grid[(slice(1, None),) * n_parties]
        alive = ~dominated.ravel()[_flat_cell(sub, lo, scale, cells)]
        idx = idx[alive]
        if idx.shape[0] > 0.8 * alive.shape[0]:
            break
    return np.asarray(idx, dtype=np.intp)


def _flat_cell(pts: Floats, lo: Floats, scale: Floats, cells: int) -> npt.NDArray[np.intp]:
    """Flat grid cell of every point, each party's cell clipped to ``[0, cells)``.

    The cell is a non-decreasing function of each value (float subtraction, multiplication,
    clipping and truncation are all monotone).
    """
    q = (pts - lo) * scale
    np.clip(q, 0, cells - 1, out=q)
    cell = q.astype(np.intp)
    flat = cell[0]
    for p in range(1, pts.shape[0]):
        flat *= cells
        flat += cell[p]
    return np.asarray(flat, dtype=np.intp)
