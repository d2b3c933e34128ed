"""A scenario with changed parameters and dropped red lines (the what-if's changes).

An override sets numeric parameters by path (:func:`detente.model.with_parameters`: values are
clipped to their range) and keeps or drops red lines (``"PARTY:RED_LINE_ID" -> bool``); the
result is a new, validated :class:`~detente.model.scenario.Scenario`.
"""

from __future__ import annotations

from collections.abc import Mapping

from detente.errors import DetenteError
from detente.model.parameters import with_parameters
from detente.model.scenario import Scenario

__all__ = ["OverrideError", "apply_overrides", "red_line_keys"]


class OverrideError(DetenteError, ValueError):
    """An override that names no parameter or red line of the scenario."""


def red_line_keys(scenario: Scenario) -> list[str]:
    """Every red line as ``PARTY:ID``, in scenario order."""
    return [
        f"{party.id}:{line.id}"
        for party in scenario.parties
        if party.preferences is not None
        for line in party.preferences.red_lines
    ]


def apply_overrides(
    scenario: Scenario, parameters: Mapping[str, float], red_lines: Mapping[str, bool]
) -> Scenario:
    """``scenario`` with ``parameters`` set and the red lines mapped to False dropped.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> hanoi = resolve_scenario("hanoi-2019")
    >>> changed = apply_overrides(hanoi, {"preferences.dprk.reservation": 0.2}, {})
    >>> changed.party("dprk").preferences.reservation
    0.2
    """
    unknown = sorted(set(red_lines) - set(red_line_keys(scenario)))
    if unknown:
        raise OverrideError(f"unknown red line {unknown[0]!r}; expected one of PARTY:ID")
    try:
        changed = with_parameters(scenario, parameters) if parameters else scenario
    except KeyError as error:
        raise OverrideError(str(error.args[0]) if error.args else "unknown parameter") from None
    dropped = {key for key, keep in red_lines.items() if not keep}
    if not dropped:
        return changed
    data = changed.model_dump(mode="python")
    for party in data["parties"]:
        prefs = party.get("preferences")
        if prefs:
            prefs["red_lines"] = [
                r for r in prefs["red_lines"] if f"{party['id']}:{r['id']}" not in dropped
            ]
    return Scenario.model_validate(data)
