"""The utility plane of two principals against brute force, and the overrides of a what-if."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from detente import compile_scenario, resolve_scenario
from detente.engines.analysis.plane import utility_plane
from detente.engines.overrides import OverrideError, apply_overrides
from detente.model.scenario import Scenario
from tests.reference import feasible, outcomes, scenarios, utility, zopa


def _label(scenario: Scenario, index: int) -> dict[str, str]:
    return compile_scenario(scenario).space.named([index])[0]


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_the_plane_is_the_brute_force_picture(scenario: Scenario) -> None:
    a, b = (p.id for p in scenario.principals[:2])
    points = [
        (o, utility(scenario, a, o), utility(scenario, b, o))
        for o in outcomes(scenario)
        if feasible(scenario, o)
    ]
    plane = utility_plane(compile_scenario(scenario), max_points=10_000)
    assert plane.feasible == len(points) == plane.cloud.index.size
    assert plane.zopa == len(zopa(scenario)) == int(plane.cloud_zopa.sum())
    # the frontier: the feasible points no feasible point dominates (by direct comparison)
    expected = {
        tuple(sorted(o.items()))
        for o, x, y in points
        if not any(x2 >= x and y2 >= y and (x2 > x or y2 > y) for _, x2, y2 in points)
    }
    found = {tuple(sorted(_label(scenario, int(k)).items())) for k in plane.frontier.index}
    assert found == expected
    assert list(plane.frontier.x) == sorted(plane.frontier.x, reverse=True)


def test_a_posture_sits_at_its_partys_best_outcome_of_its_set() -> None:
    scenario = resolve_scenario("hanoi-2019")
    plane = utility_plane(compile_scenario(scenario))
    assert plane.postures
    for mark in plane.postures:
        party = mark.posture.party
        inside = [
            o
            for o in outcomes(scenario)
            if feasible(scenario, o)
            and all(o[k] == v for k, v in mark.posture.outcome.items())
            and (mark.posture.condition is None or _holds(scenario, mark.posture.condition, o))
        ]
        best = max(utility(scenario, party, o) for o in inside)
        assert utility(scenario, party, _label(scenario, mark.index)) == pytest.approx(best)


def _holds(scenario: Scenario, condition: str, outcome: dict[str, str]) -> bool:
    from tests.reference import holds

    return holds(scenario, condition, outcome)


def test_overrides_set_parameters_and_drop_red_lines() -> None:
    hanoi = resolve_scenario("hanoi-2019")
    usa = hanoi.party("usa").preferences
    assert usa is not None and usa.red_lines
    key = f"usa:{usa.red_lines[0].id}"
    changed = apply_overrides(hanoi, {"preferences.usa.reservation": 0.1}, {key: False})
    prefs = changed.party("usa").preferences
    assert prefs is not None and prefs.reservation == 0.1
    assert [r.id for r in prefs.red_lines] == [r.id for r in usa.red_lines[1:]]
    with pytest.raises(OverrideError, match="unknown red line"):
        apply_overrides(hanoi, {}, {"usa:nope": False})
    with pytest.raises(OverrideError):
        apply_overrides(hanoi, {"preferences.atlantis.reservation": 0.1}, {})
