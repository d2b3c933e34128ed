"""Checks that span a whole scenario: references, duplicate ids, conditions, weights.

Each check returns :class:`Problem` records with the path of the offending value, so that the
loader can attach file, line and column. Weights that do not sum to 1 are normalised with a
warning (GENIUS files routinely sum to 1.00005); negative or all-zero weights are errors.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from detente.model.conditions import (
    ConditionError,
    check_names,
    comparisons,
    parse_condition,
    suggestion,
)
from detente.model.parameters import parameter_problem
from detente.model.scenario import Preferences, Scenario

__all__ = ["Known", "Path", "Problem", "check_scenario", "condition_fields", "normalise_weights"]

Path = tuple[str | int, ...]
WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``severity='error'``) or adjusted (``'warning'``) in a scenario."""

    path: Path
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class Known:
    """Ids present in a file whose items failed validation and were left out of the scenario.

    References to them are not reported again as unknown (the item's own error is reported).
    """

    parties: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    statements: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()


NOTHING_DROPPED = Known()


def check_scenario(scenario: Scenario, known: Known = NOTHING_DROPPED) -> list[Problem]:
    """Every cross-reference problem of ``scenario`` (empty when it is consistent).

    ``known`` lists ids of items that exist in the file but failed validation (see
    :mod:`detente.model.salvage`); references to them are not reported.
    """
    checks = (
        _duplicates,
        _preferences,
        _conditions,
        _references,
        _parameters,
        _hindsight,
    )
    return [problem for check in checks for problem in check(scenario, known)]


def _duplicate_ids(ids: Sequence[str], base: Path, what: str) -> Iterator[Problem]:
    counts = Counter(ids)
    for index, item in enumerate(ids):
        if counts[item] > 1 and ids.index(item) != index:
            yield Problem((*base, index, "id"), f"duplicate {what} id {item!r}")


def _duplicates(s: Scenario, known: Known) -> Iterator[Problem]:
    yield from _duplicate_ids([p.id for p in s.parties], ("parties",), "party")
    yield from _duplicate_ids([i.id for i in s.issues], ("issues",), "issue")
    for k, issue in enumerate(s.issues):
        yield from _duplicate_ids([o.id for o in issue.options], ("issues", k, "options"), "option")
    yield from _duplicate_ids([p.id for p in s.postures], ("postures",), "posture")
    yield from _duplicate_ids([d.id for d in s.definitions], ("definitions",), "definition")
    yield from _duplicate_ids([e.id for e in s.events], ("events",), "event")
    yield from _duplicate_ids([f.id for f in s.feasibility], ("feasibility",), "feasibility")
    ev = s.evidence
    yield from _duplicate_ids([x.id for x in ev.sources], ("evidence", "sources"), "source")
    yield from _duplicate_ids(
        [x.id for x in ev.statements], ("evidence", "statements"), "statement"
    )


def _preferences(s: Scenario, known: Known) -> Iterator[Problem]:
    issues = {issue.id: issue.option_ids for issue in s.issues}
    for p, party in enumerate(s.parties):
        if party.preferences is None:
            continue
        base: Path = ("parties", p, "preferences")
        prefs = party.preferences
        for issue_id in prefs.weights:
            if issue_id not in issues and issue_id not in known.issues:
                yield Problem((*base, "weights", issue_id), _unknown("issue", issue_id, issues))
        total = sum(prefs.weights.values())
        if total <= 0:
            yield Problem((*base, "weights"), "weights must not all be zero")
        elif abs(total - 1.0) > WEIGHT_TOLERANCE:
            yield Problem(
                (*base, "weights"),
                f"weights sum to {total:.6g}, not 1; they are divided by their sum",
                "warning",
            )
        yield from _values(prefs, issues, base, known)


def _values(
    prefs: Preferences, issues: dict[str, list[str]], base: Path, known: Known
) -> Iterator[Problem]:
    for issue_id, values in prefs.values.items():
        if issue_id in known.issues:
            continue
        if issue_id not in issues:
            yield Problem((*base, "values", issue_id), _unknown("issue", issue_id, issues))
            continue
        if isinstance(values, str):
            continue
        options = issues[issue_id]
        for option in values:
            if option not in options:
                yield Problem(
                    (*base, "values", issue_id, option),
                    _unknown_option(issue_id, option, options),
                )
        missing = [o for o in options if o not in values]
        if missing:
            yield Problem(
                (*base, "values", issue_id),
                f"no value for option(s) {', '.join(missing)} of issue {issue_id!r}",
            )
    for issue_id, weight in prefs.weights.items():
        if weight > 0 and issue_id in issues and issue_id not in prefs.values:
            yield Problem(
                (*base, "values"),
                f"issue {issue_id!r} has weight {weight} but no values",
            )


def condition_fields(s: Scenario) -> Iterator[tuple[Path, str]]:
    """Every condition text in ``s`` with its path."""
    for p, party in enumerate(s.parties):
        if party.preferences is None:
            continue
        for r, red in enumerate(party.preferences.red_lines):
            yield ("parties", p, "preferences", "red_lines", r, "condition"), red.condition
        for k, link in enumerate(party.preferences.linkage):
            yield ("parties", p, "preferences", "linkage", k, "condition"), link.condition
    for f, feasible in enumerate(s.feasibility):
        yield ("feasibility", f, "condition"), feasible.condition
    for k, posture in enumerate(s.postures):
        if posture.condition is not None:
            yield ("postures", k, "condition"), posture.condition
    for d, definition in enumerate(s.definitions):
        for m, meaning in enumerate(definition.meanings):
            yield ("definitions", d, "meanings", m, "condition"), meaning.condition


def _conditions(s: Scenario, known: Known) -> Iterator[Problem]:
    options = {issue.id: issue.option_ids for issue in s.issues}
    for path, text in condition_fields(s):
        try:
            tree = parse_condition(text)
        except ConditionError as error:
            where = "" if error.position is None else f" at character {error.position + 1}"
            yield Problem(path, f"bad condition {text!r}: {error.message}{where}")
            continue
        for leaf in comparisons(tree):
            if leaf.issue not in known.issues:
                for message in check_names(leaf, options):
                    yield Problem(path, f"condition {text!r}: {message}")
    yield from _partial_outcome(s.status_quo, ("status_quo",), options, known)
    for k, posture in enumerate(s.postures):
        yield from _partial_outcome(posture.outcome, ("postures", k, "outcome"), options, known)
        if posture.condition is None and not posture.outcome:
            yield Problem(("postures", k), "a posture needs a condition or an outcome")


def _partial_outcome(
    partial: dict[str, str], base: Path, options: dict[str, list[str]], known: Known
) -> Iterator[Problem]:
    for issue_id, option in partial.items():
        if issue_id in known.issues:
            continue
        if issue_id not in options:
            yield Problem((*base, issue_id), _unknown("issue", issue_id, options))
        elif option not in options[issue_id]:
            yield Problem(
                (*base, issue_id),
                _unknown_option(issue_id, option, options[issue_id]),
            )


def _references(s: Scenario, known: Known) -> Iterator[Problem]:
    # Ids of items dropped for their own errors count as present (see Known).
    parties = [p.id for p in s.parties] + sorted(known.parties)
    statements = [x.id for x in s.evidence.statements] + sorted(known.statements)
    for k, posture in enumerate(s.postures):
        yield from _refs([posture.party], ("postures", k, "party"), parties, "party", single=True)
        yield from _refs(posture.evidence, ("postures", k, "evidence"), statements, "statement")
    for d, definition in enumerate(s.definitions):
        for m, meaning in enumerate(definition.meanings):
            base: Path = ("definitions", d, "meanings", m)
            yield from _refs([meaning.party], (*base, "party"), parties, "party", single=True)
            yield from _refs(meaning.evidence, (*base, "evidence"), statements, "statement")
    for e, event in enumerate(s.events):
        yield from _refs(event.evidence, ("events", e, "evidence"), statements, "statement")
    for p, party in enumerate(s.parties):
        if party.preferences is not None:
            for r, red in enumerate(party.preferences.red_lines):
                path: Path = ("parties", p, "preferences", "red_lines", r, "evidence")
                yield from _refs(red.evidence, path, statements, "statement")
    yield from _statement_references(s, known, parties)


def _statement_references(s: Scenario, known: Known, parties: list[str]) -> Iterator[Problem]:
    # The statements' sources, parties and issues; the outcome's terms; the process tables.
    sources = [x.id for x in s.evidence.sources] + sorted(known.sources)
    issues = [i.id for i in s.issues] + sorted(known.issues)
    for k, st in enumerate(s.evidence.statements):
        base = ("evidence", "statements", k)
        yield from _refs([st.source], (*base, "source"), sources, "source", single=True)
        if st.party is not None:
            yield from _refs([st.party], (*base, "party"), parties, "party", single=True)
        yield from _refs(st.issues, (*base, "issues"), issues, "issue")
    yield from _outcome_terms(s, known)
    for key in ("trust", "discount", "verification"):
        table: dict[str, float] = getattr(s.process, key)
        for party_id in table:
            if party_id not in parties:
                yield Problem(("process", key, party_id), _unknown("party", party_id, parties))


def _outcome_terms(s: Scenario, known: Known) -> Iterator[Problem]:
    if s.outcome is None:
        return
    options = {issue.id: issue.option_ids for issue in s.issues}
    for issue_id, option in s.outcome.terms.items():
        path: Path = ("outcome", "terms", issue_id)
        if issue_id not in options:
            if issue_id not in known.issues:
                yield Problem(path, _unknown("issue", issue_id, options))
        elif option != "unresolved" and option not in options[issue_id]:
            valid = [*options[issue_id], "unresolved"]
            yield Problem(path, _unknown_option(issue_id, option, valid))


def _refs(
    ids: Iterable[str], path: Path, valid: Sequence[str], what: str, single: bool = False
) -> Iterator[Problem]:
    for index, item in enumerate(ids):
        if item not in valid:
            where = path if single else (*path, index)
            yield Problem(where, _unknown(what, item, valid))


def _parameters(s: Scenario, known: Known) -> Iterator[Problem]:
    for u, item in enumerate(s.uncertainty):
        message = parameter_problem(s, item.parameter)
        if message and not _names_dropped(item.parameter, known):
            yield Problem(("uncertainty", u, "parameter"), message)
    for e, event in enumerate(s.events):
        for f, effect in enumerate(event.effects):
            message = parameter_problem(s, effect.parameter)
            if message and not _names_dropped(effect.parameter, known):
                yield Problem(("events", e, "effects", f, "parameter"), message)


def _hindsight(s: Scenario, known: Known) -> Iterator[Problem]:
    """Warn about dated material after ``metadata.as_of``: hindsight leaking into the case.

    A scenario is written as of a date; statements, events, postures and evidence sources
    dated later could not have been known then. ``outcome`` is exempt (it is the record), but
    an outcome dated on or before ``as_of`` is itself suspect: the case is no forecast.
    """
    as_of = s.metadata.as_of
    dated: list[tuple[Path, str, dt.date | None]] = [
        *((("postures", k, "date"), "posture", p.date) for k, p in enumerate(s.postures)),
        *((("events", k, "date"), "event", e.date) for k, e in enumerate(s.events)),
        *(
            (("evidence", "statements", k, "said_on"), "statement", st.said_on)
            for k, st in enumerate(s.evidence.statements)
        ),
        *(
            (("evidence", "sources", k, "date"), "source", src.date)
            for k, src in enumerate(s.evidence.sources)
        ),
    ]
    for path, what, date in dated:
        if date is not None and date > as_of:
            yield Problem(
                path,
                f"{what} dated {date.isoformat()}, after metadata.as_of "
                f"({as_of.isoformat()}): hindsight in a case written as of that date",
                "warning",
            )
    if s.outcome is not None and s.outcome.date is not None and s.outcome.date <= as_of:
        yield Problem(
            ("outcome", "date"),
            f"the outcome is dated {s.outcome.date.isoformat()}, not after metadata.as_of "
            f"({as_of.isoformat()}): a case is written as of a date before its outcome",
            "warning",
        )


def _names_dropped(path: str, known: Known) -> bool:
    """Whether a parameter path names a party or issue that failed validation."""
    return any(part in known.parties or part in known.issues for part in path.split("."))


def _unknown_option(issue_id: str, option: str, valid: Sequence[str]) -> str:
    return f"unknown option {option!r} of issue {issue_id!r}; {suggestion(option, list(valid))}"


def _unknown(what: str, name: str, valid: Iterable[str]) -> str:
    return f"unknown {what} {name!r}; {suggestion(name, list(valid))}"


def normalise_weights(weights: dict[str, float]) -> dict[str, float]:
    """Weights divided by their sum (the documented reading of weights that miss 1)."""
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total > 0 else dict(weights)
