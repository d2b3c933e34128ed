"""The per-sweep precomputation: feasible outcomes, the compiled numbers, red-line masks.

A :class:`Domain` is built once per sweep from a compiled scenario. It holds what depends only
on the scenario's structure: the feasible outcomes (as global outcome indices and option
ranks), the compiled raw numbers (issue weights ``W[p, i]``, option values ``V[p, i, r]``,
linkage bonuses) with the linkage masks, and each party's red-line mask. A run's parameters
(sampled uncertainty, event effects) only change these numbers, so a batch of ``B`` runs turns
them into utilities ``U[b, p, k]`` with the shared kernel (:mod:`detente.engines.kernel`):

.. math::  U[b, p, k] = \\sum_i \\frac{W[b, p, i]}{\\sum_j W[b, p, j]} V[b, p, i, r_i(k)]
           + \\sum_l \\beta[b, p, l] \\, L[p, l, k]

(Keeney & Raiffa 1976, as in :mod:`detente.engines.compile`). Sums run in a fixed order with
explicit accumulation, so a run's numbers do not depend on which batch it is computed in.

Big spaces: when more than ``cap`` outcomes are feasible, a seeded uniform sample of ``cap``
of them (seed 0, sorted by index) stands for the space; :attr:`Domain.sampled` says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled
from detente.engines.kernel import (
    Numbers,
    add_bonuses,
    additive_sum,
    apply,
    outcome_utilities,
    slot,
    space_sum,
)
from detente.engines.space import Ranks

__all__ = ["DEFAULT_CAP", "Domain", "ParameterArrays", "build_domain"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

DEFAULT_CAP = 200_000

#: A batch of runs' numbers (the kernel's :class:`~detente.engines.kernel.Numbers`).
ParameterArrays = Numbers


@dataclass(frozen=True)
class Domain:
    """Static arrays of one scenario, shared by every run of a sweep (see module docstring)."""

    compiled: Compiled
    index: Ints
    ranks: Ranks
    weights: Floats
    values: Floats
    bonuses: Floats
    linkage_masks: Bools
    red_line_ok: Bools
    hazard: float
    sampled: bool
    fingerprint: str = ""  # a digest of the outcomes and linkage masks (see build_domain)

    @property
    def parties(self) -> tuple[str, ...]:
        return self.compiled.parties

    @property
    def principals(self) -> tuple[str, ...]:
        return self.compiled.principals

    @property
    def n(self) -> int:
        """Number of (feasible, possibly sampled) outcomes the simulation uses."""
        return int(self.index.shape[0])

    def parameters(self, size: int) -> ParameterArrays:
        """Fresh per-run copies of the scenario's own numbers for ``size`` runs."""
        return self.compiled.numbers.batch(size)

    def tables(self, params: ParameterArrays) -> Floats:
        """``T[b, p, i, r] = w[b, p, i] / sum_j w[b, p, j] * v[b, p, i, r]`` per run."""
        return params.tables()

    def utilities(self, params: ParameterArrays, tables: Floats | None = None) -> Floats:
        """``U[b, p, k]``: each run's utility of each domain outcome for each party."""
        tables = self.tables(params) if tables is None else tables
        return self.party_utilities(tables, params.bonuses, slice(None))

    def party_utilities(self, tables: Floats, bonuses: Floats, parties: slice) -> Floats:
        """``U[b, p, k]`` of the parties ``parties`` (rows of ``tables`` ``(B, P, I, W)`` and
        ``bonuses``), in a fresh array. When most of the space is in the domain, the sums are
        taken over the whole space by outer sums and then cut to the domain (the same floats)."""
        tables, bonuses = tables[:, parties], bonuses[:, parties]
        space = self.compiled.space
        if 2 * self.n >= space.size:
            sums = space_sum(tables, tuple(int(r) for r in space.radices))
            if self.n < space.size:
                sums = np.take(sums, self.index, axis=-1)
        else:
            sums = additive_sum(tables, self.ranks)
        return add_bonuses(sums, bonuses, self.linkage_masks[parties])

    def outcome_utilities(self, tables: Floats, bonuses: Floats, outcomes: Ints) -> Floats:
        """``U[b, p]``: each run's utility of its own domain outcome ``outcomes[b]``."""
        masks = self.linkage_masks[:, :, outcomes]
        return outcome_utilities(tables, bonuses, masks, self.ranks[outcomes])

    def apply(self, params: ParameterArrays, path: str, column: Floats, *, delta: bool) -> bool:
        """Set (or shift) parameter ``path`` to ``column`` per run, clipped like
        :func:`detente.model.parameters.with_parameters`. Returns whether utilities change;
        paths the simulation does not use (capability, trust, discount) are ignored."""
        where = slot(self.compiled, path)
        if where is None:
            return False
        apply(params, where, column, delta=delta)
        return where.utility


def _feasible_index(compiled: Compiled, cap: int) -> tuple[Ints, bool]:
    parts = [start + np.flatnonzero(compiled.feasible(ranks)) for start, ranks in compiled.chunks()]
    index = np.concatenate(parts).astype(np.int64)
    if index.shape[0] <= cap:
        return index, False
    chosen = np.random.default_rng(0).choice(index.shape[0], size=cap, replace=False)
    return np.sort(index[chosen]), True


def build_domain(compiled: Compiled, cap: int = DEFAULT_CAP) -> Domain:
    """Precompute the static arrays of ``compiled`` (once per sweep).

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> domain = build_domain(compile_scenario(resolve_scenario("hanoi-2019")))
    >>> domain.parties, domain.n < domain.compiled.space.size
    (('usa', 'dprk', 'rok'), True)
    """
    index, sampled = _feasible_index(compiled, cap)
    ranks = compiled.space.decode(index)
    n_parties, n_lines = compiled.bonuses.shape
    masks = np.zeros((n_parties, n_lines, index.shape[0]), dtype=bool)
    red_ok = np.ones((n_parties, index.shape[0]), dtype=bool)
    for p, party in enumerate(compiled.parties):
        for line, (condition, _) in enumerate(compiled.linkages[p]):
            masks[p, line] = compiled.mask(condition, ranks)
        for constraint in compiled.red_lines:
            if constraint.party == party:
                red_ok[p] &= compiled.mask(constraint.condition, ranks)
    return Domain(
        compiled=compiled,
        index=index,
        ranks=ranks,
        weights=compiled.weights,
        values=compiled.values,
        bonuses=compiled.bonuses,
        linkage_masks=masks,
        red_line_ok=red_ok,
        hazard=compiled.hazard,
        sampled=sampled,
        fingerprint=_fingerprint(compiled, index, masks),
    )


def _fingerprint(compiled: Compiled, index: Ints, masks: Bools) -> str:
    """What fixes a party's utilities besides its numbers: the space, the domain's outcomes
    and the linkage masks (equal across the arms of a comparison that change red lines)."""
    digest = hashlib.blake2b(digest_size=16)
    for array in (compiled.space.radices, index, masks):
        digest.update(np.ascontiguousarray(array).tobytes())
        digest.update(str(array.shape).encode())
    return digest.hexdigest()
