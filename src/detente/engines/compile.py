"""Compile a scenario once into the arrays every engine shares.

The compiled form holds the outcome space; each party's raw numbers (weights, option values,
linkage bonuses, reservation value, capability: :class:`detente.engines.kernel.Numbers`) and
its additive utility as a table ``T[p, i, r] = w_{p,i} v_{p,i}(r)`` (weights divided by their
sum, :func:`detente.engines.kernel.value_tables`); its linkage terms; and every constraint
(feasibility, red lines) as a parsed condition. A party's utility of outcome ``o`` with option
ranks ``r_i`` is

.. math::  u_p(o) = \\sum_i T[p, i, r_i] + \\sum_l b_{p,l} [c_{p,l}(o)]

(the linear-additive model of Keeney & Raiffa, *Decisions with Multiple Objectives*, 1976, with
interaction terms as indicator bonuses). Utilities are evaluated for a block of outcomes at
once by fancy indexing; no Python loop runs over outcomes.

Other numbers, same structure: :meth:`Compiled.with_parameters` sets parameters by path on
the arrays (no recompiling: the space and the parsed conditions are shared), and
:func:`compile_scenario` compiles each scenario object once (a small cache keyed on the
object: scenarios are frozen).
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from detente.engines.kernel import Numbers, apply, slot, value_tables
from detente.engines.masks import Mask, condition_mask
from detente.engines.space import DEFAULT_CHUNK, OutcomeSpace, Ranks
from detente.model.conditions import Condition, parse_condition
from detente.model.scenario import Issue, Party, Preferences, Scenario

__all__ = [
    "Compiled",
    "Constraint",
    "compile_count",
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
    row ``p`` of every array is party ``parties[p]``: ``weights[p, i]`` its raw weight on issue
    ``i``, ``values[p, i, r]`` its value of option rank ``r`` (``valued[p, i]``: whether it
    values issue ``i`` at all), ``bonuses[p, l]`` its linkage bonuses (zero-padded, ids in
    ``linkage_ids[p]``), ``reservations[p]`` its no-deal utility, ``capabilities[p]`` its
    capability; ``tables[p]`` the weighted value table, padded with zeros to the largest number
    of options. ``scenario`` is the scenario compiled: the structure and the texts; after
    :meth:`with_parameters` the numbers are those of the arrays.
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
    weights: Floats
    values: Floats
    bonuses: Floats
    capabilities: Floats
    hazard: float
    valued: npt.NDArray[np.bool_]
    linkage_ids: tuple[tuple[str, ...], ...]
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
        self._add_linkage(result, ranks)
        return np.asarray(result, dtype=np.float64)

    def _add_linkage(self, result: Floats, ranks: Ranks) -> None:
        for p, terms in enumerate(self.linkages):
            for line, (condition, _) in enumerate(terms):
                result[p] += self.bonuses[p, line] * condition_mask(condition, self.space, ranks)

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
        self._add_linkage(result, ranks)
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

    @property
    def numbers(self) -> Numbers:
        """The raw numbers (unbatched; :meth:`Numbers.batch` for per-setting copies)."""
        hazard = np.array(self.hazard)
        return Numbers(
            self.weights, self.values, self.bonuses, self.reservations, hazard, self.capabilities
        )

    def with_numbers(self, numbers: Numbers) -> Compiled:
        """The same structure with other raw numbers (unbatched); tables recomputed."""
        return _replace(
            self,
            weights=numbers.weights,
            values=numbers.values,
            bonuses=numbers.bonuses,
            reservations=numbers.reservations,
            hazard=float(numbers.hazard),
            capabilities=self.capabilities
            if numbers.capabilities is None
            else numbers.capabilities,
            tables=numbers.tables(),
        )

    def with_parameters(self, values: Mapping[str, float], *, delta: bool = False) -> Compiled:
        """Parameters set (or shifted, with ``delta``) by path and clipped to their range, as
        :func:`detente.model.parameters.with_parameters` would, without recompiling. Paths no
        array holds (capability of a party without preferences, trust, discount) are ignored."""
        numbers = self.numbers.batch(1)
        for path, value in values.items():
            where = slot(self, path)
            if where is not None:
                apply(numbers, where, [value], delta=delta)
        return self.with_numbers(numbers.row(0))


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


_CACHE: OrderedDict[int, tuple[Scenario, Compiled]] = OrderedDict()
_CACHE_SIZE = 16
_COUNT = [0]
_LOCK = threading.Lock()


def compile_count() -> int:
    """How many compilations have run in this process (cache hits excluded)."""
    return _COUNT[0]


def compile_scenario(scenario: Scenario) -> Compiled:
    """Compile ``scenario`` (already validated) to a :class:`Compiled`, once per object.

    Scenarios are frozen, so the last few compiled ones are kept, keyed on the object (the
    cache holds the scenario, so its id cannot be reused while cached). Engines must not
    modify a compiled form's arrays (:meth:`Compiled.with_parameters` makes copies).
    """
    key = id(scenario)
    with _LOCK:  # the web app serves requests from threads
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is scenario:
            _CACHE.move_to_end(key)
            return hit[1]
    compiled = _compile(scenario)
    with _LOCK:
        _COUNT[0] += 1
        _CACHE[key] = (scenario, compiled)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return compiled


@dataclass(frozen=True)
class _Raw:
    weights: Floats
    values: Floats
    bonuses: Floats
    valued: npt.NDArray[np.bool_]
    reservations: Floats
    capabilities: Floats
    linkage_ids: tuple[tuple[str, ...], ...]


def _raw(space: OutcomeSpace, scenario: Scenario, ordered: list[Party]) -> _Raw:
    """The raw numbers of the parties ``ordered`` (rows of :class:`Compiled`)."""
    prefs = [p.preferences for p in ordered if p.preferences is not None]
    n_p, n_i, width = len(prefs), len(space.issues), max(len(o) for o in space.options)
    n_l = max((len(q.linkage) for q in prefs), default=0)
    weights, values = np.zeros((n_p, n_i)), np.zeros((n_p, n_i, width))
    bonuses, valued = np.zeros((n_p, n_l)), np.zeros((n_p, n_i), dtype=bool)
    for p, q in enumerate(prefs):
        for i, issue in enumerate(scenario.issues):
            weights[p, i] = q.weights.get(issue.id, 0.0)
            values[p, i, : len(issue.options)] = value_table(issue, q)
            valued[p, i] = issue.id in q.values
        bonuses[p, : len(q.linkage)] = [k.bonus for k in q.linkage]
    return _Raw(
        weights,
        values,
        bonuses,
        valued,
        np.array([q.reservation for q in prefs], dtype=np.float64),
        np.array([float(p.capability) for p in ordered], dtype=np.float64),
        tuple(tuple(k.id for k in q.linkage) for q in prefs),
    )


def _compile(scenario: Scenario) -> Compiled:
    space = OutcomeSpace(
        tuple(i.id for i in scenario.issues), tuple(tuple(i.option_ids) for i in scenario.issues)
    )
    with_prefs = [p for p in scenario.parties if p.preferences is not None]
    ordered = [p for p in with_prefs if p.role == "principal"] + [
        p for p in with_prefs if p.role != "principal"
    ]
    raw = _raw(space, scenario, ordered)
    linkages = []
    red_lines: list[Constraint] = []
    for party in ordered:
        prefs = party.preferences
        assert prefs is not None
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
        tables=value_tables(raw.weights, raw.values),
        reservations=raw.reservations,
        linkages=tuple(linkages),
        feasibility=feasibility,
        red_lines=tuple(red_lines),
        weights=raw.weights,
        values=raw.values,
        bonuses=raw.bonuses,
        capabilities=raw.capabilities,
        hazard=scenario.process.breakdown_hazard,
        valued=raw.valued,
        linkage_ids=raw.linkage_ids,
        _index={party: k for k, party in enumerate(ids)},
    )
