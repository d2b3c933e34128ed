"""Time and peak memory of the analysis stages on a random linear-additive scenario.

Run by hand: ``.venv/bin/python bench/analyze_scale.py --outcomes 10000000 --parties 5``.
Prints the wall time of each stage of ``analyze`` run separately (one pass over the outcome
space each), then of ``analyze`` itself (which runs them in one fused pass), and the peak
resident memory (``ru_maxrss``). ``--no-frontier`` skips the Pareto frontier stage.
"""

from __future__ import annotations

import argparse
import math
import resource
import time
from collections.abc import Callable

import numpy as np

from detente.engines.analysis.analyze import analyze
from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.conflicts import why_no_deal
from detente.engines.analysis.counts import count_outcomes
from detente.engines.analysis.events import analyze_events
from detente.engines.analysis.pareto import pareto_frontier
from detente.engines.analysis.postures import posture_values
from detente.engines.analysis.sensitivity import sensitivity
from detente.engines.compile import compile_scenario
from detente.model.scenario import Scenario


def random_scenario(outcomes: int, parties: int, seed: int) -> Scenario:
    """Issues with 10 options each (the last issue sized to reach ``outcomes``)."""
    rng = np.random.default_rng(seed)
    n_issues = max(1, round(math.log10(outcomes)))
    issues = [
        {"id": f"i{k}", "options": [{"id": f"o{j}"} for j in range(10)]} for k in range(n_issues)
    ]
    people = []
    for p in range(parties):
        values = {
            f"i{k}": {f"o{j}": float(v) for j, v in enumerate(rng.random(10))}
            for k in range(n_issues)
        }
        weights = {f"i{k}": float(w) for k, w in enumerate(rng.random(n_issues) + 0.1)}
        prefs = {"weights": weights, "values": values, "reservation": 0.55}
        people.append({"id": f"p{p}", "name": f"P{p}", "role": "principal", "preferences": prefs})
    data = {
        "metadata": {"id": "bench", "title": "bench", "as_of": "2020-01-01"},
        "parties": people,
        "issues": issues,
    }
    return Scenario.model_validate(data)


def _stages(scenario: Scenario, samples: int, frontier: bool) -> None:
    compiled = compile_scenario(scenario)
    stages: list[tuple[str, Callable[[], object]]] = [
        ("counts", lambda: count_outcomes(compiled)),
        ("why no deal", lambda: why_no_deal(compiled)),
        ("bridges", lambda: find_bridges(compiled)),
        ("postures", lambda: posture_values(compiled)),
        ("events", lambda: analyze_events(scenario)),
    ]
    if samples:
        stages.append(("sensitivity", lambda: sensitivity(compiled, samples, 0)))
    if frontier:
        stages.append(("pareto frontier", lambda: pareto_frontier(compiled)))
    stages.append(("analyze (fused)", lambda: analyze(scenario, samples)))
    for name, run in stages:
        start = time.perf_counter()
        run()
        print(f"{name:>16}: {time.perf_counter() - start:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outcomes", type=int, default=10**6)
    parser.add_argument("--parties", type=int, default=5)
    parser.add_argument("--samples", type=int, default=0)
    parser.add_argument("--no-frontier", action="store_true", help="skip the Pareto frontier")
    args = parser.parse_args()
    scenario = random_scenario(args.outcomes, args.parties, 0)
    print(f"{scenario_size(scenario)} outcomes, {args.parties} parties")
    start = time.perf_counter()
    _stages(scenario, args.samples, not args.no_frontier)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total: {elapsed:.2f} s, peak RSS {peak:.0f} MiB")


def scenario_size(scenario: Scenario) -> int:
    return math.prod(len(i.option_ids) for i in scenario.issues)


if __name__ == "__main__":
    main()
