"""The full bargaining-space analysis of a scenario, as one result with a stable JSON form.

:func:`analyze` compiles the scenario once and runs every analysis over it, streaming the outcome
space in blocks of ``chunk`` outcomes (bounded memory). The report and the web app call it.

JSON document (``Analysis.to_json()``, ``schema_version`` 2; the command line, the report and
the web API wrap it in the envelope of :mod:`detente.documents`, which carries the package
version — version 1 carried ``detente_version`` itself and had no ``frontier.outcomes``).
Keys are stable; new keys may be added in a minor version, a removal or a change of
meaning bumps ``schema_version``:

- ``schema_version`` (int), ``seed`` (int), ``samples`` (int), ``chunk`` (int);
- ``scenario``: ``id``, ``title``, ``as_of``, ``parties`` (with preferences, principals first),
  ``principals``, ``issues`` (issue -> ordered options);
- ``counts``: ``outcomes``, ``feasible``, ``zopa``, ``parties`` [``party``, ``role``,
  ``reservation``, ``acceptable``, ``required``, ``status_quo_utility``] (:mod:`.counts`);
- ``frontier_size``: Pareto-efficient feasible outcomes over the principals (:mod:`.pareto`);
- ``frontier``: those outcomes, ``{index, outcomes, utilities, parties}`` (``outcomes``: each
  outcome by name, ``{issue: option}``; one utility row per principal, columns sorted by the
  first principal's utility, descending);
- ``solutions``: name -> ``index``, ``outcome``, ``utilities``, ``objective`` (empty without
  a ZOPA; :mod:`.solutions`);
- ``conflicts``: ``conflicts`` [``requirements`` [``label``, ``kind``, ``party``,
  ``party_name``, ``id``, ``text``, ``evidence`` [``id``, ``speaker``, ``date``, ``venue``,
  ``reported_by``, ``quote``]], ``sentence``], ``n_requirements``, ``n_patterns``, ``method``,
  ``exact`` (:mod:`.conflicts`);
- ``bridges``: null when a ZOPA exists; else ``bridges`` [``move`` {``kind``, ``party``,
  ``requirement``, ``description``, ``before``, ``after``, ``amount``, ``new_reservation``},
  ``zopa``, ``deal`` {``index``, ``outcome``, ``utilities``}, ``mover_cost``, ``costs``,
  ``gains``] ranked by ``mover_cost``, ``no_effect`` [moves], ``limits`` {``best_other``,
  ``aspirations``} (:mod:`.bridges`);
- ``definitions``: [``id``, ``term``, ``meanings`` [``party``, ``party_name``, ``condition``,
  ``text``, ``size``, ``evidence``], ``overlaps`` [``a``, ``b``, ``shared``, ``only_a``,
  ``only_b``, ``examples_only_a``, ``examples_only_b``], ``reading``] (:mod:`.definitions`);
- ``postures``: [``id``, ``party``, ``kind``, ``date``, ``text``, ``condition``, ``count``,
  ``in_zopa``, ``values`` {party: {``max``, ``min``, ``mean``}}, ``completed`` (deal or null),
  ``completed_feasible``, ``evidence``] (:mod:`.postures`);
- ``events``: [``event``, ``date``, ``actor``, ``kind``, ``description``, ``effects``,
  ``reservations``, ``zopa``, ``least_drop``, ``nash``, ``evidence``] (:mod:`.events`);
- ``sensitivity``: null with ``samples == 0``; else ``samples``, ``seed``,
  ``zopa_probability``, ``zopa_interval`` [low, high], ``nash`` [``outcome``, ``count``,
  ``share``], ``importance`` [``parameter``, ``affects_analysis``, ``correlation``,
  ``mean_difference``], ``tornado`` [...], ``mean_zopa_size`` (:mod:`.sensitivity`).

Non-finite numbers are written as null.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from detente.documents import jsonable
from detente.engines.analysis.acceptability import BlockScan, scan
from detente.engines.analysis.batched import Progress
from detente.engines.analysis.bridges import Bridges, LimitsScan, find_bridges
from detente.engines.analysis.conflicts import Conflicts, PatternScan, conflicts_of
from detente.engines.analysis.counts import Counts, CountScan
from detente.engines.analysis.definitions import DefinitionScan, Gap
from detente.engines.analysis.events import EventStep, NashScan, analyze_events
from detente.engines.analysis.pareto import (
    Frontier,
    FrontierScan,
    additive_applies,
    pareto_frontier,
    zopa_frontier,
)
from detente.engines.analysis.postures import PostureScan, PostureValue
from detente.engines.analysis.sensitivity import Sensitivity, sensitivity
from detente.engines.analysis.solutions import Solution, bargaining_solutions
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.space import DEFAULT_CHUNK
from detente.model.scenario import Scenario

__all__ = ["SCHEMA_VERSION", "Analysis", "analyze", "jsonable"]

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Analysis:
    """Everything the bargaining-space analysis says about one scenario."""

    scenario: dict[str, Any]
    seed: int
    samples: int
    chunk: int
    counts: Counts
    frontier_size: int
    frontier: Frontier
    frontier_outcomes: tuple[dict[str, str], ...]
    solutions: dict[str, Solution]
    conflicts: Conflicts
    bridges: Bridges | None
    definitions: tuple[Gap, ...]
    postures: tuple[PostureValue, ...]
    events: tuple[EventStep, ...]
    sensitivity: Sensitivity | None

    def to_json(self) -> dict[str, Any]:
        """The documented JSON document (see the module docstring), as plain Python data."""
        fields = [f.name for f in dataclasses.fields(self) if f.name != "frontier_outcomes"]
        body = {name: jsonable(getattr(self, name)) for name in fields}
        body["frontier"]["outcomes"] = list(self.frontier_outcomes)
        return {"schema_version": SCHEMA_VERSION, **body}


def _describe(
    scenario: Scenario, parties: tuple[str, ...], principals: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "id": scenario.metadata.id,
        "title": scenario.metadata.title,
        "as_of": scenario.metadata.as_of.isoformat(),
        "parties": list(parties),
        "principals": list(principals),
        "issues": {issue.id: issue.option_ids for issue in scenario.issues},
    }


def analyze(
    scenario: Scenario,
    samples: int = 0,
    seed: int = 0,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> Analysis:
    """Run the whole bargaining-space analysis of ``scenario``.

    ``samples`` > 0 adds the Monte Carlo sensitivity (seeded by ``seed``; ``progress(done,
    total)`` is called as batches finish). Bridges are computed only when there is no ZOPA.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> result = analyze(resolve_scenario("hanoi-2019"))
    >>> result.counts.zopa, len(result.conflicts.conflicts) > 0
    (0, True)
    """
    compiled = compile_scenario(scenario)
    one = _one_pass(compiled, chunk)
    counts, lim = one.counts.result(), one.limits.result()
    frontier = (
        pareto_frontier(compiled, chunk=chunk) if one.frontier is None else one.frontier.result()
    )
    solutions: dict[str, Solution] = {}
    if counts.has_zopa:
        zopa = zopa_frontier(compiled, chunk, feasible=frontier)
        solutions = bargaining_solutions(compiled, chunk=chunk, frontier=zopa)
    return Analysis(
        scenario=_describe(scenario, compiled.parties, compiled.principals),
        seed=seed,
        samples=samples,
        chunk=chunk,
        counts=counts,
        frontier_size=frontier.size,
        frontier=frontier,
        frontier_outcomes=tuple(compiled.space.named(frontier.index)),
        solutions=solutions,
        conflicts=conflicts_of(compiled, one.patterns.requirements, one.patterns.result(), seed),
        bridges=None if counts.has_zopa else find_bridges(compiled, chunk, lim=lim),
        definitions=one.definitions.result(),
        postures=one.postures.result(),
        events=analyze_events(scenario, chunk, stated=(*one.nash.result(), lim)),
        sensitivity=sensitivity(compiled, samples, seed, chunk, progress) if samples else None,
    )


@dataclass(frozen=True)
class _OnePass:
    counts: CountScan
    patterns: PatternScan
    limits: LimitsScan
    definitions: DefinitionScan
    postures: PostureScan
    nash: NashScan
    frontier: FrontierScan | None  # None: the additive frontier is built issue by issue


def _one_pass(compiled: Compiled, chunk: int) -> _OnePass:
    """Every block-streamed analysis of ``analyze`` in a single pass over the outcome space.

    Counts, requirement patterns (why no deal), limits (bridges, events), definitional gaps,
    postures, the stated ZOPA's Nash deal (events) and, for a constrained scenario, the
    feasible frontier are independent accumulators: each block is decoded, summed and masked
    once for all of them. Results are those of the separate functions (same blocks, same
    order). Only the bridges' scan (it needs the limits) and each event step take another pass.
    """
    frontier = None if additive_applies(compiled) else FrontierScan(compiled)
    one = _OnePass(
        CountScan(compiled),
        PatternScan(compiled),
        LimitsScan(compiled),
        DefinitionScan(compiled),
        PostureScan(compiled),
        NashScan(compiled),
        frontier,
    )
    scans: list[BlockScan] = [
        one.counts,
        one.patterns,
        one.limits,
        one.definitions,
        one.postures,
        one.nash,
    ]
    scan(compiled, [*scans, *([frontier] if frontier else [])], chunk)
    return one
