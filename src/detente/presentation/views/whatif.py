"""What-if: the scenario with changed weights, reservation values or red lines, re-analysed.

The overrides are applied by the engine (:func:`detente.engines.overrides.apply_overrides`:
parameters set by path, red lines ``"PARTY:RED_LINE_ID" -> bool`` kept or dropped). The
changed scenario is compiled again and the parts of the analysis a what-if shows are recomputed:
the ZOPA size, the bargaining solutions, why there is no deal and the bridges, and the utility
space (without its hover text, which a what-if cannot change: see
:func:`detente.presentation.views.space.utility_space`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from detente.engines.compile import compile_scenario
from detente.engines.overrides import OverrideError, apply_overrides, red_line_keys
from detente.engines.space import check_space_size
from detente.model.scenario import Scenario
from detente.presentation.views import engines
from detente.presentation.views.document import MAX_INTERACTIVE_OUTCOMES
from detente.presentation.views.space import DEFAULT_MAX_POINTS, utility_space

__all__ = ["WhatIfError", "apply_overrides", "red_line_keys", "what_if"]


#: The what-if's error is the engine's: an override naming nothing in the scenario.
WhatIfError = OverrideError


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
