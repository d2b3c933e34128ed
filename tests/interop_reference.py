"""Reference helpers for the interop tests: a brute-force scalar utility of one outcome."""

from __future__ import annotations

from detente.model.scenario import Scenario

__all__ = ["option_id", "scenario_utility"]


def scenario_utility(scenario: Scenario, party_id: str, outcome: dict[str, str]) -> float:
    """``sum_i w_i v_i(o_i)`` for ``party_id``, read off the scenario."""
    prefs = scenario.party(party_id).preferences
    assert prefs is not None
    total = 0.0
    for issue_id, option_id in outcome.items():
        values = prefs.values[issue_id]
        assert isinstance(values, dict)
        total += prefs.weights.get(issue_id, 0.0) * values[option_id]
    return total


def option_id(scenario: Scenario, issue_label: str, option_label: str) -> tuple[str, str]:
    """The (issue id, option id) of the option labelled ``option_label`` of ``issue_label``."""
    for issue in scenario.issues:
        if issue.label == issue_label:
            for option in issue.options:
                if option.label == option_label:
                    return issue.id, option.id
    raise KeyError((issue_label, option_label))
