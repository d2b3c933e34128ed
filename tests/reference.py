"""Brute-force, outcome-by-outcome references for the analysis tests (no NumPy engine code).

Also the hypothesis strategy of small random scenarios shared by the analysis tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from detente.model.checks import normalise_weights
from detente.model.conditions import evaluate, parse_condition
from detente.model.scenario import Scenario

Outcome = dict[str, str]


def rank_maps(scenario: Scenario) -> dict[str, dict[str, int]]:
    return {i.id: {o: k for k, o in enumerate(i.option_ids)} for i in scenario.issues}


def outcomes(scenario: Scenario) -> Iterator[Outcome]:
    """Every outcome, in index order (first issue most significant)."""
    for combo in itertools.product(*(i.option_ids for i in scenario.issues)):
        yield dict(zip((i.id for i in scenario.issues), combo, strict=True))


def holds(scenario: Scenario, condition: str, outcome: Outcome) -> bool:
    ranks = rank_maps(scenario)
    return evaluate(parse_condition(condition), {k: ranks[k][v] for k, v in outcome.items()}, ranks)


def feasible(scenario: Scenario, outcome: Outcome) -> bool:
    return all(holds(scenario, f.condition, outcome) for f in scenario.feasibility)


def utility(scenario: Scenario, party: str, outcome: Outcome) -> float:
    prefs = scenario.party(party).preferences
    assert prefs is not None
    weights = normalise_weights(dict(prefs.weights))
    total = 0.0
    for issue in scenario.issues:
        values = prefs.values.get(issue.id)
        if values is None:
            continue
        if isinstance(values, str):
            pos = issue.option_ids.index(outcome[issue.id]) / (len(issue.option_ids) - 1)
            value = pos if values == "increasing" else 1 - pos
        else:
            value = values[outcome[issue.id]]
        total += weights.get(issue.id, 0.0) * value
    for link in prefs.linkage:
        if holds(scenario, link.condition, outcome):
            total += link.bonus
    return total


def requirement_list(scenario: Scenario) -> list[tuple[str, str, str | None]]:
    """(party, id, red-line condition or None for the reservation), in the engine's order."""
    result: list[tuple[str, str, str | None]] = []
    for party in scenario.principals:
        prefs = party.preferences
        assert prefs is not None
        result.append((party.id, "reservation", None))
        result.extend((party.id, r.id, r.condition) for r in prefs.red_lines)
    return result


def met(scenario: Scenario, outcome: Outcome, eps: float = 0.0) -> list[bool]:
    """Which requirements ``outcome`` meets."""
    flags = []
    for party, _, condition in requirement_list(scenario):
        if condition is None:
            prefs = scenario.party(party).preferences
            assert prefs is not None
            flags.append(utility(scenario, party, outcome) >= prefs.reservation - eps)
        else:
            flags.append(holds(scenario, condition, outcome))
    return flags


def zopa(scenario: Scenario) -> list[Outcome]:
    return [o for o in outcomes(scenario) if feasible(scenario, o) and all(met(scenario, o))]


ISSUES = ("a", "b", "c")
OPS = (">=", "<=", ">", "<", "==")


@st.composite
def scenarios(draw: Any, max_issues: int = 3, red_lines: int = 3) -> Scenario:
    """Small random scenarios: 2 principals (and maybe a mediator), random red lines."""
    n_issues = draw(st.integers(2, max_issues))
    sizes = [draw(st.integers(2, 4)) for _ in range(n_issues)]
    issues = [
        {"id": ISSUES[k], "options": [{"id": f"o{j}"} for j in range(n)]}
        for k, n in enumerate(sizes)
    ]
    unit = st.floats(0.0, 1.0, allow_nan=False).map(lambda x: round(x, 2))

    def leaf() -> str:
        k = draw(st.integers(0, n_issues - 1))
        return f"{ISSUES[k]} {draw(st.sampled_from(OPS))} o{draw(st.integers(0, sizes[k] - 1))}"

    def condition() -> str:
        return leaf() if draw(st.booleans()) else f"{leaf()} -> {leaf()}"

    parties = []
    for p, role in enumerate(("principal", "principal", "mediator")[: draw(st.integers(2, 3))]):
        values = {ISSUES[k]: {f"o{j}": draw(unit) for j in range(n)} for k, n in enumerate(sizes)}
        weights = {ISSUES[k]: draw(unit) + 0.05 for k in range(n_issues)}
        lines = [
            {"id": f"r{p}{k}", "condition": condition(), "text": f"red line {k} of p{p}"}
            for k in range(draw(st.integers(0, red_lines)))
        ]
        prefs = {"weights": weights, "values": values, "red_lines": lines}
        prefs["reservation"] = draw(unit)
        parties.append({"id": f"p{p}", "name": f"Party {p}", "role": role, "preferences": prefs})
    data: dict[str, Any] = {
        "metadata": {"id": "random", "title": "random", "as_of": "2020-01-01"},
        "parties": parties,
        "issues": issues,
        "status_quo": {ISSUES[k]: "o0" for k in range(n_issues)},
    }
    if draw(st.booleans()):
        data["feasibility"] = [{"id": "f", "condition": condition()}]
    return Scenario.model_validate(data)
