"""The case as the reader meets it: summary, parties, issues, and the dated timeline.

Plain data taken from the scenario; every text stays text (the report and the web page escape
it when they render it).
"""

from __future__ import annotations

from typing import Any

from detente.evidence.timeline import scenario_timeline
from detente.model.checks import normalise_weights
from detente.model.scenario import Party, Scenario

__all__ = ["case_summary", "issues_view", "parties_view", "timeline"]


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
            {"id": r.id, "condition": r.condition, "text": r.text} for r in prefs.red_lines
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


def timeline(scenario: Scenario) -> list[dict[str, Any]]:
    """Postures and events in date order with their quotes (:mod:`detente.evidence.timeline`)."""
    return scenario_timeline(scenario).to_json()
