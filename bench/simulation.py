"""Benchmark: detente's negotiation simulation against NegMAS's SAOMechanism (run by hand).

Same process, same random linear-additive domain (4 issues x 10 options = 10^4 outcomes, the
same weights and option values for both libraries), time-based Boulware agents, 100 NegMAS
steps (each agent offers once per step, so detente gets a deadline of 100 x n_agents offers).
detente runs its negotiations in lock-step batches; the domain work (utilities, one sort per
party) is done once per batch because every run shares the same preferences. Prints
negotiations per second for each and the ratio, for two and for three agents; then the
runs/second of a hanoi-2019 sweep on 1 and 2 worker processes.

    .venv/bin/python bench/simulation.py [--negmas-sessions 10] [--runs 8192] [--hanoi-runs 20000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.sweep import SweepJob, run_sweep
from detente.model.scenario import Scenario

ISSUES, OPTIONS, STEPS = 4, 10, 100


def random_profiles(n_agents: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [
        (rng.dirichlet(np.ones(ISSUES)), rng.random((ISSUES, OPTIONS))) for _ in range(n_agents)
    ]


def detente_scenario(profiles: list[tuple[np.ndarray, np.ndarray]]) -> Scenario:
    issues = [
        {"id": f"i{k}", "options": [{"id": f"v{v}"} for v in range(OPTIONS)]} for k in range(ISSUES)
    ]
    parties = [
        {
            "id": f"a{j}",
            "name": f"agent {j}",
            "role": "principal",
            "preferences": {
                "weights": {f"i{k}": float(w[k]) for k in range(ISSUES)},
                "values": {
                    f"i{k}": {f"v{v}": float(values[k, v]) for v in range(OPTIONS)}
                    for k in range(ISSUES)
                },
                "reservation": 0.0,
            },
        }
        for j, (w, values) in enumerate(profiles)
    ]
    metadata = {"id": "bench", "title": "random linear-additive domain", "as_of": "2020-01-01"}
    return Scenario.model_validate({"metadata": metadata, "parties": parties, "issues": issues})


def bench_detente(profiles: list[tuple[np.ndarray, np.ndarray]], runs: int) -> tuple[float, Any]:
    domain = build_domain(compile_scenario(detente_scenario(profiles)))
    config = SimulationConfig(
        default=parse_strategy("boulware"), deadline=STEPS * len(profiles), events=(), sample=False
    )
    run_batch(domain, config, 0, np.arange(64))  # warm-up
    start = time.perf_counter()
    done, result = 0, None
    while done < runs:
        result = run_batch(domain, config, 0, np.arange(done, done + 1024))
        done += 1024
    return done / (time.perf_counter() - start), result


def bench_negmas(profiles: list[tuple[np.ndarray, np.ndarray]], sessions: int) -> tuple[float, Any]:
    from negmas import LinearAdditiveUtilityFunction, SAOMechanism, TableFun, make_issue
    from negmas.sao import BoulwareTBNegotiator

    issues = [make_issue(OPTIONS, name=f"i{k}") for k in range(ISSUES)]
    template = SAOMechanism(issues=issues, n_steps=STEPS)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[
                TableFun({v: float(values[k, v]) for v in range(OPTIONS)}) for k in range(ISSUES)
            ],
            weights=[float(x) for x in w],
            outcome_space=template.outcome_space,
            reserved_value=0.0,
        )
        for w, values in profiles
    ]
    start = time.perf_counter()
    state = None
    for _ in range(sessions):
        mechanism = SAOMechanism(issues=issues, n_steps=STEPS)
        for j, ufun in enumerate(ufuns):
            mechanism.add(BoulwareTBNegotiator(name=f"a{j}"), ufun=ufun)
        state = mechanism.run()
    return sessions / (time.perf_counter() - start), state


def bench_hanoi(runs: int) -> None:
    job = SweepJob(resolve_scenario("hanoi-2019"), 1, SimulationConfig())
    rates = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            run_sweep(job, runs, Path(folder) / "h.duckdb", executor="processes", workers=workers)
            rates[workers] = runs / (time.perf_counter() - start)
        print(f"hanoi-2019 sweep, {runs:,} runs, {workers} worker(s): {rates[workers]:,.0f} runs/s")
    print(f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--negmas-sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=8192)
    parser.add_argument("--hanoi-runs", type=int, default=20_000)
    args = parser.parse_args()
    for n_agents in (2, 3):
        profiles = random_profiles(n_agents)
        ours, result = bench_detente(profiles, args.runs)
        theirs, state = bench_negmas(profiles, args.negmas_sessions)
        agreed = float(result.agreement.mean()) if result is not None else float("nan")
        print(f"{n_agents} agents, {OPTIONS**ISSUES:,} outcomes, {STEPS} steps:")
        print(f"  detente: {ours:,.0f} negotiations/s (agreement rate {agreed:.2f})")
        print(f"  NegMAS SAOMechanism: {theirs:,.2f} negotiations/s (agreement {state.agreement})")
        print(f"  ratio: {ours / theirs:,.0f}x")
    bench_hanoi(args.hanoi_runs)


if __name__ == "__main__":
    main()
