"""Benchmark: ``detente simulate SCENARIO --compare --runs 2000`` on a 40,000-outcome scenario.

Generates (seeded) a scenario of the size a new user might try: 8 issues (5, 5, 5, 5, 4, 4, 2,
2 options = 40,000 outcomes), 2 principals with red lines and 3 stakeholders with preferences,
dated events with effects (signals, a concession, a threat) and a mediation, and uncertainty
ranges on weights and no-deal values, so that every run draws its own preferences. Then runs
the command as a user would (a subprocess, default workers, the default ``linear`` strategy)
and prints the wall time against the issue's bound (30 s), and the time of each part measured
in this process on the same scenario (the variants, then one arm: its domain, its runs).

    .venv/bin/python bench/big_compare.py [--runs 2000] [--keep FILE.yaml] [--parts]

What dominates (measured 2026-12-02 on this 2-core machine, shared with other jobs, so the load
average is given). Before issue #11 (the engine of main, this script): 244 s at a load of 2 to
4; issue #11 reports 148 s (quiet) and 789 s (loaded) for a case of this size. Each arm was a
sweep of its own, and per run the cost was ranking each principal's 40,000 sampled utilities (a
stable merge sort per run and party), then computing and copying them per party, silently
between arms. Now: 13.6 s and 16.3 s at a load of about 2, 29.9 s at a load of about 4 (and over
200 s at a load of about 7, with an earlier state of this change): under the 30 s bound on a
lightly loaded machine, not on a busy one. The ten arms run together batch by batch
(``run_sweeps``) under one progress bar; they share each run's utilities and full ranking (arms
differ in red lines, events or protocol, not in the runs' sampled numbers), so a batch sorts
once per principal instead of ten times, with an exact packed value sort, and an arm's red lines
are applied by scanning from the searched position, not by copying the ranking. In one process,
one batch of 256 runs for all ten arms now takes about 4.8 s at a load of 4: the mediator of the
three mediated arms (``mediators.py``: its Nash score over all 40,000 outcomes per run and
round, 1.2 s, and its belief updates, 1.3 s plus their gathers) is more than half; the two
sorts, the utilities (outer sums) and the rounds share the rest. Next step: a cheaper mediator
(score only the outcomes its beliefs can rank first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

OPTIONS = (5, 5, 5, 5, 4, 4, 2, 2)
BOUND_SECONDS = 30.0


def _party(pid: str, role: str, rng: np.random.Generator, red_lines: list[Any]) -> dict[str, Any]:
    weights = rng.dirichlet(np.ones(len(OPTIONS)))
    values = {
        f"i{i}": {f"o{r}": round(float(v), 3) for r, v in enumerate(rng.random(n))}
        for i, n in enumerate(OPTIONS)
    }
    return {
        "id": pid,
        "name": pid.upper(),
        "role": role,
        "capability": round(float(rng.uniform(0.3, 1.0)), 3),
        "preferences": {
            "weights": {f"i{i}": round(float(w), 4) for i, w in enumerate(weights)},
            "values": values,
            "red_lines": red_lines,
            "reservation": round(float(rng.uniform(0.3, 0.45)), 3),
        },
    }


def big_scenario(seed: int = 11) -> dict[str, Any]:
    """The scenario document (plain data, valid)."""
    rng = np.random.default_rng(seed)
    issues = [
        {"id": f"i{i}", "options": [{"id": f"o{r}"} for r in range(n)]}
        for i, n in enumerate(OPTIONS)
    ]
    parties = [
        _party("alpha", "principal", rng, [{"id": "core", "condition": "i0 >= o1 or i1 >= o2"}]),
        _party("beta", "principal", rng, [{"id": "floor", "condition": "i2 <= o3"}]),
        *(_party(f"s{k}", "stakeholder", rng, []) for k in range(3)),
    ]
    events = [
        {"id": "leak", "date": "2024-01-10", "actor": "alpha", "kind": "signal",
         "description": "A leak suggests flexibility.",
         "effects": [{"parameter": "preferences.alpha.reservation", "delta": -0.05}]},
        {"id": "gesture", "date": "2024-01-20", "actor": "beta", "kind": "concession",
         "description": "A goodwill gesture.",
         "effects": [{"parameter": "preferences.beta.reservation", "delta": -0.04}]},
        {"id": "warning", "date": "2024-02-01", "actor": "alpha", "kind": "threat",
         "description": "A public warning.",
         "effects": [{"parameter": "preferences.beta.weights.i3", "delta": 0.1}]},
        {"id": "envoy", "date": "2024-02-10", "actor": "s0", "kind": "mediation",
         "description": "An envoy offers good offices.",
         "effects": [{"parameter": "process.breakdown_hazard", "delta": -0.01}]},
    ]  # fmt: skip
    uncertainty = [
        {"parameter": f"preferences.{p}.reservation",
         "distribution": {"kind": "uniform", "low": 0.25, "high": 0.5}}
        for p in ("alpha", "beta")
    ] + [
        {"parameter": f"preferences.{p}.weights.i{i}",
         "distribution": {"kind": "uniform", "low": 0.05, "high": 0.3}}
        for p in ("alpha", "beta") for i in range(4)
    ]  # fmt: skip
    return {
        "metadata": {"id": "big-compare", "title": "A 40,000-outcome case", "as_of": "2024-01-01"},
        "parties": parties,
        "issues": issues,
        "events": events,
        "uncertainty": uncertainty,
        "process": {"breakdown_hazard": 0.03},
    }


def _parts(path: Path, runs: int) -> None:
    """Time the parts in this process: the variants, then the first arm's domain and runs."""
    from detente import resolve_scenario
    from detente.engines.compile import compile_scenario
    from detente.engines.simulation import SimulationConfig, build_domain, run_batch
    from detente.engines.simulation.compare import variants

    scenario = resolve_scenario(str(path))
    start = time.perf_counter()
    arms = variants(scenario, SimulationConfig())
    print(f"  variants ({len(arms)} arms, bridges included): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    domain = build_domain(compile_scenario(arms[0].scenario))
    print(
        f"  one arm's domain ({domain.n:,} feasible outcomes): {time.perf_counter() - start:.2f} s"
    )
    start = time.perf_counter()
    for lo in range(0, runs, 256):
        run_batch(domain, arms[0].config, 0, np.arange(lo, min(lo + 256, runs)))
    seconds = time.perf_counter() - start
    print(f"  one arm's {runs:,} runs, one process: {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--keep", type=Path, default=None, help="Write the scenario here too.")
    parser.add_argument("--parts", action="store_true", help="Also time the parts.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "big.yaml"
        path.write_text(yaml.safe_dump(big_scenario(), sort_keys=False), encoding="utf-8")
        one, five, _ = os.getloadavg()
        print(
            f"40,000 outcomes, 8 issues, 2 principals, 3 stakeholders (load {one:.2f}, {five:.2f})"
        )
        command = [str(Path(sys.executable).parent / "detente"), "simulate", str(path), "--compare",
                   "--runs", str(args.runs), "--db", str(Path(folder) / "big.duckdb")]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            raise SystemExit(f"simulate failed with exit code {done.returncode}")
        print(done.stdout)
        print(
            f"simulate --compare --runs {args.runs}: {seconds:.1f} s "
            f"(bound {BOUND_SECONDS:.0f} s: {BOUND_SECONDS / seconds:.2f}x under it)"
        )
        if args.parts:
            _parts(path, args.runs)


if __name__ == "__main__":
    main()
