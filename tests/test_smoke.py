"""The embedded default scenario loads and is consistent."""

from detente import embedded_scenarios, resolve_scenario


def test_hanoi_is_embedded_and_loads() -> None:
    assert "hanoi-2019" in embedded_scenarios()
    scenario = resolve_scenario("hanoi-2019")
    assert {p.id for p in scenario.principals} == {"usa", "dprk"}
