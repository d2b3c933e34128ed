"""The whole picture of one scenario as one JSON-ready document (report and web app).

``build_document`` gathers the case (:mod:`.case`), the utility space (:mod:`.space`) and the
engines' sections (:mod:`.engines`): analysis (ZOPA, why no deal, bridges, definitional gaps,
postures, events, sensitivity), forecast and simulation. Outcome spaces larger than a limit are
refused before anything is enumerated (:func:`check_space_size`).
"""

from __future__ import annotations

from typing import Any

from detente.engines.compile import compile_scenario
from detente.engines.space import SpaceTooLargeError, check_space_size, space_size
from detente.model.scenario import Scenario
from detente.presentation.views import engines
from detente.presentation.views.case import case_summary, issues_view, parties_view, timeline
from detente.presentation.views.space import DEFAULT_MAX_POINTS, utility_space

__all__ = [
    "MAX_INTERACTIVE_OUTCOMES",
    "MAX_REPORT_OUTCOMES",
    "SCHEMA",
    "SpaceTooLargeError",
    "build_document",
    "check_space_size",
    "space_size",
]

SCHEMA = "detente.report/2"
#: The largest outcome space enumerated for an interactive (web) request.
MAX_INTERACTIVE_OUTCOMES = 2_000_000
#: The largest outcome space the report command enumerates (in bounded-memory chunks).
MAX_REPORT_OUTCOMES = 50_000_000


def build_document(
    scenario: Scenario,
    samples: int = 0,
    seed: int = 0,
    runs: int = 100,
    max_points: int = DEFAULT_MAX_POINTS,
    limit: int = MAX_INTERACTIVE_OUTCOMES,
) -> dict[str, Any]:
    """Everything the report and the web page show about ``scenario``.

    ``samples`` parameter samples feed the sensitivity and the forecast distribution, ``runs``
    the simulation arms; ``seed`` fixes all of them. Raises :class:`SpaceTooLargeError` when
    the outcome space exceeds ``limit``.
    """
    check_space_size(scenario, limit)
    compiled = compile_scenario(scenario)
    return {
        "schema": SCHEMA,
        "settings": {"samples": samples, "seed": seed, "runs": runs, "max_points": max_points},
        "case": case_summary(scenario),
        "parties": parties_view(scenario),
        "issues": issues_view(scenario),
        "timeline": timeline(scenario),
        "space": utility_space(compiled, max_points, seed),
        "analysis": engines.analysis_section(scenario, samples, seed),
        # The forecast's own sample distribution is not drawn; one run per issue is enough.
        "forecast": engines.forecast_section(scenario, 0, seed),
        "simulation": engines.simulation_section(scenario, runs, seed),
    }
