"""Red lines that may be bluffs: the scenarios of each pattern of held and called red lines.

A red line's ``credibility`` ``c`` is the judged probability that it holds at the table
(:class:`detente.model.scenario.RedLine`). Taking the principals' red lines as holding
independently, each pattern ``H`` (the set that holds) has probability
``P(H) = prod_{l in H} c_l * prod_{l not in H} (1 - c_l)``, and in it the other red lines are
bluffs the party would give up. An expected rate under soft red lines is then
``sum_H P(H) * rate(scenario with only H)``. Red lines of credibility 1 are in every pattern;
patterns of probability 0 are skipped. Our formulation (the independence is an assumption).
"""

from __future__ import annotations

import itertools

from detente.model.scenario import Scenario

__all__ = ["MAX_SOFT_LINES", "red_line_patterns"]

#: Most red lines below full credibility enumerated (2^n patterns).
MAX_SOFT_LINES = 10


def red_line_patterns(scenario: Scenario) -> list[tuple[float, Scenario, tuple[str, ...]]]:
    """``(probability, scenario with the called red lines removed, called ids)`` per pattern.

    Raises ValueError when more than :data:`MAX_SOFT_LINES` principals' red lines are soft.
    """
    soft = [
        (party.id, line.id, line.credibility)
        for party in scenario.parties
        if party.role == "principal" and party.preferences is not None
        for line in party.preferences.red_lines
        if line.credibility < 1.0
    ]
    if len(soft) > MAX_SOFT_LINES:
        raise ValueError(f"{len(soft)} soft red lines: at most {MAX_SOFT_LINES} are enumerated")
    result = []
    for held in itertools.product((True, False), repeat=len(soft)):
        probability = 1.0
        for (_, _, c), h in zip(soft, held, strict=True):
            probability *= c if h else 1.0 - c
        if probability <= 0.0:
            continue
        called = {(p, line) for (p, line, _), h in zip(soft, held, strict=True) if not h}
        data = scenario.model_dump(mode="python")
        for party in data["parties"]:
            prefs = party.get("preferences")
            if prefs is not None:
                prefs["red_lines"] = [r for r in prefs["red_lines"]
                                      if (party["id"], r["id"]) not in called]  # fmt: skip
        ids = tuple(sorted(f"{p}:{line}" for p, line in called))
        result.append((probability, Scenario.model_validate(data), ids))
    return result
