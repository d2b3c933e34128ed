"""Each run's ranking of the outcomes by one party's utility, exact and fast.

A concession strategy asks, round by round, for "the outcome of lowest utility at least
``t``" (ties: the lowest outcome index) and for its best outcome; both are answered by a
batched binary search in the outcomes sorted by utility, stably (:class:`Ranking`).

Sorting (:func:`stable_order`) is one plain value sort of packed keys: the key's bits made
order-preserving as unsigned integers with the column in the low bits, several times faster
than an argsort; rows where truncating the keys merged two different keys are sorted again
with a stable argsort, so the result is exactly the stable argsort. A ranking of a subset of
the outcomes (a party's red lines) is the full ranking restricted to them (:meth:`Ranking.of`):
when most outcomes are allowed, an answer scans from the binary search's position to the next
allowed outcome instead of building the restricted arrays, so the arms of a comparison that
share a run's utilities rank them once and copy nothing.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["Ranking", "stable_order"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

_SIGN = np.uint64(1 << 63)
_BLOCK = 16


def _packed_order(part: Floats, index: npt.NDArray[np.uint64], shift: np.uint64, out: Ints) -> None:
    """Write into ``out`` the row-wise order of ``part`` by its keys truncated to their top
    ``64 - shift`` bits, ties by column: the key's bits made order-preserving as unsigned
    integers (non-negative keys: sign bit set; negative keys: every bit inverted), the low
    ``shift`` bits replaced by the column, one in-place value sort."""
    values, packed = out.view(np.float64), out.view(np.uint64)
    np.add(part, 0.0, out=values)  # -0.0 becomes 0.0: equal keys, equal bits
    low = (np.uint64(1) << shift) - np.uint64(1)
    packed &= ~low
    if values.min() < 0:  # rare (negative linkage bonuses): set the bits key by key
        negative = values < 0
        packed[~negative] |= _SIGN
        packed[negative] = ~packed[negative] & ~low
        packed |= index
    else:
        packed |= index | _SIGN  # one pass: the sign bit and the column
    packed.sort(axis=1)
    packed &= low


def stable_order(key: Floats, block: int = _BLOCK) -> tuple[Ints, Floats]:
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
        order, ranked = position[lo : lo + block], sorted_key[lo : lo + block]
        _packed_order(part, index, shift, order)
        for r in range(part.shape[0]):  # row by row, unbuffered: several times faster
            np.take(part[r], order[r], out=ranked[r], mode="clip")  # indices are valid
        wrong = np.flatnonzero((ranked[:, 1:] < ranked[:, :-1]).any(axis=1))
        if wrong.size:
            order[wrong] = np.argsort(part[wrong], axis=1, kind="stable")
            ranked[wrong] = np.take_along_axis(part[wrong], order[wrong], axis=1)
    return position, sorted_key


def _count_below(sorted_key: Floats, rows: Ints, target: Floats) -> Ints:
    """Per row, the number of keys ``< target`` (the first position whose key is ``>=
    target``; the width if none): a batched branch-free binary search, built bit by bit from
    the highest power of two, exact and independent of the other rows."""
    width = sorted_key.shape[1]
    flat = np.ascontiguousarray(sorted_key).reshape(-1)
    base = rows * width - 1
    below = np.zeros(rows.shape[0], dtype=np.int64)  # keys known to be < target
    step = 1 << (width.bit_length() - 1)
    while step:
        candidate = below + step
        fits = candidate <= width
        probe = flat[base + np.minimum(candidate, width)]
        below += np.where(fits & (probe < target), step, 0)
        step >>= 1
    return below


#: Below this share of allowed outcomes a filtered ranking is built (scans would be long).
_DENSE = 0.25


class Ranking:
    """Run ``r``'s candidates sorted by key (stably): ``order[r]`` the outcomes,
    ``sorted_key[r]`` their keys; with ``allowed`` (a mask over outcomes, the same in every
    run) only the allowed ones count, found by scanning from the binary search's position
    (the filtered ranking without building it). ``best[r]``: the highest allowed key."""

    def __init__(self, order: Ints, sorted_key: Floats, allowed: Bools | None = None) -> None:
        self.order, self.sorted_key, self.allowed = order, sorted_key, allowed
        runs, width = sorted_key.shape
        every = np.arange(runs)
        self.last = np.full(runs, width - 1, dtype=np.int64)  # position of the best allowed
        if allowed is not None:
            self.last = self._scan(every, self.last, -1)
        self.best: Floats = np.asarray(sorted_key[every, self.last])

    @classmethod
    def sort(cls, key: Floats, columns: Ints | None = None) -> Ranking:
        """Rank ``key`` (one row per run) over the candidates ``columns`` (None: every
        outcome, in order)."""
        position, sorted_key = stable_order(key)
        return cls(position if columns is None else columns[position], sorted_key)

    @classmethod
    def of(cls, full: Ranking, allowed: Bools) -> Ranking:
        """The ranking of the outcomes ``allowed`` (at least one) from the ranking ``full`` of
        every outcome: the stable order restricted to them (filtered only when few are)."""
        runs, width = full.order.shape[0], int(allowed.sum())
        if width >= _DENSE * allowed.shape[0]:
            return cls(full.order, full.sorted_key, allowed)
        order, sorted_key = np.empty((runs, width), dtype=np.int64), np.empty((runs, width))
        for lo in range(0, runs, _BLOCK):  # blocks of runs stay in cache (about 3x faster)
            rows = slice(lo, lo + _BLOCK)
            keep = allowed[full.order[rows]]
            order[rows] = full.order[rows][keep].reshape(-1, width)
            sorted_key[rows] = full.sorted_key[rows][keep].reshape(-1, width)
        return cls(order, sorted_key)

    def _scan(self, rows: Ints, position: Ints, step: int) -> Ints:
        """From ``position``, the nearest position holding an allowed outcome in direction
        ``step`` (positions outside ``0 .. width - 1`` stay where they are)."""
        assert self.allowed is not None
        width = self.order.shape[1]
        position = position.copy()
        while True:
            inside = (position >= 0) & (position < width)
            at = self.order[rows, np.clip(position, 0, width - 1)]
            done = ~inside | self.allowed[at]
            if done.all():
                return position
            position += np.where(done, 0, step)

    def at_least(self, rows: Ints, target: Floats) -> Ints:
        """Per row (run ``rows[j]``), the allowed outcome of lowest key ``>= target[j]``, ties
        by the lowest outcome index; the best one (highest key, then highest index) if none."""
        target = np.broadcast_to(np.asarray(target, dtype=np.float64), rows.shape)
        position = _count_below(self.sorted_key, rows, target)
        if self.allowed is not None:
            position = self._scan(rows, position, 1)
        position = np.where(position < self.order.shape[1], position, self.last[rows])
        return np.asarray(self.order[rows, position])
