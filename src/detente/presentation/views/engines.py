"""Optional engines, reached by name so that a missing or failing engine costs one section.

The analysis, forecast and simulation engines are separate packages of detente; the report and
the web app draw on whichever are present. Each function returns a JSON-ready section with
``available`` set, and ``reason`` when it is not: presentation never fails because an engine is
absent or raises.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import Any

import numpy as np

from detente.engines.compile import Compiled, compile_scenario
from detente.model.scenario import Scenario

__all__ = [
    "analysis_section",
    "bargaining_solutions",
    "engine",
    "forecast_section",
    "simulation_section",
    "unavailable",
    "what_if_analysis",
]


def unavailable(reason: str) -> dict[str, Any]:
    """A section that could not be computed, with the reason shown to the reader."""
    return {"available": False, "reason": reason}


def engine(module: str) -> Any | None:
    """The engine module ``detente.engines.<module>``, or None when it is not installed."""
    try:
        return importlib.import_module(f"detente.engines.{module}")
    except ImportError:
        return None


def analysis_section(scenario: Scenario, samples: int, seed: int) -> dict[str, Any]:
    """The analysis engine's JSON document (``Analysis.to_json()``) with ``available``."""
    module = engine("analysis.analyze")
    if module is None:
        return unavailable(
            "the analysis engine (detente.engines.analysis.analyze) is not installed"
        )
    try:
        document: dict[str, Any] = module.analyze(scenario, samples=samples, seed=seed).to_json()
    except Exception as error:  # another engine's failure must not break the page
        return unavailable(f"the analysis failed: {error}")
    return {"available": True, **document}


def bargaining_solutions(compiled: Compiled) -> dict[str, Any] | None:
    """Name -> ``{index, outcome, utilities, objective}`` over the ZOPA, or None without it."""
    module = engine("analysis.solutions")
    if module is None:
        return None
    found = module.bargaining_solutions(compiled)
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
    module = engine("forecast.scenario")
    if module is None:
        return unavailable("the forecast engine (detente.engines.forecast) is not installed")
    try:
        result = module.forecast_scenario(scenario, samples=samples, seed=seed)
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
    compare = engine("simulation.compare")
    protocols = engine("simulation.protocols")
    domain_module = engine("simulation.domain")
    summary = engine("simulation.summary")
    if None in (compare, protocols, domain_module, summary) or runs <= 0:
        reason = "no runs asked for" if runs <= 0 else "the simulation engine is not installed"
        return unavailable(reason)
    assert compare and protocols and domain_module and summary
    try:
        arms = [
            _simulate_arm(v, runs, seed, protocols, domain_module, summary)
            for v in compare.variants(scenario, protocols.SimulationConfig())
        ]
    except Exception as error:
        return unavailable(f"the simulation failed: {error}")
    return {"available": True, "runs": runs, "seed": seed, "arms": arms}


def _simulate_arm(
    variant: Any, runs: int, seed: int, protocols: Any, domain_module: Any, summary: Any
) -> dict[str, Any]:
    compiled = compile_scenario(variant.scenario)
    domain = domain_module.build_domain(compiled)
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
    low, high = summary.wilson_interval(agreements, runs)
    return {
        "label": variant.label,
        "agreement_rate": agreements / runs,
        "interval": [low, high],
        "top_outcomes": top,
        "ends": dict(ends),
    }


def what_if_analysis(compiled: Compiled) -> dict[str, Any]:
    """ZOPA counts, why no deal and the bridges (no ZOPA) of a compiled what-if scenario."""
    counts = engine("analysis.counts")
    conflicts = engine("analysis.conflicts")
    bridges = engine("analysis.bridges")
    analyze = engine("analysis.analyze")
    if None in (counts, conflicts, bridges, analyze):
        return unavailable("the analysis engine (detente.engines.analysis) is not installed")
    assert counts and conflicts and bridges and analyze
    try:
        found = counts.count_outcomes(compiled)
        result = {
            "available": True,
            "counts": analyze.jsonable(found),
            "conflicts": analyze.jsonable(conflicts.why_no_deal(compiled)),
            "bridges": None if found.has_zopa else analyze.jsonable(bridges.find_bridges(compiled)),
        }
    except Exception as error:
        return unavailable(f"the analysis failed: {error}")
    return result
