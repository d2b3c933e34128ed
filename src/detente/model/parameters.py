"""Numeric parameters of a scenario, addressed by dotted paths.

Uncertainty ranges and event effects name the number they change with a path:

============================================  ==============================================
path                                           the number
============================================  ==============================================
``preferences.PARTY.reservation``              the party's no-deal utility
``preferences.PARTY.weights.ISSUE``            the party's weight on an issue
``preferences.PARTY.values.ISSUE.OPTION``      the party's value of one option
``preferences.PARTY.linkage.ID.bonus``         a linkage term's bonus
``parties.PARTY.capability``                   the party's capability (forecasting)
``process.breakdown_hazard``                   per-round probability that talks break down
``process.trust.PARTY``                        probability that PARTY complies with a step
``process.discount.PARTY``                     PARTY's per-step discount factor
============================================  ==============================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.model.scenario import MAX_MAGNITUDE, Scenario

__all__ = ["get_parameter", "parameter_bounds", "parameter_problem", "with_parameters"]


def _split(path: str) -> list[str]:
    return path.split(".") if isinstance(path, str) else []


def parameter_problem(scenario: Scenario, path: str) -> str | None:
    """Why ``path`` names no numeric parameter of ``scenario`` (None when it does)."""
    try:
        get_parameter(scenario, path)
    except (KeyError, ValueError) as error:
        return str(error.args[0]) if error.args else f"unknown parameter {path!r}"
    return None


def get_parameter(scenario: Scenario, path: str) -> float:
    """The current value of the parameter at ``path`` (KeyError with a reason if none)."""
    parts = _split(path)
    head = parts[0] if parts else ""
    if head == "preferences" and len(parts) >= 3:
        return _preference(scenario, parts, path)
    if head == "parties" and len(parts) == 3 and parts[2] == "capability":
        return float(_party(scenario, parts[1], path).capability)
    if head == "process" and parts[1:] == ["breakdown_hazard"]:
        return scenario.process.breakdown_hazard
    if head == "process" and len(parts) == 3 and parts[1] in ("trust", "discount"):
        _party(scenario, parts[2], path)
        table: dict[str, float] = getattr(scenario.process, parts[1])
        return table.get(parts[2], 1.0)
    raise KeyError(
        f"unknown parameter {path!r}; expected preferences.PARTY.(reservation|weights.ISSUE|"
        "values.ISSUE.OPTION|linkage.ID.bonus), parties.PARTY.capability, "
        "process.breakdown_hazard or process.(trust|discount).PARTY"
    )


def _party(scenario: Scenario, party_id: str, path: str) -> Any:
    try:
        return scenario.party(party_id)
    except KeyError:
        raise KeyError(f"parameter {path!r}: unknown party {party_id!r}") from None


def _preference(scenario: Scenario, parts: list[str], path: str) -> float:
    party = _party(scenario, parts[1], path)
    prefs = party.preferences
    if prefs is None:
        raise KeyError(f"parameter {path!r}: party {parts[1]!r} has no preferences")
    field, rest = parts[2], parts[3:]
    if field == "reservation" and not rest:
        return float(prefs.reservation)
    if field == "weights" and len(rest) == 1 and rest[0] in prefs.weights:
        return float(prefs.weights[rest[0]])
    if field == "values" and len(rest) == 2:
        values = prefs.values.get(rest[0])
        if isinstance(values, dict) and rest[1] in values:
            return float(values[rest[1]])
    if field == "linkage" and len(rest) == 2 and rest[1] == "bonus":
        for link in prefs.linkage:
            if link.id == rest[0]:
                return float(link.bonus)
    raise KeyError(f"parameter {path!r}: no such preference of party {parts[1]!r}")


def parameter_bounds(path: str) -> tuple[float, float]:
    """The range a parameter's value must lie in (values outside are clipped to it)."""
    parts = _split(path)
    if len(parts) >= 3 and parts[0] == "preferences" and parts[2] == "weights":
        return (0.0, MAX_MAGNITUDE)
    if len(parts) >= 3 and parts[0] == "preferences" and parts[2] == "linkage":
        return (-1.0, 1.0)
    return (0.0, 1.0)


def with_parameters(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """A copy of ``scenario`` with each parameter path set to its value, clipped to its range."""
    data = scenario.model_dump(mode="python")
    parties = {p["id"]: p for p in data["parties"]}
    for path, raw in values.items():
        get_parameter(scenario, path)  # raises with a reason for a bad path
        low, high = parameter_bounds(path)
        value = min(max(float(raw), low), high)
        parts = _split(path)
        if parts[0] == "preferences":
            _set_preference(parties[parts[1]]["preferences"], parts[2:], value)
        elif parts[0] == "parties":
            parties[parts[1]]["capability"] = value
        elif parts[1] == "breakdown_hazard":
            data["process"]["breakdown_hazard"] = value
        else:
            data["process"][parts[1]][parts[2]] = value
    return Scenario.model_validate(data)


def _set_preference(prefs: dict[str, Any], rest: list[str], value: float) -> None:
    if rest[0] == "reservation":
        prefs["reservation"] = value
    elif rest[0] == "weights":
        prefs["weights"][rest[1]] = value
    elif rest[0] == "values":
        prefs["values"][rest[1]][rest[2]] = value
    else:
        for link in prefs["linkage"]:
            if link["id"] == rest[1]:
                link["bonus"] = value
