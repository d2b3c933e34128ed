"""Naive baselines a backtest scores the engines against.

- *Status quo*: nothing changes — no deal, and as a package the status quo (an issue the
  status quo does not name is at its first option, the convention of the phasing engine).
- *Midpoint*: a deal that splits the difference — per issue, the option nearest the mean rank
  of the principals' ideal options (the lower one at an exact half). A principal's ideal option
  on an issue is the one it values most (the lowest rank among ties; the last option for
  ``increasing``, the first for ``decreasing``); principals without values for the issue are
  left out, and an issue no principal values stays at the status quo.
"""

from __future__ import annotations

import math

from detente.model.scenario import Issue, Party, Scenario

__all__ = ["ideal_rank", "midpoint_package", "status_quo_package"]


def status_quo_package(scenario: Scenario) -> dict[str, str]:
    """The status quo as a complete package (first option where it names none)."""
    return {
        issue.id: scenario.status_quo.get(issue.id, issue.option_ids[0])
        for issue in scenario.issues
    }


def ideal_rank(party: Party, issue: Issue) -> int | None:
    """The rank of ``party``'s most valued option on ``issue`` (None without values for it)."""
    if party.preferences is None:
        return None
    values = party.preferences.values.get(issue.id)
    ids = issue.option_ids
    if values is None:
        return None
    if values == "increasing":
        return len(ids) - 1
    if values == "decreasing":
        return 0
    assert isinstance(values, dict)
    scores = [values.get(option, -math.inf) for option in ids]
    return scores.index(max(scores))


def midpoint_package(scenario: Scenario) -> dict[str, str]:
    """Per issue, the option nearest the principals' mean ideal rank (lower at a half)."""
    package = status_quo_package(scenario)
    for issue in scenario.issues:
        ranks = [r for p in scenario.principals if (r := ideal_rank(p, issue)) is not None]
        if ranks:
            mean = sum(ranks) / len(ranks)
            package[issue.id] = issue.option_ids[math.ceil(mean - 0.5)]
    return package
