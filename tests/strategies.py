"""Hypothesis strategies for scenarios and their parts, shared by every test suite.

Use them as ``from tests.strategies import scenarios, issue_lists, preferences_for``:

- :func:`names` — identifiers valid in the condition language (not keywords);
- :func:`issue_lists` — 1–6 issues with 2–6 ordered options each (unique ids);
- :func:`conditions` — condition trees over given issues (every name valid);
- :func:`preferences_for` — weights summing to 1, values in [0, 1] (or a shape shorthand),
  optional red lines and linkage terms, a reservation value;
- :func:`parties_for` — 2–6 parties, the first two principals with preferences;
- :func:`scenarios` — whole valid scenarios; ``extras=True`` adds postures, definitions,
  events, evidence and uncertainty that reference each other consistently.

Every generated scenario passes validation (``check_scenario`` gives no error).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from detente.model.conditions import (
    And,
    Compare,
    Condition,
    Implies,
    InSet,
    Not,
    Or,
    to_text,
)
from detente.model.scenario import (
    Definition,
    Distribution,
    Effect,
    Event,
    Evidence,
    Issue,
    Linkage,
    Meaning,
    Metadata,
    Option,
    Party,
    Person,
    Posture,
    Preferences,
    RedLine,
    Scenario,
    Source,
    Statement,
    Uncertainty,
)

__all__ = [
    "conditions",
    "issue_lists",
    "issues",
    "names",
    "parties_for",
    "preferences_for",
    "scenarios",
    "texts",
]

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")


def names() -> st.SearchStrategy[str]:
    """Identifiers of the condition language (ids of issues, options, parties...)."""
    return st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True).filter(lambda n: n not in KEYWORDS)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text: any characters but surrogates, including quotes, colons and newlines."""
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=max_size)


@st.composite
def issues(draw: Any, issue_id: str, min_options: int = 2, max_options: int = 6) -> Issue:
    """One issue with ordered, uniquely named options (some irreversible)."""
    option_ids = draw(st.lists(names(), min_size=min_options, max_size=max_options, unique=True))
    options = [
        Option(
            id=option_id,
            label=draw(texts(20)),
            reversible=draw(st.booleans()),
            reversal_cost=draw(st.floats(0, 1)),
        )
        for option_id in option_ids
    ]
    return Issue(id=issue_id, label=draw(texts(20)), options=options)


@st.composite
def issue_lists(
    draw: Any, min_issues: int = 1, max_issues: int = 6, min_options: int = 2, max_options: int = 6
) -> list[Issue]:
    """1–6 issues with unique ids."""
    ids = draw(st.lists(names(), min_size=min_issues, max_size=max_issues, unique=True))
    return [draw(issues(issue_id, min_options, max_options)) for issue_id in ids]


def _leaves(issue_list: list[Issue]) -> st.SearchStrategy[Condition]:
    def compare(issue: Issue) -> st.SearchStrategy[Condition]:
        ids = issue.option_ids
        return st.one_of(
            st.builds(Compare, st.just(issue.id), st.sampled_from(OPERATORS), st.sampled_from(ids)),
            st.builds(
                InSet,
                st.just(issue.id),
                st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True).map(
                    tuple
                ),
            ),
        )

    return st.sampled_from(issue_list).flatmap(compare)


def conditions(issue_list: list[Issue], max_leaves: int = 8) -> st.SearchStrategy[Condition]:
    """Condition trees over ``issue_list`` whose names are all valid."""

    def extend(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        operands = st.lists(children, min_size=2, max_size=3).map(tuple)
        return st.one_of(
            st.builds(Not, children),
            st.builds(And, operands),
            st.builds(Or, operands),
            st.builds(Implies, children, children),
        )

    return st.recursive(_leaves(issue_list), extend, max_leaves=max_leaves)


@st.composite
def _weights(draw: Any, issue_ids: list[str]) -> dict[str, float]:
    raw = draw(st.lists(st.integers(0, 10), min_size=len(issue_ids), max_size=len(issue_ids)))
    if sum(raw) == 0:
        raw[0] = 1
    total = sum(raw)
    return {issue_id: r / total for issue_id, r in zip(issue_ids, raw, strict=True)}


@st.composite
def preferences_for(
    draw: Any, issue_list: list[Issue], red_lines: bool = True, linkage: bool = True
) -> Preferences:
    """A valid utility over ``issue_list``; weights sum to 1 (within 1e-9)."""
    weights = draw(_weights([i.id for i in issue_list]))
    values: dict[str, dict[str, float] | Any] = {}
    for issue in issue_list:
        shape = draw(st.sampled_from(["table", "table", "increasing", "decreasing"]))
        if shape == "table":
            values[issue.id] = {o: draw(st.floats(0, 1)) for o in issue.option_ids}
        else:
            values[issue.id] = shape
    reds = []
    if red_lines:
        for k in range(draw(st.integers(0, 2))):
            reds.append(RedLine(id=f"red{k}", condition=to_text(draw(conditions(issue_list, 4)))))
    links = []
    if linkage:
        for k in range(draw(st.integers(0, 2))):
            condition = to_text(draw(conditions(issue_list, 3)))
            links.append(Linkage(id=f"link{k}", condition=condition, bonus=draw(st.floats(-1, 1))))
    return Preferences(
        weights=weights,
        values=values,
        red_lines=reds,
        linkage=links,
        reservation=draw(st.floats(0, 1)),
    )


@st.composite
def parties_for(
    draw: Any,
    issue_list: list[Issue],
    min_parties: int = 2,
    max_parties: int = 6,
    red_lines: bool = True,
) -> list[Party]:
    """2–6 parties; the first two are principals, the rest any role (preferences optional)."""
    ids = draw(st.lists(names(), min_size=min_parties, max_size=max_parties, unique=True))
    parties = []
    for k, party_id in enumerate(ids):
        role = (
            "principal"
            if k < 2
            else draw(st.sampled_from(["principal", "mediator", "stakeholder"]))
        )
        has_prefs = role == "principal" or draw(st.booleans())
        prefs = draw(preferences_for(issue_list, red_lines, red_lines)) if has_prefs else None
        people = (
            [Person(name=draw(texts(15)), title=draw(texts(15)))] if draw(st.booleans()) else []
        )
        parties.append(
            Party(
                id=party_id,
                name=draw(texts(20)),
                role=role,
                people=people,
                capability=draw(st.floats(0, 1)),
                preferences=prefs,
            )
        )
    return parties


def _dates() -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def _extras(draw: Any, parties: list[Party], issue_list: list[Issue]) -> dict[str, Any]:
    """Evidence, postures, definitions, events and uncertainty that reference each other."""
    party_ids = [p.id for p in parties]
    source = Source(id="src", title=draw(texts(20)), outlet=draw(texts(10)), date=draw(_dates()))
    statements = [
        Statement(
            id=f"st{k}",
            speaker=draw(texts(15)),
            party=draw(st.sampled_from([None, *party_ids])),
            quote=draw(texts(60)),
            kind=draw(st.sampled_from(["direct", "indirect", "fact"])),
            said_on=draw(st.none() | _dates()),
            venue=draw(texts(10)),
            reported_by=draw(texts(10)),
            source="src",
            issues=[draw(st.sampled_from(issue_list)).id],
        )
        for k in range(draw(st.integers(1, 3)))
    ]
    statement_ids = [s.id for s in statements]
    postures = [
        Posture(
            id=f"posture{k}",
            party=draw(st.sampled_from(party_ids)),
            date=draw(_dates()),
            kind=draw(st.sampled_from(["demand", "offer", "red_line", "priority", "hope"])),
            condition=to_text(draw(conditions(issue_list, 3))),
            text=draw(texts(30)) or "stated",
            evidence=[draw(st.sampled_from(statement_ids))],
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    definition = Definition(
        id="term",
        term=draw(texts(10)) or "term",
        meanings=[
            Meaning(party=party_id, condition=to_text(draw(conditions(issue_list, 3))))
            for party_id in party_ids[:2]
        ],
    )
    principal = parties[0].id
    events = [
        Event(
            id="event0",
            date=draw(_dates()),
            actor=draw(st.sampled_from(party_ids)),
            kind="signal",
            description=draw(texts(30)) or "happened",
            effects=[Effect(parameter=f"preferences.{principal}.reservation", delta=-0.05)],
            evidence=statement_ids[:1],
        )
    ]
    low = draw(st.floats(0, 0.5))
    uncertainty = [
        Uncertainty(
            parameter=f"preferences.{principal}.reservation",
            distribution=Distribution(kind="uniform", low=low, high=low + 0.5),
        )
    ]
    return {
        "evidence": Evidence(sources=[source], statements=statements),
        "postures": postures,
        "definitions": [definition],
        "events": events,
        "uncertainty": uncertainty,
    }


@st.composite
def scenarios(  # noqa: PLR0913 - a hypothesis strategy's size knobs, all defaulted
    draw: Any,
    min_parties: int = 2,
    max_parties: int = 6,
    min_issues: int = 1,
    max_issues: int = 6,
    min_options: int = 2,
    max_options: int = 6,
    red_lines: bool = True,
    extras: bool = False,
) -> Scenario:
    """A valid scenario; ``red_lines=False`` gives parties without red lines or linkage."""
    issue_list = draw(issue_lists(min_issues, max_issues, min_options, max_options))
    parties = draw(parties_for(issue_list, min_parties, max_parties, red_lines))
    status_quo = {i.id: draw(st.sampled_from(i.option_ids)) for i in issue_list}
    more = draw(_extras(parties, issue_list)) if extras else {}
    return Scenario(
        metadata=Metadata(
            id=draw(st.from_regex(r"[a-z][a-z0-9\-]{0,12}", fullmatch=True)),
            title=draw(texts(30)),
            as_of=draw(_dates()),
            summary=draw(texts(80)),
        ),
        parties=parties,
        issues=issue_list,
        status_quo=status_quo,
        **more,
    )
