"""The engines' results as JSON-ready sections for the report and the web app.

Each function returns a section with ``available`` set, and ``reason`` when it is not: a failing
engine costs its section, not the whole page.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from detente.engines.analysis import analyze as analysis
from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.conflicts import why_no_deal
from detente.engines.analysis.counts import count_outcomes
from detente.engines.analysis.solutions import bargaining_solutions as solve
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.forecast.scenario import forecast_scenario
from detente.engines.limits import MAX_VIEW_SIMULATED_PRINCIPALS
from detente.engines.simulation import compare, protocols
from detente.engines.simulation.domain import build_domain
from detente.engines.statistics import wilson_interval
from detente.model.scenario import Scenario

__all__ = [
    "analysis_section",
    "bargaining_solutions",
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


def bargaining_solutions(compiled: Compiled) -> dict[str, Any]:
    """Name -> ``{index, outcome, utilities, objective}`` over the ZOPA (empty without it)."""
    found = solve(compiled)
    return {
        name: {
            "index": int(s.index),
            "outcome": dict(s.outcome),
            "utilities": {k: float(v) for k, v in s.utilities.items()},
            "objective": float(s.objective),
        }
        for name, s in found.items()
    }


def forecast_section(scenario: Scenario, samples: int, seed: int) -> dict[str, Any]:
    """Per issue: the expected-utility model's trajectory, forecast and baselines."""
    try:
        result = forecast_scenario(scenario, samples=samples, seed=seed)
        issues = [_forecast_issue(item) for item in result.issues]
    except Exception as error:
        return unavailable(f"the forecast failed: {error}")
    return {"available": True, "issues": issues, "distribution": result.distribution}


def _forecast_issue(item: Any) -> dict[str, Any]:
    run = item.run
    base = item.baselines
    return {
        "issue": item.issue,
        "label": item.label,
        "options": list(item.options),
        "option_labels": list(item.option_labels),
        "actors": list(run.names),
        "positions": np.asarray(run.positions, dtype=float).tolist(),
        "median": np.asarray(run.median, dtype=float).tolist(),
        "forecast": float(run.forecast),
        "forecast_option": item.forecast_option,
        "stop": str(run.stop_reason),
        "baselines": {
            name: {"value": float(value), "option": item.option_of(float(value))}
            for name, value in (
                ("weighted mean", base.weighted_mean),
                ("weighted median", base.weighted_median),
                ("Nash (capability-salience)", base.nash),
            )
        },
    }


def simulation_section(scenario: Scenario, runs: int, seed: int) -> dict[str, Any]:
    """Agreement rate (Wilson 95% interval) per signal / mediation arm and outcome shares.

    Every arm of :func:`detente.engines.simulation.compare.variants` is run for ``runs`` seeded
    runs in this process (run ``i`` depends only on ``(seed, i)``, so arms share samples).
    """
    if runs <= 0:
        return unavailable("no runs asked for")
    principals = sum(party.role == "principal" for party in scenario.parties)
    if principals > MAX_VIEW_SIMULATED_PRINCIPALS:
        return unavailable(
            f"the scenario has {principals} principals; the report simulates at most "
            f"{MAX_VIEW_SIMULATED_PRINCIPALS} (use detente simulate)"
        )
    try:
        arms = [
            _simulate_arm(v, runs, seed)
            for v in compare.variants(scenario, protocols.SimulationConfig())
        ]
    except Exception as error:
        return unavailable(f"the simulation failed: {error}")
    return {"available": True, "runs": runs, "seed": seed, "arms": arms}


def _simulate_arm(variant: compare.Variant, runs: int, seed: int) -> dict[str, Any]:
    compiled = compile_scenario(variant.scenario)
    domain = build_domain(compiled)
    result = protocols.run_batch(domain, variant.config, seed, np.arange(runs, dtype=np.int64))
    agreements = int(np.asarray(result.agreement).sum())
    outcomes = np.asarray(result.outcome)
    counts = Counter(int(k) for k in outcomes[outcomes >= 0])
    space = compiled.space
    top = [
        {"outcome": space.labels(space.decode(np.array([k]))[0]), "count": c, "share": c / runs}
        for k, c in counts.most_common(8)
    ]
    ends = Counter(protocols.END_CODES[int(e)] for e in np.asarray(result.end))
    low, high = wilson_interval(agreements, runs)
    return {
        "label": variant.label,
        "agreement_rate": agreements / runs,
        "interval": [low, high],
        "top_outcomes": top,
        "ends": dict(ends),
    }


def what_if_analysis(compiled: Compiled) -> dict[str, Any]:
    """ZOPA counts, why no deal and the bridges (no ZOPA) of a compiled what-if scenario."""
    try:
        found = count_outcomes(compiled)
        result = {
            "available": True,
            "counts": analysis.jsonable(found),
            "conflicts": analysis.jsonable(why_no_deal(compiled)),
            "bridges": None if found.has_zopa else analysis.jsonable(find_bridges(compiled)),
        }
    except Exception as error:
        return unavailable(f"the analysis failed: {error}")
    return result
