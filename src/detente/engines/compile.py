"""Compile a scenario once into the arrays every engine shares.

The compiled form holds the outcome space, each party's additive utility as a table
``T[p, i, r] = w_{p,i} v_{p,i}(r)`` (weights divided by their sum), its linkage terms, its
reservation value, and every constraint (feasibility, red lines) as a parsed condition. A
party's utility of outcome ``o`` with option ranks ``r_i`` is

.. math::  u_p(o) = \\sum_i T[p, i, r_i] + \\sum_l b_{p,l} [c_{p,l}(o)]

(the linear-additive model of Keeney & Raiffa, *Decisions with Multiple Objectives*, 1976, with
interaction terms as indicator bonuses). Utilities are evaluated for a block of outcomes at
once by fancy indexing; no Python loop runs over outcomes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from detente.engines.masks import Mask, condition_mask
from detente.engines.space import DEFAULT_CHUNK, OutcomeSpace, Ranks
from detente.model.checks import normalise_weights
from detente.model.conditions import Condition, parse_condition
from detente.model.scenario import Issue, Preferences, Scenario

__all__ = [
    "Compiled",
    "Constraint",
    "compile_scenario",
    "value_table",
]

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Constraint:
    """A named condition: a feasibility rule (``party`` None) or a party's red line."""

    kind: str  # "feasibility" | "red_line"
    id: str
    condition: Condition
    text: str
    party: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Compiled:
    """A scenario compiled to arrays. Build with :func:`compile_scenario`.

    ``parties`` are the parties that have preferences (principals first, in scenario order);
    ``tables[p]`` is party ``p``'s weighted value table, padded with zeros to the largest
    number of options; ``reservations[p]`` its no-deal utility.
    """

    scenario: Scenario
    space: OutcomeSpace
    parties: tuple[str, ...]
    principals: tuple[str, ...]
    tables: Floats
    reservations: Floats
    linkages: tuple[tuple[tuple[Condition, float], ...], ...]
    feasibility: tuple[Constraint, ...]
    red_lines: tuple[Constraint, ...]
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def party_index(self, party: str) -> int:
        """Row of ``party`` in ``tables`` and ``reservations``."""
        return self._index[party]

    def utilities(self, ranks: Ranks) -> Floats:
        """Utilities, shape ``(n_parties, n)``, of the outcomes in ``ranks``."""
        # One gather per issue (issues are few; outcomes are many).
        result = np.zeros((len(self.parties), ranks.shape[0]))
        for i in range(ranks.shape[1]):
            result += self.tables[:, i, ranks[:, i]]
        for p, terms in enumerate(self.linkages):
            for condition, bonus in terms:
                result[p] += bonus * condition_mask(condition, self.space, ranks)
        return np.asarray(result, dtype=np.float64)

    def range_utilities(self, start: int, ranks: Ranks) -> Floats:
        """Utilities of the contiguous outcomes ``start, ..., start + len(ranks) - 1``.

        Equal, bit for bit, to :meth:`utilities` of the same ranks. Outcomes sharing their
        first ``i`` options share the partial sum ``T[p, 1, r_1] + ... + T[p, i, r_i]``, so the
        sums are built issue by issue over the distinct prefixes in the range (an outer sum
        per issue, then cut to the range), in the same order of additions: about
        ``n (1 + 1/n_m + ...)`` additions instead of ``n m`` gathers.
        """
        stop = start + ranks.shape[0]
        partial = np.zeros((len(self.parties), 1))
        low = 0  # code of the first prefix held in ``partial``
        for i, (n_i, s_i) in enumerate(zip(self.space.radices, self.space.strides, strict=True)):
            first, last = start // int(s_i), (stop - 1) // int(s_i)
            expanded = partial[:, :, None] + self.tables[:, i, None, :n_i]
            offset = first - low * int(n_i)
            partial = expanded.reshape(len(self.parties), -1)[:, offset : offset + last - first + 1]
            low = first
        result = partial  # rows are contiguous; a view of the last outer sum (ours to modify)
        for p, terms in enumerate(self.linkages):
            for condition, bonus in terms:
                result[p] += bonus * condition_mask(condition, self.space, ranks)
        return np.asarray(result, dtype=np.float64)

    def mask(self, condition: Condition, ranks: Ranks) -> Mask:
        """Which outcomes in ``ranks`` satisfy ``condition``."""
        return condition_mask(condition, self.space, ranks)

    def feasible(self, ranks: Ranks) -> Mask:
        """Which outcomes in ``ranks`` meet every feasibility constraint."""
        result = np.ones(ranks.shape[0], dtype=bool)
        for constraint in self.feasibility:
            result &= self.mask(constraint.condition, ranks)
        return result

    def chunks(self, chunk: int = DEFAULT_CHUNK) -> Iterator[tuple[int, Ranks]]:
        """The outcome space in blocks of ranks (see :meth:`OutcomeSpace.chunks`)."""
        return self.space.chunks(chunk)

    def with_reservations(self, reservations: Floats) -> Compiled:
        """The same compiled scenario with other reservation values (cheap: shares arrays)."""
        return _replace(self, reservations=np.asarray(reservations, dtype=np.float64))


def _replace(compiled: Compiled, **changes: object) -> Compiled:
    return dataclasses.replace(compiled, **changes)  # type: ignore[arg-type]


def value_table(issue: Issue, prefs: Preferences) -> Floats:
    """A party's value ``v(r)`` of each option rank ``r`` of ``issue`` (0 if not valued)."""
    options = issue.option_ids
    values = prefs.values.get(issue.id)
    if values is None:
        return np.zeros(len(options))
    if isinstance(values, str):
        ramp = np.linspace(0.0, 1.0, len(options))
        return ramp if values == "increasing" else ramp[::-1].copy()
    return np.array([values[o] for o in options], dtype=np.float64)


def compile_scenario(scenario: Scenario) -> Compiled:
    """Compile ``scenario`` (already validated) to a :class:`Compiled`."""
    space = OutcomeSpace(
        tuple(i.id for i in scenario.issues), tuple(tuple(i.option_ids) for i in scenario.issues)
    )
    with_prefs = [p for p in scenario.parties if p.preferences is not None]
    ordered = [p for p in with_prefs if p.role == "principal"] + [
        p for p in with_prefs if p.role != "principal"
    ]
    width = max(len(o) for o in space.options)
    tables = np.zeros((len(ordered), len(space.issues), width))
    linkages = []
    red_lines: list[Constraint] = []
    for p, party in enumerate(ordered):
        prefs = party.preferences
        assert prefs is not None
        weights = normalise_weights(dict(prefs.weights))
        for i, issue in enumerate(scenario.issues):
            row = weights.get(issue.id, 0.0) * value_table(issue, prefs)
            tables[p, i, : len(row)] = row
        linkages.append(tuple((parse_condition(k.condition), k.bonus) for k in prefs.linkage))
        red_lines.extend(
            Constraint(
                "red_line", r.id, parse_condition(r.condition), r.text, party.id, tuple(r.evidence)
            )
            for r in prefs.red_lines
        )
    feasibility = tuple(
        Constraint("feasibility", f.id, parse_condition(f.condition), f.text)
        for f in scenario.feasibility
    )
    ids = tuple(p.id for p in ordered)
    return Compiled(
        scenario=scenario,
        space=space,
        parties=ids,
        principals=tuple(p.id for p in ordered if p.role == "principal"),
        tables=tables,
        reservations=np.array([p.preferences.reservation for p in ordered if p.preferences]),
        linkages=tuple(linkages),
        feasibility=feasibility,
        red_lines=tuple(red_lines),
        _index={party: k for k, party in enumerate(ids)},
    )
