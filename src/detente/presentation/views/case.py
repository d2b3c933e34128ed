"""The case as the reader meets it: summary, parties, issues, and the dated timeline.

Plain data taken from the scenario; every text stays text (the report and the web page escape
it when they render it).
"""

from __future__ import annotations

from typing import Any

from detente.model.checks import normalise_weights
from detente.model.scenario import Event, Party, Posture, Scenario

__all__ = ["case_summary", "evidence_items", "issues_view", "parties_view", "timeline"]


def case_summary(scenario: Scenario) -> dict[str, Any]:
    """Title, date, summary and the judgment note of the scenario."""
    meta = scenario.metadata
    return {
        "id": meta.id,
        "title": meta.title,
        "as_of": meta.as_of.isoformat(),
        "summary": meta.summary,
        "judgment_note": meta.judgment_note,
        "principals": [p.id for p in scenario.principals],
    }


def _party(party: Party) -> dict[str, Any]:
    prefs = party.preferences
    return {
        "id": party.id,
        "name": party.name,
        "role": party.role,
        "capability": party.capability,
        "people": [{"name": person.name, "title": person.title} for person in party.people],
        "reservation": prefs.reservation if prefs else None,
        "weights": normalise_weights(dict(prefs.weights)) if prefs else {},
        "red_lines": [
            {
                "id": r.id,
                "condition": r.condition,
                "text": r.text,
                "credibility": r.credibility,
                "commitment": list(r.commitment),
            }
            for r in prefs.red_lines
        ]
        if prefs
        else [],
    }


def parties_view(scenario: Scenario) -> list[dict[str, Any]]:
    """Each party with its people, normalised weights, reservation value and red lines."""
    return [_party(p) for p in scenario.parties]


def issues_view(scenario: Scenario) -> list[dict[str, Any]]:
    """Each issue with its ordered options and the status-quo option."""
    return [
        {
            "id": issue.id,
            "label": issue.label or issue.id,
            "description": issue.description,
            "options": [
                {"id": o.id, "label": o.label or o.id, "description": o.description}
                for o in issue.ordered_options
            ],
            "status_quo": scenario.status_quo.get(issue.id),
        }
        for issue in scenario.issues
    ]


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
        "condition": posture.condition
        or " and ".join(f"{k} == {v}" for k, v in posture.outcome.items()),
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


def _name(scenario: Scenario, party_id: str) -> str:
    try:
        return scenario.party(party_id).name
    except KeyError:
        return party_id


def timeline(scenario: Scenario) -> list[dict[str, Any]]:
    """Postures and events in date order (postures first on a tie), each with its quotes."""
    items = [_posture_item(scenario, p) for p in scenario.postures]
    items += [_event_item(scenario, e) for e in scenario.events]
    return sorted(items, key=lambda item: (item["date"], item["type"] != "posture"))
