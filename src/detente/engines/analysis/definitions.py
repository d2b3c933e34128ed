"""Definitional gaps: the outcomes each party's meaning of a shared term admits.

For a term that two or more parties define (``definitions`` in the scenario), party ``a``'s
*set* is the feasible outcomes satisfying its meaning ``D_a``. For each pair the result gives
``|D_a|``, ``|D_b|``, ``|D_a ∩ D_b|``, the counts of ``D_a \\ D_b`` and ``D_b \\ D_a`` and a few
example outcomes of each difference. Examples are the outcomes *closest to the status quo*:
fewest issues that differ from it, then the smallest total rank distance, then the smallest
outcome index (issues the status quo leaves out count as 0) — the smallest change a side could
ask for that the other side's reading rules out. The choice is streamed as a running top-k, so it
does not depend on the chunk size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block, scan
from detente.engines.analysis.conflicts import EvidenceQuote, evidence_quote, possessive
from detente.engines.compile import Compiled
from detente.engines.space import DEFAULT_CHUNK, Ranks
from detente.model.conditions import parse_condition
from detente.model.scenario import Definition

__all__ = [
    "DefinitionScan",
    "Gap",
    "MeaningSet",
    "Overlap",
    "definitional_gaps",
    "status_quo_distance",
]

Keys = npt.NDArray[np.int64]


@dataclass(frozen=True)
class MeaningSet:
    """One party's meaning of a term and the number of feasible outcomes it admits."""

    party: str
    party_name: str
    condition: str
    text: str
    size: int
    evidence: tuple[EvidenceQuote, ...]


@dataclass(frozen=True)
class Overlap:
    """Two meanings compared: shared outcomes and examples each admits that the other excludes."""

    a: str
    b: str
    shared: int
    only_a: int
    only_b: int
    examples_only_a: tuple[dict[str, str], ...]
    examples_only_b: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class Gap:
    """A term with two or more meanings, their sets, overlaps and a one-line plain reading."""

    id: str
    term: str
    meanings: tuple[MeaningSet, ...]
    overlaps: tuple[Overlap, ...]
    reading: str


def status_quo_distance(compiled: Compiled, ranks: Ranks) -> Keys:
    """Sort keys ``(n, 2)``: issues differing from the status quo, total rank distance."""
    space = compiled.space
    sq = compiled.scenario.status_quo
    cols = [space.issues.index(i) for i in sq]
    if not cols:
        return np.zeros((ranks.shape[0], 2), dtype=np.int64)
    target = np.array([space.rank_of(i, o) for i, o in sq.items()], dtype=np.int64)
    diff = np.abs(ranks[:, cols].astype(np.int64) - target)
    return np.stack([(diff > 0).sum(axis=1), diff.sum(axis=1)], axis=1)


def _top(best: Keys, new: Keys, k: int) -> Keys:
    both = np.concatenate([best, new])
    order = np.lexsort((both[:, 2], both[:, 1], both[:, 0]))
    return both[order[:k]]


def _examples(compiled: Compiled, keys: Keys) -> tuple[dict[str, str], ...]:
    ranks = compiled.space.decode(keys[:, 2]) if len(keys) else np.zeros((0, 0), np.int16)
    return tuple(compiled.space.labels(r) for r in ranks)


class _TermScan:
    """Sizes, pairwise intersections and running top-k examples of one term's meanings."""

    def __init__(self, compiled: Compiled, conditions: list[str], k: int) -> None:
        self.compiled = compiled
        self.parsed = [parse_condition(c) for c in conditions]
        self.k = k
        n = len(self.parsed)
        self.sizes = np.zeros(n, dtype=np.int64)
        self.shared = np.zeros((n, n), dtype=np.int64)
        self.tops = {
            (a, b): np.zeros((0, 3), dtype=np.int64) for a in range(n) for b in range(n) if a != b
        }

    def update(self, block: Block) -> None:
        compiled = self.compiled
        masks = np.stack([compiled.mask(c, block.ranks) & block.feasible for c in self.parsed])
        self.sizes += masks.sum(axis=1)
        self.shared += masks.astype(np.int64) @ masks.T.astype(np.int64)
        keys = np.column_stack([status_quo_distance(compiled, block.ranks), block.index])
        for (a, b), best in self.tops.items():
            self.tops[(a, b)] = _top(best, keys[masks[a] & ~masks[b]], self.k)


class DefinitionScan:
    """Every term with two or more meanings, accumulated block by block (a ``BlockScan``)."""

    def __init__(self, compiled: Compiled, examples: int = 3) -> None:
        self.compiled = compiled
        self.terms = [
            (d, _TermScan(compiled, [m.condition for m in d.meanings], examples))
            for d in compiled.scenario.definitions
            if len(d.meanings) >= 2
        ]

    def update(self, block: Block) -> None:
        for _, term in self.terms:
            term.update(block)

    def result(self) -> tuple[Gap, ...]:
        return tuple(_gap(self.compiled, d, term) for d, term in self.terms)


def _reading(term: str, sets: tuple[MeaningSet, ...], overlaps: tuple[Overlap, ...]) -> str:
    first, *rest = sets
    text = f"{possessive(first.party_name)} reading of "
    text += f"'{term}' admits {first.size} outcomes"
    text += "".join(f", {possessive(m.party_name)} {m.size}" for m in rest)
    if len(overlaps) == 1:
        return f"{text}; they share {overlaps[0].shared}."
    pairs = ", ".join(f"{o.a}–{o.b} {o.shared}" for o in overlaps)
    return f"{text}; shared: {pairs}."


def _gap(compiled: Compiled, definition: Definition, term: _TermScan) -> Gap:
    scenario, meanings = compiled.scenario, definition.meanings
    sizes, shared, tops = term.sizes, term.shared, term.tops
    sets = tuple(
        MeaningSet(
            m.party,
            scenario.party(m.party).name,
            m.condition,
            " ".join(m.text.split()),
            int(sizes[i]),
            tuple(evidence_quote(scenario, e) for e in m.evidence),
        )
        for i, m in enumerate(meanings)
    )
    overlaps = tuple(
        Overlap(
            meanings[a].party,
            meanings[b].party,
            int(shared[a, b]),
            int(sizes[a] - shared[a, b]),
            int(sizes[b] - shared[a, b]),
            _examples(compiled, tops[(a, b)]),
            _examples(compiled, tops[(b, a)]),
        )
        for a in range(len(meanings))
        for b in range(a + 1, len(meanings))
    )
    reading = _reading(definition.term, sets, overlaps)
    return Gap(definition.id, definition.term, sets, overlaps, reading)


def definitional_gaps(
    compiled: Compiled, examples: int = 3, chunk: int = DEFAULT_CHUNK
) -> tuple[Gap, ...]:
    """Every term with two or more meanings, compared pairwise (see module docstring).

    All terms are evaluated in one pass over the outcome blocks.
    """
    gaps = DefinitionScan(compiled, examples)
    if gaps.terms:
        scan(compiled, [gaps], chunk)
    return gaps.result()
