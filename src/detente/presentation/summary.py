"""A readable summary of a scenario as rich renderables (used by ``detente show``).

Presentation only: every function takes a :class:`Scenario` (or part of one) and returns text
or rich objects; nothing here computes an analysis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from detente.model.conditions import posture_text
from detente.model.scenario import Effect, Issue, Posture, Scenario, Statement

__all__ = [
    "IRREVERSIBLE_MARK",
    "date_span",
    "effect_text",
    "issue_scale",
    "quote_attribution",
    "scenario_summary",
]

IRREVERSIBLE_MARK = "†"


def date_span(start: dt.date | None, end: dt.date | None) -> str:
    """``2019-03-01``, ``2019-03-01 – 2019-03-10``, ``until 2019-02-26`` or ``undated``.

    Examples
    --------
    >>> date_span(dt.date(2019, 3, 1), dt.date(2019, 3, 10))
    '2019-03-01 – 2019-03-10'
    >>> date_span(None, dt.date(2019, 2, 26))
    'until 2019-02-26'
    """
    if start is None and end is None:
        return "undated"
    if start is None:
        return f"until {end}"
    if end is None or end == start:
        return str(start)
    return f"{start} – {end}"


def issue_scale(issue: Issue) -> str:
    """The options from least to most, irreversible ones marked with :data:`IRREVERSIBLE_MARK`."""
    names = []
    for option in issue.ordered_options:
        mark = IRREVERSIBLE_MARK if not option.reversible else ""
        names.append(f"{option.label or option.id}{mark}")
    return " < ".join(names)


def quote_attribution(scenario: Scenario, statement: Statement) -> str:
    """``speaker, date, venue, reported by X (outlet)`` for a statement."""
    parts = [statement.speaker, date_span(statement.said_on, statement.said_until)]
    if statement.venue:
        parts.append(statement.venue)
    if statement.reported_by:
        parts.append(f"reported by {statement.reported_by}")
    source = next((s for s in scenario.evidence.sources if s.id == statement.source), None)
    if source is not None:
        parts.append(f"source: {source.outlet or source.title}")
    return ", ".join(parts)


def effect_text(effect: Effect) -> str:
    """``preferences.dprk.reservation -0.06`` or ``process.breakdown_hazard = 0.1``."""
    if effect.delta is not None:
        return f"{effect.parameter} {effect.delta:+g}"
    return f"{effect.parameter} = {effect.set:g}"


def _cells(*values: str) -> list[Text]:
    # Text, not str: scenario text is data and must never be read as rich markup.
    return [Text(value) for value in values]


def _header(scenario: Scenario) -> Panel:
    meta = scenario.metadata
    body = Text()
    body.append(f"{meta.id} · as of {meta.as_of}\n", style="dim")
    if meta.summary:
        body.append(meta.summary.strip() + "\n")
    if meta.judgment_note:
        body.append("\nJudgment: ", style="bold yellow")
        body.append(meta.judgment_note.strip())
    return Panel(body, title=meta.title, title_align="left")


def _parties(scenario: Scenario, status_quo: Mapping[str, float]) -> Table:
    table = Table(
        "id",
        "name",
        "role",
        "capability",
        "no-deal value r",
        "status quo u",
        "people",
        title="Parties (r: utility of no deal, a judgment; u: utility of the status quo)",
        expand=True,
    )
    for party in scenario.parties:
        people = "; ".join(f"{p.name} ({p.title})" if p.title else p.name for p in party.people)
        prefs = party.preferences
        r = "—" if prefs is None else f"{prefs.reservation:.3g}"
        u = f"{status_quo[party.id]:.3g}" if party.id in status_quo else "—"
        cells = (party.id, party.name, party.role, f"{party.capability:g}", r, u, people)
        table.add_row(*_cells(*cells))
    return table


def _issues(scenario: Scenario) -> Table:
    table = Table(
        "issue",
        f"options, least → most ({IRREVERSIBLE_MARK} irreversible)",
        "status quo",
        title="Issues",
        expand=True,
    )
    for issue in scenario.issues:
        current = scenario.status_quo.get(issue.id, "—")
        name = Text(issue.label or issue.id)
        name.append(f"\n{issue.id}", style="dim")
        table.add_row(name, *_cells(issue_scale(issue), current))
    return table


def _red_lines(scenario: Scenario) -> Table:
    table = Table("party", "red line", "condition", "text", title="Red lines", expand=True)
    for party in scenario.parties:
        if party.preferences is None:
            continue
        for red in party.preferences.red_lines:
            table.add_row(*_cells(party.id, red.id, red.condition, red.text.strip()))
    for feasible in scenario.feasibility:
        cells = _cells(feasible.id, feasible.condition, feasible.text.strip())
        table.add_row(Text("(feasibility)", style="dim"), *cells)
    return table


def _posture_lines(scenario: Scenario, posture: Posture) -> Iterator[Text]:
    head = Text()
    head.append(f"{posture.date}  ", style="bold")
    head.append(f"{posture.party} {posture.kind}", style="cyan")
    head.append(f"  {posture.text.strip()}")
    yield head
    terms = posture_text(posture.condition, posture.outcome) or ""
    yield Text(f"    as a condition: {terms}", style="dim")
    for statement_id in posture.evidence:
        statement = next((s for s in scenario.evidence.statements if s.id == statement_id), None)
        if statement is None:
            continue
        quote = Text(f"    “{' '.join(statement.quote.split())}”", style="italic")
        quote.append(f" — {quote_attribution(scenario, statement)}", style="not italic dim")
        yield quote


def _postures(scenario: Scenario) -> Panel:
    lines: list[RenderableType] = []
    for posture in sorted(scenario.postures, key=lambda p: (p.date, p.party, p.id)):
        lines.extend(_posture_lines(scenario, posture))
    return Panel(Group(*lines), title="Postures by date", title_align="left")


def _definitions(scenario: Scenario) -> Table:
    table = Table("term", "party", "meaning", "as a condition", title="Definitions", expand=True)
    for definition in scenario.definitions:
        for k, meaning in enumerate(definition.meanings):
            term = definition.term if k == 0 else ""
            table.add_row(*_cells(term, meaning.party, meaning.text.strip(), meaning.condition))
    return table


def _events(scenario: Scenario) -> Table:
    table = Table("date", "actor", "kind", "description", "effects", title="Events", expand=True)
    for event in sorted(scenario.events, key=lambda e: (e.date, e.id)):
        effects = "\n".join(effect_text(e) for e in event.effects) or "—"
        when = date_span(event.date, event.date_end)
        cells = _cells(when, event.actor, event.kind, event.description.strip(), effects)
        table.add_row(*cells)
    return table


def scenario_summary(
    scenario: Scenario, status_quo: Mapping[str, float] | None = None
) -> list[RenderableType]:
    """The sections of ``detente show``, in reading order.

    ``status_quo`` gives each party's utility of the status quo (computed by the caller),
    shown beside its reservation value.
    """
    sections: list[RenderableType] = [
        _header(scenario),
        _parties(scenario, status_quo or {}),
        _issues(scenario),
        _red_lines(scenario),
    ]
    if scenario.postures:
        sections.append(_postures(scenario))
    if scenario.definitions:
        sections.append(_definitions(scenario))
    if scenario.events:
        sections.append(_events(scenario))
    counts = (
        f"{len(scenario.evidence.statements)} evidence statements from "
        f"{len(scenario.evidence.sources)} sources; "
        f"{len(scenario.uncertainty)} uncertain parameters"
    )
    sections.append(Text(counts, style="dim"))
    return sections
