"""The Nash deal of a candidate set, found while streaming blocks of outcomes.

The Nash bargaining solution (Nash, "The Bargaining Problem", *Econometrica* 18, 1950) is the
candidate maximising ``prod_p (u_p - d_p)`` over the outcomes with every gain ``u_p - d_p >= 0``.
When a move lowers a party's reservation value to exactly its best attainable utility, that
party's gain is 0 at every candidate and the product is 0 everywhere; the plain rule then says
nothing. We therefore rank candidates lexicographically by

1. the number of parties with a strictly positive gain, then
2. the product of the strictly positive gains, then
3. the smallest outcome index,

which equals the plain Nash rule whenever some candidate gives every party a positive gain
(the "lexicographic Nash" extension). The running best is kept per block, so the result does not
depend on the chunk size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask

__all__ = ["Deal", "NashTracker", "deal_of", "nash_keys"]


@dataclass(frozen=True)
class Deal:
    """One outcome offered as a deal: its index, options and every party's utility."""

    index: int
    outcome: dict[str, str]
    utilities: dict[str, float]


def nash_keys(gains: Floats) -> tuple[npt.NDArray[np.int64], Floats]:
    """Per column of ``gains`` (shape ``(P, n)``): (number of positive gains, their product).

    Examples
    --------
    >>> count, product = nash_keys(np.array([[0.0, 0.2, 0.1], [0.3, 0.1, 0.4]]))
    >>> count.tolist(), [round(float(x), 6) for x in product]
    ([1, 2, 2], [0.3, 0.02, 0.04])
    """
    positive = gains > 0
    product = np.prod(np.where(positive, gains, 1.0), axis=0)
    return positive.sum(axis=0).astype(np.int64), np.asarray(product, dtype=np.float64)


@dataclass
class NashTracker:
    """Running lexicographic-Nash best over streamed candidates (see the module docstring)."""

    count: int = -1
    product: float = -1.0
    index: int = -1
    size: int = 0

    def update(self, index: npt.NDArray[np.int64], gains: Floats, mask: Mask) -> None:
        """Consider the columns of ``gains`` selected by ``mask`` (outcome ``index``)."""
        if mask.any():
            self.update_selected(index[mask], np.compress(mask, gains, axis=1))

    def update_selected(self, idx: npt.NDArray[np.int64], gains: Floats) -> None:
        """Consider every column of ``gains`` (outcome ``idx``): candidates already selected."""
        if idx.shape[0] == 0:
            return
        self.size += int(idx.shape[0])
        count, product = nash_keys(gains)
        # The block's lexicographic best by three reductions (a full sort costs far more).
        top = count == count.max()
        top &= product == product[top].max()
        key = (int(count.max()), float(product[top][0]), -int(idx[top].min()))
        if key > (self.count, self.product, -self.index):
            self.count, self.product, self.index = key[0], key[1], -key[2]

    @property
    def found(self) -> bool:
        return self.index >= 0


def deal_of(compiled: Compiled, index: int) -> Deal:
    """The :class:`Deal` at outcome ``index`` (utilities of every party with preferences)."""
    ranks = compiled.space.decode(np.array([index]))
    u = compiled.utilities(ranks)[:, 0]
    return Deal(
        index,
        compiled.space.labels(ranks[0]),
        {p: float(u[compiled.party_index(p)]) for p in compiled.parties},
    )
