"""Skyline (Pareto maxima) of points with three or more coordinates, by cell-pruned comparison.

Column ``a`` *dominates* column ``b`` with margin ``tol >= 0`` when ``a_p >= b_p`` for every
party ``p`` and ``a_p > b_p + tol`` for some ``p`` (``tol = 0``: ordinary Pareto dominance).

Method. Each party's values are cut at their quantiles into ``k`` cells. The cell of a value is
a non-decreasing function of it, so a dominator of a point lies, on every party, in a cell at
least as high as the point's: *weak* dominance alone forces it, whatever the margin. Points are
grouped by cell, and each group is compared only with the points of the cells weakly above it
on every party. Near a frontier (a surface in the utility space) few cells lie above a given
cell, so most of the quadratic pairwise work of a block-nested-loops skyline (Börzsönyi,
Kossmann & Stocker, "The Skyline Operator", ICDE 2001) is skipped; this is the partition idea of
the grid and bitmap skyline methods (Tan, Eng & Ooi, "Efficient Progressive Skyline
Computation", VLDB 2001). The comparisons themselves are vectorised over blocks of pairs;
the strict part of the test is only evaluated for the pairs where weak dominance holds, which
are rare among frontier points.

The result is exact: the cells only decide which pairs are compared, never the outcome of a
comparison.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["dominated_by", "skyline_mask"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

# Cells of the partition, all parties together.
_CELLS = 1 << 12
# Pairs compared at once (bounds the boolean temporaries to a few MiB).
_PAIRS = 1 << 20
# Aim for at least this many points per cell (fewer cells for fewer points: less loop overhead).
_PER_CELL = 24
# Columns of ``a`` per comparison slice, so that dominated columns of ``b`` drop out early.
_SLICE = 2048
# Below this many points one all-pairs comparison is cheaper than partitioning.
_SMALL = 1024


def skyline_mask(pts: Floats, tol: float = 0.0) -> Mask:
    """Which columns of ``pts`` (shape ``(P, n)``) no column dominates (margin ``tol``).

    Equal columns do not dominate each other, so every copy of a non-dominated vector is kept.

    Examples
    --------
    >>> pts = np.array([[3.0, 2.0, 1.0, 1.0, 3.0], [1.0, 2.0, 3.0, 1.0, 1.0], [0, 0, 0, 0, 0]])
    >>> skyline_mask(pts).tolist()
    [True, True, True, False, True]
    """
    n_parties, n = pts.shape
    if n <= _SMALL:
        return ~dominated_by(pts, pts, tol)
    k = max(2, round(min(_CELLS, n // _PER_CELL) ** (1.0 / n_parties)))
    shape = (k,) * n_parties
    cell = np.empty((n_parties, n), dtype=np.intp)
    for p in range(n_parties):
        edges = np.quantile(pts[p], np.arange(1, k) / k)
        cell[p] = np.searchsorted(edges, pts[p], side="right")
    flat = np.asarray(np.ravel_multi_index(tuple(cell), shape), dtype=np.intp)
    order = np.argsort(flat, kind="stable")
    occupied, first, counts = np.unique(flat[order], return_index=True, return_counts=True)
    coords = np.stack(np.unravel_index(occupied, shape))
    # np.take keeps rows contiguous (``pts[:, order]`` does not): reductions stay fast.
    ordered = np.take(pts, order, axis=1)
    dominated = np.zeros(n, dtype=bool)
    for j in range(occupied.shape[0]):
        # Highest cells first: their points dominate most, so dominated points drop out early.
        above = np.flatnonzero((coords >= coords[:, j : j + 1]).all(axis=0))[::-1]
        rivals = _ranges(first[above], counts[above])
        mine = slice(first[j], first[j] + counts[j])
        # A dominator is >= the group's own minimum on every party: a cheap bounding box.
        low = ordered[:, mine].min(axis=1, keepdims=True)
        rival_pts = np.take(ordered, rivals, axis=1)
        near = (rival_pts >= low).all(axis=0)
        dominated[mine] = dominated_by(np.compress(near, rival_pts, axis=1), ordered[:, mine], tol)
    keep = np.zeros(n, dtype=bool)
    keep[order] = ~dominated
    return keep


def _ranges(starts: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The positions ``starts[i], ..., starts[i] + lengths[i] - 1`` for every ``i``, in order."""
    total = int(lengths.sum())
    shift = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return np.asarray(np.arange(total) + shift, dtype=np.intp)


def dominated_by(a: Floats, b: Floats, tol: float = 0.0) -> Mask:
    """For each column of ``b``: does some column of ``a`` dominate it (margin ``tol``)?

    Compared in blocks of at most about ``2^20`` pairs; the columns of ``b`` found dominated
    are dropped from the later blocks.

    Examples
    --------
    >>> dominated_by(np.array([[1.0], [1.0]]), np.array([[1.0, 0.5, 1.0], [1.0, 1.0, 0.5]]))
    array([False,  True,  True])
    """
    result = np.zeros(b.shape[1], dtype=bool)
    if a.shape[1] == 0:
        return result
    width = _SLICE
    for start in range(0, b.shape[1], width):
        alive = np.arange(start, min(start + width, b.shape[1]))
        step = max(_SLICE, _PAIRS // alive.shape[0])
        for lo in range(0, a.shape[1], step):
            hit = _dominated(a[:, lo : lo + step], np.take(b, alive, axis=1), tol)
            result[alive[hit]] = True
            alive = alive[~hit]
            if alive.shape[0] == 0:
                break
    return result


def _dominated(a: Floats, b: Floats, tol: float) -> Mask:
    """One block: weak dominance for every pair, the strict part only where it holds."""
    weak = a[0][:, None] >= b[0][None, :]
    scratch = np.empty_like(weak)
    for p in range(1, a.shape[0]):
        np.greater_equal(a[p][:, None], b[p][None, :], out=scratch)
        weak &= scratch
    cols = np.flatnonzero(weak.any(axis=0))
    hit = np.zeros(b.shape[1], dtype=bool)
    if cols.shape[0] == 0:
        return hit
    sub, bs = np.take(weak, cols, axis=1), np.take(b, cols, axis=1)
    strict = a[0][:, None] > bs[0][None, :] + tol
    for p in range(1, a.shape[0]):
        strict |= a[p][:, None] > bs[p][None, :] + tol
    hit[cols] = (sub & strict).any(axis=0)
    return hit
