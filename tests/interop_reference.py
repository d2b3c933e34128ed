"""Reference helpers for the interop tests: a brute-force scalar utility of one outcome."""

from __future__ import annotations

from detente.model.scenario import Scenario
from reference import utility

__all__ = ["option_id", "scenario_utility"]


def scenario_utility(scenario: Scenario, party_id: str, outcome: dict[str, str]) -> float:
    """``sum_i w_i v_i(o_i)`` for ``party_id``, read off the scenario (the shared reference)."""
    return utility(scenario, party_id, outcome)


def option_id(scenario: Scenario, issue_label: str, option_label: str) -> tuple[str, str]:
    """The (issue id, option id) of the option labelled ``option_label`` of ``issue_label``."""
    for issue in scenario.issues:
        if issue.label == issue_label:
            for option in issue.options:
                if option.label == option_label:
                    return issue.id, option.id
    raise KeyError((issue_label, option_label))
