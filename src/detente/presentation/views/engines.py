"""The engines' results as JSON-ready sections for the report and the web app.

Each function returns a section with ``available`` set, and ``reason`` when it is not: a failing
engine costs its section, not the whole page.
"""

from __future__ import annotations

from typing import Any

from detente.documents import jsonable
from detente.engines.analysis import analyze as analysis
from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.conflicts import why_no_deal
from detente.engines.analysis.counts import count_outcomes
from detente.engines.compile import Compiled
from detente.engines.forecast.negotiation import forecast_negotiation
from detente.engines.simulation import SimulationConfig
from detente.engines.simulation.runs import compare_runs
from detente.model.scenario import Scenario

__all__ = [
    "analysis_section",
    "forecast_section",
    "simulation_section",
    "unavailable",
    "what_if_analysis",
]


def unavailable(reason: str) -> dict[str, Any]:
    """A section that could not be computed, with the reason shown to the reader."""
    return {"available": False, "reason": reason}


def analysis_section(scenario: Scenario, samples: int, seed: int) -> dict[str, Any]:
    """The analysis engine's JSON document (``Analysis.to_json()``) with ``available``."""
    try:
        document: dict[str, Any] = analysis.analyze(scenario, samples, seed).to_json()
    except Exception as error:  # another engine's failure must not break the page
        return unavailable(f"the analysis failed: {error}")
    return {"available": True, **document}


def forecast_section(scenario: Scenario, samples: int, seed: int) -> dict[str, Any]:
    """The forecast's own document (``detente forecast --json``'s result) with ``available``."""
    try:
        document = forecast_negotiation(scenario, samples=samples, seed=seed).to_json()
    except Exception as error:
        return unavailable(f"the forecast failed: {error}")
    return {"available": True, **document}


def simulation_section(scenario: Scenario, runs: int, seed: int) -> dict[str, Any]:
    """The comparison of ``detente simulate --compare --json`` with ``available``.

    Every arm of :func:`detente.engines.simulation.compare.variants` is run for ``runs`` seeded
    runs in this process (run ``i`` depends only on ``(seed, i)``, so arms share samples).
    """
    if runs <= 0:
        return unavailable("no runs asked for")
    try:
        comparison = compare_runs(scenario, SimulationConfig(), seed, runs)
    except Exception as error:
        return unavailable(f"the simulation failed: {error}")
    return {"available": True, **comparison.to_json()}


def what_if_analysis(compiled: Compiled) -> dict[str, Any]:
    """ZOPA counts, why no deal and the bridges (no ZOPA) of a compiled what-if scenario."""
    try:
        found = count_outcomes(compiled)
        result = {
            "available": True,
            "counts": jsonable(found),
            "conflicts": jsonable(why_no_deal(compiled)),
            "bridges": None if found.has_zopa else jsonable(find_bridges(compiled)),
        }
    except Exception as error:
        return unavailable(f"the analysis failed: {error}")
    return result
