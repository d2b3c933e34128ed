"""The numeric core every engine shares: raw numbers, their slots, the additive kernel.

A scenario's numbers are kept raw, per party with preferences ``p`` (principals first):

- ``weights[p, i]`` the weight on issue ``i`` as stated (not normalised),
- ``values[p, i, r]`` the value of option rank ``r`` (0 where not valued; zero-padded),
- ``bonuses[p, l]`` the bonus of linkage term ``l`` (zero-padded),
- ``reservations[p]`` the no-deal utility, ``capabilities[p]`` the capability (forecasts),
- ``hazard`` the per-round breakdown hazard (simulation).

A batch of parameter settings (samples, runs) adds leading axes to every array. This module
owns, once each:

* the translation of a parameter path (:mod:`detente.model.parameters`) to an array slot,
  :func:`slot`, and setting or shifting it per setting, :func:`apply`, with the path's range;
* weight normalisation, :func:`normalised` — ``w_{p,i} / sum_j w_{p,j}`` (summed in issue
  order; a party whose weights sum to 0 keeps them), and the weighted value tables
  ``T[p, i, r] = w_{p,i} / sum_j w_{p,j} * v_{p,i}(r)``, :func:`value_tables`;
* the additive kernel (Keeney & Raiffa, *Decisions with Multiple Objectives*, 1976)

  .. math::  u_p(o) = \\sum_i T[p, i, r_i(o)] + \\sum_l b_{p,l} [c_{p,l}(o)]

  for many outcomes and any number of settings at once, :func:`additive_sum` and
  :func:`utilities`. The sums run over issues in order, then over linkage terms in order, so a
  utility is the same float whatever the batch, the block or the engine that computes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from detente.model.parameters import parameter_bounds, parameter_ref

if TYPE_CHECKING:
    from detente.engines.compile import Compiled

__all__ = [
    "Numbers",
    "Slot",
    "add_bonuses",
    "additive_sum",
    "apply",
    "normalised",
    "outcome_utilities",
    "slot",
    "space_sum",
    "utilities",
    "value_at",
    "value_tables",
]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
_BLOCK = 64


@dataclass(frozen=True)
class Numbers:
    """Raw numbers of the parties with preferences, with optional leading batch axes.

    Mutable arrays inside a frozen record: :func:`apply` updates them in place (simulation
    events change a batch of runs' numbers during the runs).
    """

    weights: Floats
    values: Floats
    bonuses: Floats
    reservations: Floats
    hazard: Floats
    capabilities: Floats | None = None

    @property
    def size(self) -> int:
        """Number of settings of a batch (the length of ``hazard``)."""
        return int(self.hazard.shape[0])

    def batch(self, size: int) -> Numbers:
        """``size`` fresh copies of unbatched numbers, one per setting."""

        def rep(a: Floats) -> Floats:
            return np.repeat(np.asarray(a, dtype=np.float64)[None], size, axis=0)

        return Numbers(
            rep(self.weights), rep(self.values), rep(self.bonuses), rep(self.reservations),
            rep(self.hazard), None if self.capabilities is None else rep(self.capabilities),
        )  # fmt: skip

    def row(self, k: int) -> Numbers:
        """Setting ``k`` of batched numbers, unbatched (views, not copies)."""
        caps = None if self.capabilities is None else self.capabilities[k]
        return Numbers(
            self.weights[k], self.values[k], self.bonuses[k], self.reservations[k],
            self.hazard[k], caps,
        )  # fmt: skip

    def tables(self) -> Floats:
        """The weighted value tables of these numbers (:func:`value_tables`)."""
        return value_tables(self.weights, self.values)


@dataclass(frozen=True)
class Slot:
    """Where a parameter lives: ``field`` of :class:`Numbers` at ``key`` (without the batch
    axes), its range, and whether it changes utilities (weights, values, bonuses)."""

    field: str
    key: tuple[int, ...]
    low: float
    high: float

    @property
    def utility(self) -> bool:
        return self.field in ("weights", "values", "bonuses")


def slot(compiled: Compiled, path: str) -> Slot | None:
    """The array slot of parameter ``path`` in ``compiled``'s numbers.

    None for a parameter no array holds (trust, discount, red-line credibility, a definition's
    dispute; the preferences or capability of a party without preferences). A path that names
    no parameter raises KeyError with a reason.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    >>> slot(compiled, "preferences.dprk.reservation")
    Slot(field='reservations', key=(1,), low=0.0, high=1.0)
    """
    ref = parameter_ref(path)
    low, high = parameter_bounds(path)
    if ref.section == "process":
        return Slot("hazard", (), low, high) if ref.field == "breakdown_hazard" else None
    if ref.party not in compiled.parties or ref.field == "red_lines":
        return None  # red-line credibility: drawn per sample (engines/analysis/holds.py)
    p = compiled.party_index(ref.party)
    if ref.section == "parties":
        return Slot("capabilities", (p,), low, high)
    space = compiled.space
    if ref.field == "reservation":
        return Slot("reservations", (p,), low, high)
    if ref.field == "weights":
        return Slot("weights", (p, space.issues.index(ref.key[0])), low, high)
    if ref.field == "values":
        i = space.issues.index(ref.key[0])
        return Slot("values", (p, i, space.options[i].index(ref.key[1])), low, high)
    return Slot("bonuses", (p, compiled.linkage_ids[p].index(ref.key[0])), low, high)


def apply(numbers: Numbers, where: Slot, column: npt.ArrayLike, *, delta: bool = False) -> None:
    """Set (or, with ``delta``, shift) the slot to ``column`` per setting, clipped to its
    range, in place (``numbers`` batched: ``column`` has one value per setting)."""
    array: Floats = getattr(numbers, where.field)
    key: tuple[Any, ...] = (slice(None), *where.key)
    new = array[key] + np.asarray(column) if delta else np.asarray(column, dtype=np.float64)
    array[key] = np.clip(new, where.low, where.high)


def value_at(numbers: Numbers, where: Slot) -> float:
    """The value in the slot of unbatched ``numbers``."""
    return float(np.asarray(getattr(numbers, where.field))[where.key])


def normalised(weights: Floats) -> Floats:
    """Weights divided by their sum over the last axis (summed in order); a zero sum keeps them.

    Examples
    --------
    >>> normalised(np.array([[1.0, 3.0], [0.0, 0.0]])).tolist()
    [[0.25, 0.75], [0.0, 0.0]]
    """
    w = np.asarray(weights, dtype=np.float64)
    total = np.zeros(w.shape[:-1])
    for i in range(w.shape[-1]):
        total = total + w[..., i]
    safe = np.where(total > 0, total, 1.0)
    return np.asarray(np.where(total[..., None] > 0, w / safe[..., None], w))


def value_tables(weights: Floats, values: Floats) -> Floats:
    """``T[..., p, i, r] = normalised(w)[..., p, i] * v[..., p, i, r]``."""
    return np.asarray(normalised(weights)[..., None] * values)


def additive_sum(tables: Floats, ranks: npt.NDArray[np.integer[Any]]) -> Floats:
    """``S[..., k] = sum_i tables[..., i, r_i(k)]`` for every outcome ``k`` of ``ranks``.

    The leading axes are flattened and put last, so that each issue is one gather of
    contiguous rows (about ten times faster than a gather along the last axis); the sum runs
    over issues in order, so each element's value does not depend on the leading shape.
    """
    lead, (n_issues, width) = tables.shape[:-2], tables.shape[-2:]
    rows = tables.reshape(-1, n_issues * width)
    index = [i * width + ranks[:, i].astype(np.intp) for i in range(n_issues)]
    result = np.empty((rows.shape[0], ranks.shape[0]))
    for lo in range(0, rows.shape[0], _BLOCK):  # blocks of rows keep the sums in cache
        flat = np.ascontiguousarray(rows[lo : lo + _BLOCK].T)
        out = np.zeros((ranks.shape[0], flat.shape[1]))
        for i in range(n_issues):
            out += flat[index[i]]
        result[lo : lo + _BLOCK] = out.T
    return result.reshape(*lead, ranks.shape[0])


def space_sum(tables: Floats, radices: tuple[int, ...]) -> Floats:
    """:func:`additive_sum` over every outcome of the space, in index order (first issue most
    significant), by outer sums issue by issue: about ``n (1 + 1/n_m + ...)`` additions instead
    of ``n m`` gathers, and the same floats (the same additions in the same order).
    """
    lead = tables.shape[:-2]
    flat = tables.reshape(-1, *tables.shape[-2:])
    partial = np.zeros((flat.shape[0], 1))
    for i, n_i in enumerate(radices):
        partial = (partial[:, :, None] + flat[:, i, None, :n_i]).reshape(flat.shape[0], -1)
    return partial.reshape(*lead, partial.shape[1])


def add_bonuses(sums: Floats, bonuses: Floats, masks: Bools) -> Floats:
    """``sums`` plus each linkage bonus where its condition holds, in place and in order.

    ``bonuses`` ``(..., P, L)``, ``masks[p, l, k]`` whether outcome ``k`` meets party ``p``'s
    linkage condition ``l``.
    """
    for line in range(bonuses.shape[-1]):
        sums += bonuses[..., line, None] * masks[:, line, :]
    return sums


def utilities(
    tables: Floats, bonuses: Floats, masks: Bools, ranks: npt.NDArray[np.integer[Any]]
) -> Floats:
    """``U[..., p, k]``: the additive sum plus each linkage bonus where its condition holds.

    ``tables`` ``(..., P, I, W)``, ``bonuses`` ``(..., P, L)``, ``masks[p, l, k]`` whether
    outcome ``k`` meets party ``p``'s linkage condition ``l``.
    """
    return add_bonuses(additive_sum(tables, ranks), bonuses, masks)


def outcome_utilities(
    tables: Floats, bonuses: Floats, masks: Bools, ranks: npt.NDArray[np.integer[Any]]
) -> Floats:
    """``U[b, p]``: setting ``b``'s utility of its own outcome ``ranks[b]`` (one per setting;
    ``tables`` ``(B, P, I, W)``; ``masks[p, l, b]`` whether outcome ``ranks[b]`` meets party
    ``p``'s linkage condition ``l``), the same floats as :func:`utilities` (same additions)."""
    rows = np.arange(tables.shape[0])
    result = np.zeros(tables.shape[:2])
    for i in range(ranks.shape[1]):
        result += tables[rows, :, i, ranks[:, i].astype(np.intp)]
    for line in range(bonuses.shape[-1]):
        result += bonuses[:, :, line] * masks[:, line, :].T
    return result
