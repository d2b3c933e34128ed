"""Loading, dumping and loading again gives an equal scenario."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from detente import Scenario, dump_scenario, load_scenario_text, resolve_scenario
from detente.model.checks import check_scenario
from tests.strategies import scenarios

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_hanoi_round_trip() -> None:
    scenario = resolve_scenario("hanoi-2019")
    again = load_scenario_text(dump_scenario(scenario))
    assert again == scenario
    assert dump_scenario(again) == dump_scenario(scenario)


@SETTINGS
@given(scenarios(extras=True))
def test_random_scenarios_round_trip(scenario: Scenario) -> None:
    assert load_scenario_text(dump_scenario(scenario)) == scenario


@SETTINGS
@given(scenarios(red_lines=False, max_parties=3, max_issues=2))
def test_generated_scenarios_are_valid(scenario: Scenario) -> None:
    errors = [p for p in check_scenario(scenario) if p.severity == "error"]
    assert errors == []
    assert all(not p.preferences or not p.preferences.red_lines for p in scenario.parties)
