"""The per-sweep precomputation: feasible outcomes, raw preference arrays, red-line masks.

A :class:`Domain` is built once per sweep from a compiled scenario. It holds what depends only
on the scenario's structure: the feasible outcomes (as global outcome indices and option
ranks), each party's raw issue weights ``W[p, i]``, option values ``V[p, i, r]``, linkage
bonuses and their masks, and each party's red-line mask. A run's parameters (sampled
uncertainty, event effects) only change these numbers, so a batch of ``B`` runs turns them into
utilities ``U[b, p, k]`` with a handful of vectorised gathers:

.. math::  U[b, p, k] = \\sum_i \\frac{W[b, p, i]}{\\sum_j W[b, p, j]} V[b, p, i, r_i(k)]
           + \\sum_l \\beta[b, p, l] \\, L[p, l, k]

(Keeney & Raiffa 1976, as in :mod:`detente.engines.compile`). Sums run in a fixed order with
explicit accumulation, so a run's numbers do not depend on which batch it is computed in.

Big spaces: when more than ``cap`` outcomes are feasible, a seeded uniform sample of ``cap``
of them (seed 0, sorted by index) stands for the space; :attr:`Domain.sampled` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled, value_table
from detente.engines.space import Ranks
from detente.model.parameters import parameter_bounds

__all__ = ["DEFAULT_CAP", "Domain", "ParameterArrays", "additive_sum", "build_domain"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

DEFAULT_CAP = 200_000
_BLOCK = 64


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


@dataclass(frozen=True)
class ParameterArrays:
    """The numbers of a batch of runs: ``weights[b, p, i]``, ``values[b, p, i, r]``, ...

    Mutable arrays inside a frozen record: events update them in place during a run.
    """

    weights: Floats
    values: Floats
    bonuses: Floats
    reservations: Floats
    hazard: Floats

    @property
    def size(self) -> int:
        return int(self.hazard.shape[0])


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
        return ParameterArrays(
            weights=np.repeat(self.weights[None], size, axis=0),
            values=np.repeat(self.values[None], size, axis=0),
            bonuses=np.repeat(self.bonuses[None], size, axis=0),
            reservations=np.repeat(self.compiled.reservations[None], size, axis=0).copy(),
            hazard=np.full(size, self.hazard),
        )

    def tables(self, params: ParameterArrays) -> Floats:
        """``T[b, p, i, r] = w[b, p, i] / sum_j w[b, p, j] * v[b, p, i, r]`` per run."""
        weights = params.weights
        total = np.zeros(weights.shape[:2])
        for i in range(weights.shape[2]):
            total = total + weights[:, :, i]
        safe = np.where(total > 0, total, 1.0)
        norm = np.where(total[:, :, None] > 0, weights / safe[:, :, None], weights)
        return np.asarray(norm[:, :, :, None] * params.values)

    def utilities(self, params: ParameterArrays, tables: Floats | None = None) -> Floats:
        """``U[b, p, k]``: each run's utility of each domain outcome for each party."""
        tables = self.tables(params) if tables is None else tables
        result = additive_sum(tables, self.ranks)
        for line in range(self.bonuses.shape[1]):
            result += params.bonuses[:, :, line, None] * self.linkage_masks[None, :, line, :]
        return result

    def apply(self, params: ParameterArrays, path: str, column: Floats, *, delta: bool) -> bool:
        """Set (or shift) parameter ``path`` to ``column`` per run, clipped like
        :func:`detente.model.parameters.with_parameters`. Returns whether utilities change;
        paths the simulation does not use (capability, trust, discount) are ignored."""
        target = self._slot(params, path)
        if target is None:
            return False
        array, key, changes_utility = target
        low, high = parameter_bounds(path)
        new = array[key] + column if delta else column
        array[key] = np.clip(new, low, high)
        return changes_utility

    def _slot(
        self, params: ParameterArrays, path: str
    ) -> tuple[Floats, tuple[Any, ...], bool] | None:
        parts = path.split(".")
        if parts[0] == "process" and parts[1:] == ["breakdown_hazard"]:
            return params.hazard, (slice(None),), False
        if parts[0] != "preferences" or parts[1] not in self.parties:
            return None
        p = self.parties.index(parts[1])
        issues = self.compiled.space.issues
        if parts[2] == "reservation":
            return params.reservations, (slice(None), p), False
        if parts[2] == "weights":
            return params.weights, (slice(None), p, issues.index(parts[3])), True
        if parts[2] == "values":
            i = issues.index(parts[3])
            r = self.compiled.space.options[i].index(parts[4])
            return params.values, (slice(None), p, i, r), True
        if parts[2] == "linkage":
            line = _linkage_ids(self.compiled, p).index(parts[3])
            return params.bonuses, (slice(None), p, line), True
        return None


def _linkage_ids(compiled: Compiled, p: int) -> list[str]:
    prefs = compiled.scenario.party(compiled.parties[p]).preferences
    return [link.id for link in prefs.linkage] if prefs is not None else []


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
    scenario, space = compiled.scenario, compiled.space
    n_parties, n_issues, width = compiled.tables.shape
    weights = np.zeros((n_parties, n_issues))
    values = np.zeros((n_parties, n_issues, width))
    n_lines = max((len(terms) for terms in compiled.linkages), default=0)
    bonuses = np.zeros((n_parties, n_lines))
    masks = np.zeros((n_parties, n_lines, index.shape[0]), dtype=bool)
    red_ok = np.ones((n_parties, index.shape[0]), dtype=bool)
    for p, party in enumerate(compiled.parties):
        prefs = scenario.party(party).preferences
        assert prefs is not None
        for i, issue in enumerate(scenario.issues):
            weights[p, i] = prefs.weights.get(issue.id, 0.0)
            values[p, i, : len(space.options[i])] = value_table(issue, prefs)
        for line, (condition, bonus) in enumerate(compiled.linkages[p]):
            bonuses[p, line] = bonus
            masks[p, line] = compiled.mask(condition, ranks)
        for constraint in compiled.red_lines:
            if constraint.party == party:
                red_ok[p] &= compiled.mask(constraint.condition, ranks)
    return Domain(
        compiled=compiled,
        index=index,
        ranks=ranks,
        weights=weights,
        values=values,
        bonuses=bonuses,
        linkage_masks=masks,
        red_line_ok=red_ok,
        hazard=scenario.process.breakdown_hazard,
        sampled=sampled,
    )
