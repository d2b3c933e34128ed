"""What-if: the scenario with changed weights, reservation values or red lines, re-analysed.

An override sets numeric parameters by path (:func:`detente.model.with_parameters`; a value
outside the parameter's range is refused with :class:`WhatIfError`) and keeps or drops red lines
(``"PARTY:RED_LINE_ID" -> bool``). The changed scenario is compiled again and the parts of the
analysis a what-if shows are recomputed:
the ZOPA size, the bargaining solutions, why there is no deal and the bridges, and the utility
space (without its hover text, which a what-if cannot change: see
:func:`detente.presentation.views.space.utility_space`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from detente.engines.compile import compile_scenario
from detente.model.parameters import parameter_bounds, with_parameters
from detente.model.scenario import Scenario
from detente.presentation.views import engines
from detente.presentation.views.document import MAX_INTERACTIVE_OUTCOMES, check_space_size
from detente.presentation.views.space import DEFAULT_MAX_POINTS, utility_space

__all__ = ["WhatIfError", "apply_overrides", "red_line_keys", "what_if"]


class WhatIfError(ValueError):
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
    """``scenario`` with ``parameters`` set and the red lines mapped to False dropped."""
    unknown = sorted(set(red_lines) - set(red_line_keys(scenario)))
    if unknown:
        raise WhatIfError(f"unknown red line {unknown[0]!r}; expected one of PARTY:ID")
    try:
        for path, value in parameters.items():
            low, high = parameter_bounds(path)
            if not low <= value <= high:
                raise WhatIfError(f"{path}: {value!r} is outside its range [{low:g}, {high:g}]")
        changed = with_parameters(scenario, parameters) if parameters else scenario
    except KeyError as error:
        raise WhatIfError(str(error.args[0]) if error.args else "unknown parameter") from None
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


def what_if(
    scenario: Scenario,
    parameters: Mapping[str, float],
    red_lines: Mapping[str, bool],
    max_points: int = DEFAULT_MAX_POINTS,
    seed: int = 0,
) -> dict[str, Any]:
    """The re-analysed what-if (JSON-ready), with ``elapsed_ms`` of server time."""
    start = time.perf_counter()
    check_space_size(scenario, MAX_INTERACTIVE_OUTCOMES)
    changed = apply_overrides(scenario, parameters, red_lines)
    compiled = compile_scenario(changed)
    space = utility_space(compiled, max_points, seed, with_text=False)
    result = {
        "parameters": dict(parameters),
        "red_lines": dict(red_lines),
        "reservations": {
            p: float(compiled.reservations[compiled.party_index(p)]) for p in compiled.principals
        },
        "zopa": space.get("zopa"),
        "space": space,
        "analysis": engines.what_if_analysis(compiled),
    }
    result["elapsed_ms"] = (time.perf_counter() - start) * 1000
    return result
