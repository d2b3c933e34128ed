"""Proposing evidence for postures: which statements support which posture.

For each posture, every statement of the same party is a candidate; it is ranked by

``score = 2·|shared issues| + 2·[stance compatible] + 1 / (1 + |days apart| / 7)``

(issues of a posture: the issue ids in its condition and outcome; a statement with no date
gets 0 for the last term). Candidates that share no issue and have an incompatible stance are
dropped. The reason names what matched, for an analyst to accept or reject.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from detente.model.scenario import Posture, Scenario, Statement

__all__ = [
    "COMPATIBLE",
    "Link",
    "link_postures",
    "links_document",
    "posture_issues",
    "statement_from_row",
]

#: Statement stances that support each posture kind.
COMPATIBLE: dict[str, frozenset[str]] = {
    "demand": frozenset({"demand", "red_line"}),
    "offer": frozenset({"offer"}),
    "red_line": frozenset({"red_line", "demand", "threat"}),
    "priority": frozenset({"demand", "signal", "red_line"}),
    "threat": frozenset({"threat"}),
    "signal": frozenset({"signal", "hope", "offer"}),
    "hope": frozenset({"hope", "signal"}),
}


@dataclass(frozen=True)
class Link:
    """A proposed statement for a posture, its score and the reason."""

    posture: str
    statement: Statement
    score: float
    reason: str


def posture_issues(posture: Posture, scenario: Scenario) -> set[str]:
    """Issue ids named in the posture's condition or outcome."""
    ids = {issue.id for issue in scenario.issues}
    named = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", posture.condition or ""))
    return (named & ids) | (set(posture.outcome) & ids)


def _candidate(
    posture: Posture, issues: set[str], statement: Statement
) -> tuple[float, str] | None:
    shared = issues & set(statement.issues)
    compatible = statement.stance in COMPATIBLE.get(posture.kind, frozenset())
    if not shared and not compatible:
        return None
    score, reasons = 2.0 * len(shared) + 2.0 * compatible, [f"party {statement.party}"]
    if shared:
        reasons.append("issues " + ", ".join(sorted(shared)))
    if compatible:
        reasons.append(f"stance {statement.stance} fits {posture.kind}")
    if statement.said_on is not None:
        days = abs((statement.said_on - posture.date).days)
        score += 1.0 / (1.0 + days / 7.0)
        reasons.append(f"{days} days apart")
    return score, "; ".join(reasons)


def link_postures(
    scenario: Scenario, statements: list[Statement] | None = None, limit: int = 3
) -> dict[str, list[Link]]:
    """The best ``limit`` statements for each posture (default: the scenario's own evidence)."""
    pool = scenario.evidence.statements if statements is None else statements
    proposals: dict[str, list[Link]] = {}
    for posture in scenario.postures:
        issues = posture_issues(posture, scenario)
        links = []
        for statement in pool:
            if statement.party != posture.party or statement.kind == "fact":
                continue
            found = _candidate(posture, issues, statement)
            if found is not None:
                links.append(Link(posture.id, statement, found[0], found[1]))
        links.sort(key=lambda link: (-link.score, link.statement.id))
        proposals[posture.id] = links[:limit]
    return proposals


def links_document(proposals: dict[str, list[Link]]) -> dict[str, list[dict[str, Any]]]:
    """The proposals as JSON data: posture id -> ``[{statement, speaker, quote, score,
    reason}]`` (score rounded to 3 digits)."""
    return {
        posture: [
            {
                "statement": link.statement.id,
                "speaker": link.statement.speaker,
                "quote": link.statement.quote,
                "score": round(link.score, 3),
                "reason": link.reason,
            }
            for link in links
        ]
        for posture, links in proposals.items()
    }


def statement_from_row(row: dict[str, object], index: int) -> Statement:
    """A scenario :class:`Statement` from an evidence-store row (id ``db_<index>``)."""
    said_on = row.get("said_on")
    said_until = row.get("said_until")
    return Statement(
        id=f"db_{index}",
        speaker=str(row.get("speaker") or "unknown"),
        party=str(row["party"]) if row.get("party") else None,
        quote=str(row["quote"]),
        kind="indirect" if row.get("kind") == "indirect" else "direct",
        said_on=said_on if isinstance(said_on, dt.date) else None,
        said_until=said_until if isinstance(said_until, dt.date) else None,
        venue=str(row.get("venue") or ""),
        reported_by=str(row.get("reported_by") or ""),
        source=str(row.get("source_id") or "store"),
        issues=[str(i) for i in row.get("issues") or []],  # type: ignore[attr-defined]
        stance=row.get("stance"),  # type: ignore[arg-type]
    )
