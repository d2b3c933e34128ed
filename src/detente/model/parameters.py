"""Numeric parameters of a scenario, addressed by dotted paths.

Uncertainty ranges and event effects name the number they change with a path:

============================================  ==============================================
path                                           the number
============================================  ==============================================
``preferences.PARTY.reservation``              the party's no-deal utility
``preferences.PARTY.weights.ISSUE``            the party's weight on an issue
``preferences.PARTY.values.ISSUE.OPTION``      the party's value of one option
``preferences.PARTY.linkage.ID.bonus``         a linkage term's bonus
``preferences.PARTY.red_lines.ID.credibility``  probability that the red line holds at the table
``definitions.ID.dispute.probability``         chance that a term's gap of meaning surfaces
``definitions.ID.dispute.cost``                what each party loses when it does
``parties.PARTY.capability``                   the party's capability (forecasting)
``process.breakdown_hazard``                   per-round probability that talks break down
``process.trust.PARTY``                        probability that PARTY complies with a step
``process.discount.PARTY``                     PARTY's per-step discount factor
``process.verification.PARTY``                 probability that PARTY's cheating is detected
============================================  ==============================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.model.scenario import MAX_MAGNITUDE, Preferences, Scenario

__all__ = [
    "ParameterRef",
    "get_parameter",
    "parameter_bounds",
    "parameter_problem",
    "parameter_ref",
    "with_parameters",
]

_EXPECTED = (
    "expected preferences.PARTY.(reservation|weights.ISSUE|values.ISSUE.OPTION|linkage.ID.bonus"
    "|red_lines.ID.credibility), parties.PARTY.capability, "
    "definitions.ID.dispute.(probability|cost), process.breakdown_hazard or "
    "process.(trust|discount|verification).PARTY"
)


@dataclass(frozen=True)
class ParameterRef:
    """A parameter path, parsed: ``section`` (preferences, parties, definitions, process), the
    ``party`` it belongs to (None for the breakdown hazard and a definition's dispute), its
    ``field`` and the ids below it (``key``: the issue of a weight, issue and option of a value,
    the id of a linkage term or red line (field ``red_lines``: its credibility), the id of a
    definition (field ``probability`` or ``cost`` of its dispute))."""

    section: str
    party: str | None
    field: str
    key: tuple[str, ...] = ()


def parameter_ref(path: str) -> ParameterRef:
    """Parse ``path`` (the only place paths are split; KeyError with a reason if malformed).

    Examples
    --------
    >>> parameter_ref("preferences.usa.values.sanctions.none")
    ParameterRef(section='preferences', party='usa', field='values', key=('sanctions', 'none'))
    """
    parts = _split(path)
    head = parts[0] if parts else ""
    if head == "preferences" and len(parts) >= 3:
        field, rest = parts[2], tuple(parts[3:])
        shapes = {"reservation": 0, "weights": 1, "values": 2}
        if shapes.get(field) == len(rest):
            return ParameterRef(head, parts[1], field, rest)
        if field == "linkage" and len(rest) == 2 and rest[1] == "bonus":
            return ParameterRef(head, parts[1], field, rest[:1])
        if field == "red_lines" and len(rest) == 2 and rest[1] == "credibility":
            return ParameterRef(head, parts[1], field, rest[:1])
        raise KeyError(f"parameter {path!r}: no such preference of party {parts[1]!r}")
    if head == "parties" and len(parts) == 3 and parts[2] == "capability":
        return ParameterRef(head, parts[1], "capability")
    if head == "definitions" and len(parts) == 4 and parts[2] == "dispute":
        if parts[3] in ("probability", "cost"):
            return ParameterRef(head, None, parts[3], (parts[1],))
        raise KeyError(f"parameter {path!r}: expected dispute.probability or dispute.cost")
    if head == "process" and parts[1:] == ["breakdown_hazard"]:
        return ParameterRef(head, None, "breakdown_hazard")
    if head == "process" and len(parts) == 3 and parts[1] in ("trust", "discount", "verification"):
        return ParameterRef(head, parts[2], parts[1])
    raise KeyError(f"unknown parameter {path!r}; {_EXPECTED}")


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
    ref = parameter_ref(path)
    if ref.section == "preferences":
        return _preference(scenario, ref, path)
    if ref.section == "parties":
        return float(_party(scenario, str(ref.party), path).capability)
    if ref.section == "definitions":
        return _dispute(scenario, ref, path)
    if ref.party is None:
        return scenario.process.breakdown_hazard
    _party(scenario, ref.party, path)
    table: dict[str, float] = getattr(scenario.process, ref.field)
    return table.get(ref.party, 1.0)


def _party(scenario: Scenario, party_id: str, path: str) -> Any:
    try:
        return scenario.party(party_id)
    except KeyError:
        raise KeyError(f"parameter {path!r}: unknown party {party_id!r}") from None


def _dispute(scenario: Scenario, ref: ParameterRef, path: str) -> float:
    for definition in scenario.definitions:
        if definition.id == ref.key[0]:
            if definition.dispute is None:
                raise KeyError(f"parameter {path!r}: definition {ref.key[0]!r} has no dispute")
            return float(getattr(definition.dispute, ref.field))
    raise KeyError(f"parameter {path!r}: unknown definition {ref.key[0]!r}")


def _preference(scenario: Scenario, ref: ParameterRef, path: str) -> float:
    party = _party(scenario, str(ref.party), path)
    prefs = party.preferences
    if prefs is None:
        raise KeyError(f"parameter {path!r}: party {ref.party!r} has no preferences")
    value = _preference_value(prefs, ref.field, ref.key)
    if value is None:
        raise KeyError(f"parameter {path!r}: no such preference of party {ref.party!r}")
    return value


def _preference_value(prefs: Preferences, field: str, rest: tuple[str, ...]) -> float | None:
    if field == "reservation":
        return float(prefs.reservation)
    if field == "weights":
        weight = prefs.weights.get(rest[0])
        return None if weight is None else float(weight)
    if field == "values":
        values = prefs.values.get(rest[0])
        return float(values[rest[1]]) if isinstance(values, dict) and rest[1] in values else None
    named: dict[str, float] = {}
    if field == "linkage":
        named = {link.id: link.bonus for link in prefs.linkage}
    elif field == "red_lines":
        named = {line.id: line.credibility for line in prefs.red_lines}
    found = named.get(rest[0])
    return None if found is None else float(found)


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
        ref = parameter_ref(path)
        if ref.section == "preferences":
            _set_preference(parties[str(ref.party)]["preferences"], ref, value)
        elif ref.section == "parties":
            parties[str(ref.party)]["capability"] = value
        elif ref.section == "definitions":
            for definition in data["definitions"]:
                if definition["id"] == ref.key[0]:
                    definition["dispute"][ref.field] = value
        elif ref.party is None:
            data["process"]["breakdown_hazard"] = value
        else:
            data["process"][ref.field][ref.party] = value
    return Scenario.model_validate(data)


def _set_preference(prefs: dict[str, Any], ref: ParameterRef, value: float) -> None:
    if ref.field == "reservation":
        prefs["reservation"] = value
    elif ref.field == "weights":
        prefs["weights"][ref.key[0]] = value
    elif ref.field == "values":
        prefs["values"][ref.key[0]][ref.key[1]] = value
    elif ref.field == "red_lines":
        for line in prefs["red_lines"]:
            if line["id"] == ref.key[0]:
                line["credibility"] = value
    else:
        for link in prefs["linkage"]:
            if link["id"] == ref.key[0]:
                link["bonus"] = value
