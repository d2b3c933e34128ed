"""Time and peak memory of a full ``analyze`` on a random linear-additive scenario.

Run by hand: ``.venv/bin/python bench/analyze_scale.py --outcomes 1000000 --parties 5``.
Prints the wall time of each stage and the peak resident memory (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import math
import resource
import time

import numpy as np

from detente.engines.analysis.analyze import analyze
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outcomes", type=int, default=10**6)
    parser.add_argument("--parties", type=int, default=5)
    parser.add_argument("--samples", type=int, default=0)
    args = parser.parse_args()
    scenario = random_scenario(args.outcomes, args.parties, 0)
    start = time.perf_counter()
    result = analyze(scenario, samples=args.samples)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"outcomes {result.counts.outcomes}, zopa {result.counts.zopa}, "
        f"frontier {result.frontier_size}"
    )
    print(f"analyze: {elapsed:.2f} s, peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
