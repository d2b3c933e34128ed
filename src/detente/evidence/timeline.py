"""Each party's postures over time, with the quotes that support them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from detente.model.scenario import Scenario, Statement

__all__ = ["TimelineEntry", "timeline"]


@dataclass(frozen=True)
class TimelineEntry:
    """One posture at its date, with its supporting statements (in the order given)."""

    party: str
    date: dt.date
    posture: str
    kind: str
    text: str
    statements: tuple[Statement, ...]


def timeline(scenario: Scenario) -> dict[str, list[TimelineEntry]]:
    """Postures per party id (in the scenario's party order), each list sorted by date.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> [e.posture for e in timeline(resolve_scenario("hanoi-2019"))["usa"]][0]
    'trump_no_rush'
    """
    known = {s.id: s for s in scenario.evidence.statements}
    result: dict[str, list[TimelineEntry]] = {party.id: [] for party in scenario.parties}
    for posture in scenario.postures:
        statements = tuple(known[i] for i in posture.evidence if i in known)
        entry = TimelineEntry(
            posture.party, posture.date, posture.id, posture.kind, posture.text, statements
        )
        result.setdefault(posture.party, []).append(entry)
    for entries in result.values():
        entries.sort(key=lambda e: (e.date, e.posture))
    return result
