"""What each posture admits and what it is worth to each party.

A posture's *consistent outcomes* are the feasible outcomes satisfying its condition and its
partial outcome (both when it gives both). For each party with preferences the result gives the
maximum, minimum and mean utility over them, and how many lie in the ZOPA. A posture stated as a
partial outcome (an offer such as "Yongbyon for the five resolutions") is also *completed by the
status quo*: every issue it leaves open takes its status-quo option, giving one concrete
outcome, with its utilities and whether it is feasible (None when the status quo does not cover
the open issues).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.analysis.acceptability import Block, scan
from detente.engines.analysis.conflicts import EvidenceQuote, evidence_quote
from detente.engines.analysis.deals import Deal, deal_of
from detente.engines.compile import Compiled
from detente.engines.space import DEFAULT_CHUNK
from detente.model.conditions import (
    All,
    And,
    Condition,
    parse_condition,
    partial_outcome_condition,
    posture_text,
)
from detente.model.scenario import Posture

__all__ = ["PartyValue", "PostureScan", "PostureValue", "posture_condition", "posture_values"]


@dataclass(frozen=True)
class PartyValue:
    """A party's utility over a posture's consistent outcomes."""

    max: float
    min: float
    mean: float


@dataclass(frozen=True)
class PostureValue:
    """One posture: its consistent outcomes (count, ZOPA share), values, status-quo completion."""

    id: str
    party: str
    kind: str
    date: str
    text: str
    condition: str
    count: int
    in_zopa: int
    values: dict[str, PartyValue]
    completed: Deal | None
    completed_feasible: bool | None
    evidence: tuple[EvidenceQuote, ...]


def posture_condition(posture: Posture) -> Condition:
    """The posture's condition and partial outcome as one condition (``true`` if neither)."""
    parts = []
    if posture.condition:
        parts.append(parse_condition(posture.condition))
    if posture.outcome:
        parts.append(partial_outcome_condition(posture.outcome))
    if not parts:
        return All
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _completed(compiled: Compiled, posture: Posture) -> tuple[Deal | None, bool | None]:
    if not posture.outcome:
        return None, None
    full = {**compiled.scenario.status_quo, **posture.outcome}
    if set(full) != set(compiled.space.issues):
        return None, None
    ranks = compiled.space.ranks_of(full)
    index = int(compiled.space.encode(ranks)[0])
    return deal_of(compiled, index), bool(compiled.feasible(ranks)[0])


class PostureScan:
    """Accumulates each posture's consistent outcomes and values (a ``BlockScan``)."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.conditions = [posture_condition(p) for p in compiled.scenario.postures]
        n, parties = len(self.conditions), len(compiled.parties)
        self.count = np.zeros(n, dtype=np.int64)
        self.zopa = np.zeros(n, dtype=np.int64)
        self.high = np.full((n, parties), -np.inf)
        self.low = np.full((n, parties), np.inf)
        self.total = np.zeros((n, parties))

    def update(self, block: Block) -> None:
        for k, condition in enumerate(self.conditions):
            mask = block.feasible & self.compiled.mask(condition, block.ranks)
            if not mask.any():
                continue
            u = block.utilities[:, mask]
            self.count[k] += int(mask.sum())
            self.zopa[k] += int((mask & block.zopa).sum())
            self.high[k] = np.maximum(self.high[k], u.max(axis=1))
            self.low[k] = np.minimum(self.low[k], u.min(axis=1))
            self.total[k] += u.sum(axis=1)

    def result(self) -> tuple[PostureValue, ...]:
        return tuple(_value(self, k, p) for k, p in enumerate(self.compiled.scenario.postures))


def _value(acc: PostureScan, k: int, posture: Posture) -> PostureValue:
    compiled, count = acc.compiled, acc.count
    values = {
        p: PartyValue(
            float(acc.high[k, q]), float(acc.low[k, q]), float(acc.total[k, q] / count[k])
        )
        for q, p in enumerate(compiled.parties)
        if count[k]
    }
    deal, feasible = _completed(compiled, posture)
    return PostureValue(
        posture.id,
        posture.party,
        posture.kind,
        posture.date.isoformat(),
        " ".join(posture.text.split()),
        _describe(posture),
        int(count[k]),
        int(acc.zopa[k]),
        values,
        deal,
        feasible,
        tuple(evidence_quote(compiled.scenario, e) for e in posture.evidence),
    )


def posture_values(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> tuple[PostureValue, ...]:
    """Every posture of the scenario, evaluated in one pass over the outcome blocks."""
    postures = PostureScan(compiled)
    if postures.conditions:
        scan(compiled, [postures], chunk)
    return postures.result()


def _describe(posture: Posture) -> str:
    return posture_text(posture.condition, posture.outcome) or "true"
