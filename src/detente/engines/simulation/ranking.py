"""Each run's ranking of the outcomes by one party's utility, built lazily and exact.

A concession strategy asks, round by round, for "the outcome of lowest utility at least
``t``" (ties: the lowest outcome index) and for its best outcome; both are answered by a
binary search in the outcomes sorted by utility, stably. Sorting every run's ``n`` sampled
utilities costs ``O(n log n)`` per run and party, yet talks usually settle while the targets
are still high. So a :class:`Ranking` first ranks only each run's top tier: with ``tau`` the
``k``-th largest key of the run (``np.partition``, linear time), the keys ``> tau``, sorted.
A question with ``t > tau`` (and a run whose top tier is not empty) is answered there: every
key ``>= t`` is in the tier, so the answer is the one the full ranking gives. Any other
question first ranks the run fully (once). Answers are therefore exactly those of the stable
full sort (``tests/test_simulation_ranking.py`` checks it against the plain definition).

Sorting itself (:func:`stable_order`) is one plain value sort of packed keys: the key's bits
made order-preserving as unsigned integers with the column in the low bits, several times
faster than an argsort; rows where truncating the keys merged two different keys are sorted
again with a stable argsort, so the result is exact.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["Ranking", "stable_order"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

_SIGN = np.uint64(1 << 63)
#: The top tier holds about ``n / TIER`` keys per run (at least ``MIN_TIER``).
TIER, MIN_TIER = 16, 64


def _packed_order(part: Floats, index: npt.NDArray[np.uint64], shift: np.uint64) -> Ints:
    bits = (part + 0.0).view(np.uint64)  # + 0.0: -0.0 becomes 0.0, equal keys equal bits
    packed = np.where(bits & _SIGN, ~bits, bits | _SIGN)
    packed >>= shift
    packed <<= shift
    packed |= index
    packed.sort(axis=1)
    packed &= (np.uint64(1) << shift) - np.uint64(1)
    return packed.view(np.int64)


def stable_order(key: Floats, block: int = 16) -> tuple[Ints, Floats]:
    """Row-wise stable argsort of ``key`` and the sorted keys, ``block`` rows at a time.

    Truncating keys to their top ``64 - shift`` bits can only merge keys that differ in their
    last bits; a row where that changed the order shows a decreasing pair of exact sorted keys
    and is sorted again by a stable argsort. So the result is the stable argsort (ties by
    column), found about three times faster.
    """
    position = np.empty(key.shape, dtype=np.int64)
    sorted_key = np.empty(key.shape)
    width = key.shape[1]
    shift = np.uint64(max(1, (width - 1).bit_length()))
    index = np.arange(width, dtype=np.uint64)
    for lo in range(0, key.shape[0], block):
        part = np.ascontiguousarray(key[lo : lo + block])
        order = _packed_order(part, index, shift)
        ranked = np.take_along_axis(part, order, axis=1)
        wrong = np.flatnonzero((ranked[:, 1:] < ranked[:, :-1]).any(axis=1))
        if wrong.size:
            order[wrong] = np.argsort(part[wrong], axis=1, kind="stable")
            ranked[wrong] = np.take_along_axis(part[wrong], order[wrong], axis=1)
        position[lo : lo + block] = order
        sorted_key[lo : lo + block] = ranked
    return position, sorted_key


def _search(sorted_key: Floats, order: Ints, rows: Ints, target: Floats) -> Ints:
    """Per row, ``order`` at the first position whose key is ``>= target`` (the last position
    if none): a batched binary search, exact and independent of the other rows."""
    lo = np.zeros(rows.shape[0], dtype=np.int64)
    hi = np.full(rows.shape[0], sorted_key.shape[1], dtype=np.int64)
    while True:
        open_ = lo < hi
        if not open_.any():
            break
        mid = (lo + hi) // 2
        below = open_ & (sorted_key[rows, np.minimum(mid, hi - 1)] < target)
        lo = np.where(below, mid + 1, lo)
        hi = np.where(open_ & ~below, mid, hi)
    position = np.minimum(lo, sorted_key.shape[1] - 1)
    return np.asarray(order[rows, position])


class Ranking:
    """The ranking of ``key[r, j]`` (run ``r``, candidate ``j`` = outcome ``columns[j]``).

    ``best[r]`` is the run's highest key; :meth:`at_least` answers the strategies' question.
    """

    def __init__(self, key: Floats, columns: Ints) -> None:
        self.key, self.columns = key, columns
        runs, m = key.shape
        self.best: Floats = key.max(axis=1) if m else np.full(runs, -np.inf)
        k = min(m, max(MIN_TIER, m // TIER))
        self.full = np.zeros(runs, dtype=bool)
        self.order = np.empty((runs, m), dtype=np.int64)  # filled row by row when needed
        self.sorted_key = np.empty((runs, m))
        if k >= m:
            self._rank_fully(np.arange(runs))
            self.tau = np.full(runs, np.inf)
            self.top_key, self.top_order = self.sorted_key, self.order
            return
        self.tau = np.partition(key, m - k, axis=1)[:, m - k]
        self.top_key, self.top_order = self._top(k)

    def _top(self, k: int) -> tuple[Floats, Ints]:
        """The keys ``> tau`` of each run, sorted, padded in front with -inf to ``k``."""
        above = self.key > self.tau[:, None]
        rows, cols = np.nonzero(above)  # row-major: columns ascending within a run
        counts = above.sum(axis=1)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        slot = k - counts[rows] + (np.arange(rows.shape[0]) - first[rows])
        key = np.full((self.key.shape[0], k), -np.inf)
        column = np.zeros((self.key.shape[0], k), dtype=np.int64)
        key[rows, slot], column[rows, slot] = self.key[rows, cols], cols
        position, ranked = stable_order(key)
        return ranked, self.columns[np.take_along_axis(column, position, axis=1)]

    def _rank_fully(self, rows: Ints) -> None:
        position, ranked = stable_order(self.key[rows])
        self.order[rows], self.sorted_key[rows] = self.columns[position], ranked
        self.full[rows] = True

    def at_least(self, rows: Ints, target: Floats) -> Ints:
        """Per row (run ``rows[j]``), the outcome of lowest key ``>= target[j]``, ties by the
        lowest outcome index; the best one (highest key, then highest index) if none."""
        target = np.broadcast_to(np.asarray(target, dtype=np.float64), rows.shape)
        top = ~self.full[rows] & (target > self.tau[rows]) & (self.best[rows] > self.tau[rows])
        deep = ~top & ~self.full[rows]
        if deep.any():
            self._rank_fully(np.unique(rows[deep]))
        result = np.empty(rows.shape[0], dtype=np.int64)
        if top.any():
            result[top] = _search(self.top_key, self.top_order, rows[top], target[top])
        if (~top).any():
            result[~top] = _search(self.sorted_key, self.order, rows[~top], target[~top])
        return result
