"""The one Nash rule: which candidate outcome is *the* Nash deal, for every engine.

The Nash bargaining solution (Nash, "The Bargaining Problem", *Econometrica* 18(2), 1950) is
the candidate maximising ``prod_p (u_p - d_p)`` over the candidates whose every gain
``g_p = u_p - d_p`` is non-negative (``d``: the principals' no-deal values). Every engine
(bargaining solutions, events, bridges, sensitivity, phased deals) picks it with this module,
so one document never names two Nash deals. Among the candidates with ``g >= 0`` the deal is
the lexicographic maximum of the key

1. the number of parties with a strictly positive gain (the "lexicographic Nash" extension:
   when a party's gain is 0 at every candidate the plain product is 0 everywhere and says
   nothing; the rule equals the plain one whenever some candidate gives everyone a gain);
2. which parties gain, the earlier principals first (a candidate where principal 1 gains beats
   one where it does not, and so on): products of gains are compared only between candidates
   where the same parties gain, which keeps the rule invariant under a positive affine
   rescaling of any party's utility (a product over party 1's gain against one over party 2's
   would compare their scales);
3. the product of the strictly positive gains, multiplied party by party in order and rounded
   to ``BITS`` significant bits, so that products equal up to float rounding (relative
   differences below about ``2^-40``) tie instead of being decided by the last bit (two such
   products on either side of a rounding boundary still differ: rarely, and then the same way
   in every engine, since every engine computes the same floats);
4. the utility vector ``(u_1, ..., u_P)``, lexicographically (first principal first): among
   tied products the choice is Pareto-efficient, and the same on the Pareto frontier as on the
   whole candidate set;
5. the smallest outcome index.

Keys are plain float rows (larger is better in every row), so a running best over streamed
blocks is a lexicographic comparison and the result does not depend on the chunk size, the
order of the blocks or the number of samples in a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = [
    "BITS",
    "NashBatch",
    "NashTracker",
    "lex_greater",
    "nash_choice",
    "nash_keys",
    "nash_product",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: Significant bits kept of the Nash product when comparing candidates.
BITS = 40


def _round(x: Floats) -> Floats:
    mantissa, exponent = np.frexp(x)
    return np.asarray(np.ldexp(np.rint(np.ldexp(mantissa, BITS)), exponent - BITS))


def nash_keys(utilities: Floats, d: Floats, index: npt.ArrayLike) -> Floats:
    """The rule's key of each candidate column: rows ``count, gainers, product, u_1..u_P,
    -index`` (``gainers``: the set of parties with a positive gain as a binary number, party 1
    the highest bit).

    ``utilities`` has shape ``(P, k)``, ``d`` shape ``(P,)``; the result ``(P + 4, k)``.
    Candidates should have every gain non-negative (see :func:`nash_choice`).

    Examples
    --------
    >>> keys = nash_keys(np.array([[0.5, 0.25], [0.5, 1.0]]), np.array([0.0, 0.5]), [3, 4])
    >>> keys[[0, 2]].tolist()  # one positive gain (0.5) at outcome 3; two (0.25 * 0.5) at 4
    [[1.0, 2.0], [0.5, 0.125]]
    >>> keys[1].tolist()  # party 1 gains at 3; both gain at 4
    [2.0, 3.0]
    """
    u = np.asarray(utilities, dtype=np.float64)
    return _keys(u, u - np.asarray(d, dtype=np.float64)[:, None], np.asarray(index))


def nash_product(utilities: npt.ArrayLike, d: npt.ArrayLike) -> float:
    """The plain Nash product ``prod_p (u_p - d_p)`` of one outcome (for reporting)."""
    gains = np.asarray(utilities, dtype=np.float64) - np.asarray(d, dtype=np.float64)
    product = 1.0
    for g in gains:
        product *= float(g)
    return product


def _best_column(keys: Floats) -> int:
    top = np.ones(keys.shape[1], dtype=bool)
    for row in keys:
        top &= row == row[top].max()
    return int(np.flatnonzero(top)[0])


def nash_choice(
    utilities: npt.ArrayLike, d: npt.ArrayLike, index: npt.ArrayLike | None = None
) -> int | None:
    """Column of the Nash deal among candidate columns (None when no gain vector is >= 0).

    ``index`` are the candidates' outcome indices (default: their positions).

    Examples
    --------
    >>> nash_choice([[0.25, 0.375, 0.1], [0.375, 0.25, 0.1]], [0.0, 0.0])  # tie: u_1 decides
    1
    """
    u = np.atleast_2d(np.asarray(utilities, dtype=np.float64))
    point = np.asarray(d, dtype=np.float64).reshape(-1)
    if point.shape[0] != u.shape[0]:
        raise ValueError(f"d has {point.shape[0]} parties, utilities have {u.shape[0]}")
    order = np.arange(u.shape[1]) if index is None else np.asarray(index, dtype=np.int64)
    ok = np.flatnonzero((u >= point[:, None]).all(axis=0))
    if ok.size == 0:
        return None
    return int(ok[_best_column(nash_keys(u[:, ok], point, order[ok]))])


def lex_greater(a: Floats, b: Floats) -> Bools:
    """Whether each row of ``a`` is lexicographically greater than that of ``b`` (``(S, K)``)."""
    greater = np.zeros(a.shape[0], dtype=bool)
    undecided = np.ones(a.shape[0], dtype=bool)
    for k in range(a.shape[1]):
        greater |= undecided & (a[:, k] > b[:, k])
        undecided &= a[:, k] == b[:, k]
    return greater


@dataclass
class NashTracker:
    """Running Nash deal (and candidate count) of one candidate set streamed in blocks."""

    size: int = 0
    key: Floats | None = field(default=None, repr=False)

    def update(self, index: Ints, utilities: Floats, d: Floats, mask: Bools) -> None:
        """Consider the columns selected by ``mask`` (outcome ``index``; ``u >= d`` enforced)."""
        u = np.asarray(utilities, dtype=np.float64)
        point = np.asarray(d, dtype=np.float64)
        selected = np.asarray(mask, dtype=bool) & (u >= point[:, None]).all(axis=0)
        if not selected.any():
            return
        self.size += int(np.count_nonzero(selected))
        keys = nash_keys(np.compress(selected, u, axis=1), point, index[selected])
        best = keys[:, _best_column(keys)]
        if self.key is None or lex_greater(best[None], self.key[None])[0]:
            self.key = best

    @property
    def found(self) -> bool:
        return self.key is not None

    @property
    def index(self) -> int:
        """Outcome index of the Nash deal so far (-1 when no candidate was seen)."""
        return -1 if self.key is None else int(-self.key[-1])


@dataclass
class NashBatch:
    """Running Nash deals of ``samples`` candidate sets at once (one per parameter setting).

    ``zopa[s]`` counts the candidates of setting ``s``; ``index[s]`` is its Nash deal (-1 when
    none). The same rule and keys as :class:`NashTracker`, over (setting, outcome) pairs.
    """

    samples: int
    zopa: Ints = field(init=False)
    keys: Floats | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.zopa = np.zeros(self.samples, dtype=np.int64)

    def update(self, offset: int, index: Ints, utilities: Floats, d: Floats) -> None:
        """Merge settings ``offset ..``: ``utilities`` ``(S, P, n)``, ``d`` ``(S, P)``."""
        u = np.asarray(utilities, dtype=np.float64)
        rows, cols = np.nonzero((u >= d[:, :, None]).all(axis=1))
        if self.keys is None:
            self.keys = np.full((self.samples, u.shape[1] + 4), -np.inf)
        if rows.size == 0:
            return
        np.add.at(self.zopa, rows + offset, 1)
        pairs = u[rows, :, cols].T  # (P, pairs): the ZOPA is sparse, so work on pairs only
        gains = pairs - d[rows].T
        keys = _keys(pairs, gains, index[cols])
        order = np.lexsort((*(-keys[::-1]), rows))
        first = order[np.r_[True, rows[order][1:] != rows[order][:-1]]]
        s = rows[first] + offset
        new = keys[:, first].T
        better = lex_greater(new, self.keys[s])
        self.keys[s[better]] = new[better]

    @property
    def index(self) -> Ints:
        if self.keys is None:
            return np.full(self.samples, -1, dtype=np.int64)
        found = np.isfinite(self.keys[:, 0])
        return np.where(found, -self.keys[:, -1], -1).astype(np.int64)


def _keys(u: Floats, gains: Floats, index: npt.NDArray[np.generic]) -> Floats:
    """:func:`nash_keys` of columns with their gains given (each may have its own ``d``)."""
    positive = gains > 0
    product = np.ones(u.shape[1])
    for p in range(u.shape[0]):
        product = product * np.where(positive[p], gains[p], 1.0)
    count = positive.sum(axis=0).astype(np.float64)
    bits = 2.0 ** np.arange(u.shape[0] - 1, -1, -1, dtype=np.float64)
    gainers = bits @ positive.astype(np.float64)
    return np.vstack([count, gainers, _round(product), u, -np.asarray(index, dtype=np.float64)])
