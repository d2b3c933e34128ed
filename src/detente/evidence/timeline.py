"""Postures and events over time, with the quotes that support them.

:func:`scenario_timeline` is the one timeline of a scenario: every posture and event in date
order (a posture before an event on the same day), each with its quoted statements; the
command line (``detente timeline``), the report and the web app show it, and its
:meth:`Timeline.to_json` is the document they print. :func:`timeline` groups the postures by
party for reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from detente.model.conditions import posture_text
from detente.model.scenario import Event, Posture, Scenario, Statement

__all__ = ["Timeline", "TimelineEntry", "evidence_items", "scenario_timeline", "timeline"]


@dataclass(frozen=True)
class TimelineEntry:
    """One posture at its date, with its supporting statements (in the order given)."""

    party: str
    date: dt.date
    posture: str
    kind: str
    text: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Timeline:
    """Postures and events in date order, each a JSON-ready item (see :func:`scenario_timeline`).

    Item keys: ``date``, ``date_end``, ``type`` (``posture`` or ``event``), ``id``, ``kind``,
    ``party``, ``party_name``, ``text``, ``condition`` (a posture's set of outcomes, as a
    condition; empty for an event), ``effects`` (an event's parameter changes), ``evidence``
    (the quoted statements: ``id``, ``speaker``, ``quote``, ``kind``, ``date``, ``venue``,
    ``reported_by``, ``source``, ``outlet``).
    """

    items: tuple[dict[str, Any], ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The items, in date order."""
        return [dict(item) for item in self.items]


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


def evidence_items(scenario: Scenario, ids: list[str]) -> list[dict[str, Any]]:
    """The quoted statements ``ids`` with speaker, date, venue, reporter and outlet."""
    sources = {s.id: s for s in scenario.evidence.sources}
    items = []
    for statement_id in ids:
        try:
            st = scenario.statement(statement_id)
        except KeyError:
            continue
        source = sources.get(st.source)
        items.append(
            {
                "id": st.id,
                "speaker": st.speaker,
                "quote": st.quote,
                "kind": st.kind,
                "date": st.said_on.isoformat() if st.said_on else "",
                "venue": st.venue,
                "reported_by": st.reported_by,
                "source": source.title if source else st.source,
                "outlet": source.outlet if source else "",
            }
        )
    return items


def _name(scenario: Scenario, party_id: str) -> str:
    try:
        return scenario.party(party_id).name
    except KeyError:
        return party_id


def _posture_item(scenario: Scenario, posture: Posture) -> dict[str, Any]:
    return {
        "date": posture.date.isoformat(),
        "date_end": None,
        "type": "posture",
        "id": posture.id,
        "kind": posture.kind,
        "party": posture.party,
        "party_name": _name(scenario, posture.party),
        "text": posture.text,
        "condition": posture_text(posture.condition, posture.outcome) or "",
        "effects": [],
        "evidence": evidence_items(scenario, posture.evidence),
    }


def _event_item(scenario: Scenario, event: Event) -> dict[str, Any]:
    effects = [
        f"{e.parameter} set to {e.set:g}" if e.set is not None else f"{e.parameter} {e.delta:+g}"
        for e in event.effects
    ]
    return {
        "date": event.date.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "type": "event",
        "id": event.id,
        "kind": event.kind,
        "party": event.actor,
        "party_name": _name(scenario, event.actor),
        "text": event.description,
        "condition": "",
        "effects": effects,
        "evidence": evidence_items(scenario, event.evidence),
    }


def scenario_timeline(scenario: Scenario) -> Timeline:
    """Postures and events in date order (postures first on a tie), each with its quotes.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> items = scenario_timeline(resolve_scenario("hanoi-2019")).items
    >>> [(item["type"], item["id"]) for item in items[:2]]
    [('event', 'launch_pad_rebuild'), ('posture', 'trump_no_rush')]
    """
    items = [_posture_item(scenario, p) for p in scenario.postures]
    items += [_event_item(scenario, e) for e in scenario.events]
    items.sort(key=lambda item: (item["date"], item["type"] != "posture"))
    return Timeline(tuple(items))
