"""Benchmark: detente's negotiation simulation against NegMAS's SAOMechanism (run by hand).

Same process, same random linear-additive domain (4 issues x 10 options = 10^4 outcomes, the
same weights and option values for both libraries), time-based Boulware agents, 100 NegMAS
steps (each agent offers once per step, so detente gets a deadline of 100 x n_agents offers).
detente runs its negotiations in lock-step batches: 1024 runs for identical runs, 256 (the
sweeps' default) for sampled ones (there batches of 1024 keep more in memory than in cache and
ran about 1.5x slower). Two detente figures:

* *identical*: every run has the same preferences, so detente computes the utilities and sorts
  them once per batch and broadcasts them (the lock-step runs are then the same negotiation);
* *sampled*: each run draws its own issue weights (each weight uniform in [0.5 w, 1.5 w], via
  the scenario's ``uncertainty``), so each run computes and sorts its own utilities, as NegMAS
  does in every session. This is the figure to compare.

NegMAS's cost does not depend on whether sessions share preferences (each new session sorts
every outcome again). In the *sampled* figure, ranking each run's utilities dominates (before
issue #11: a stable merge sort per run and party, about half of the time; now one SIMD value
sort of packed keys, exact, see ``engines/simulation/ranking.py``), then computing them (the
shared kernel, by outer sums over the whole space) and the rounds. Measured 2026-12-02 on this
2-core machine shared with other jobs, this script with ``--runs 8192 --negmas-sessions 30``
run on the engine before issue #11 and right after on the engine after it (load average 2-3):
sampled, 609 -> 1,161 negotiations/s with 2 agents (ratio 42x -> 122x) and 304 -> 850 with 3
agents (33x -> 108x). NegMAS's own rate varied by 1.5x between those runs; at a load average
of 4-5 the sampled ratio measured 87-105x (2 agents) and 98-149x (3 agents); with the final
state, at a load of about 2: 123x (2 agents, 2,643 negotiations/s) and 132x (3 agents).

Prints negotiations per second and the ratios, for two and for three agents; then the
runs/second of a hanoi-2019 sweep (default protocol, events on) on 1 and 2 worker processes
and, with ``--dask``, on a Dask LocalCluster of 2 single-threaded workers, with the load
average before each (others may share the machine).

    .venv/bin/python bench/simulation.py [--negmas-sessions 10] [--runs 8192] \
        [--hanoi-runs 100000] [--dask] [--skip-negmas] [--skip-hanoi]
"""

from __future__ import annotations

import argparse
import os
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
BATCH = 256


def random_profiles(n_agents: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [
        (rng.dirichlet(np.ones(ISSUES)), rng.random((ISSUES, OPTIONS))) for _ in range(n_agents)
    ]


def detente_scenario(profiles: list[tuple[np.ndarray, np.ndarray]], sampled: bool) -> Scenario:
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
    uncertainty = [
        {
            "parameter": f"preferences.a{j}.weights.i{k}",
            "distribution": {
                "kind": "uniform",
                "low": 0.5 * float(w[k]),
                "high": 1.5 * float(w[k]),
            },
        }
        for j, (w, _) in enumerate(profiles)
        for k in range(ISSUES)
    ]
    document = {"metadata": metadata, "parties": parties, "issues": issues}
    if sampled:
        document["uncertainty"] = uncertainty
    return Scenario.model_validate(document)


def bench_detente(
    profiles: list[tuple[np.ndarray, np.ndarray]], runs: int, sampled: bool
) -> tuple[float, Any]:
    domain = build_domain(compile_scenario(detente_scenario(profiles, sampled)))
    config = SimulationConfig(
        default=parse_strategy("boulware"),
        deadline=STEPS * len(profiles),
        events=(),
        sample=sampled,
    )
    run_batch(domain, config, 0, np.arange(64))  # warm-up
    start = time.perf_counter()
    done, result = 0, None
    batch = BATCH if sampled else 1024  # identical runs: per-batch costs dominate, batch more
    while done < runs:
        result = run_batch(domain, config, 0, np.arange(done, done + batch))
        done += batch
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


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def _time_sweep(job: SweepJob, runs: int, **kwargs: Any) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        run_sweep(job, runs, Path(folder) / "h.duckdb", **kwargs)
        return runs / (time.perf_counter() - start)


def bench_hanoi(runs: int, dask: bool) -> None:
    job = SweepJob(resolve_scenario("hanoi-2019"), 1, SimulationConfig())
    rates = {}
    for workers in (1, 2):
        print(f"  ({_load()})")
        rates[workers] = _time_sweep(job, runs, executor="processes", workers=workers)
        print(f"hanoi-2019 sweep, {runs:,} runs, {workers} worker(s): {rates[workers]:,.0f} runs/s")
    print(f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")
    if dask:
        bench_dask(job, runs)


def bench_dask(job: SweepJob, runs: int) -> None:
    """A LocalCluster of 2 single-threaded worker processes, without the nanny's default
    ``MALLOC_TRIM_THRESHOLD_=65536``: that setting disables glibc's dynamic mmap threshold, so
    every large NumPy temporary is mapped and unmapped again, and batches ran ~4x slower."""
    import dask
    from distributed import Client, LocalCluster

    untrimmed = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    with (
        dask.config.set(untrimmed),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        print(f"  ({_load()})")
        rate = _time_sweep(job, runs, executor="dask", scheduler=client)
    print(f"hanoi-2019 sweep, {runs:,} runs, Dask LocalCluster (2 workers): {rate:,.0f} runs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--negmas-sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=8192)
    parser.add_argument("--hanoi-runs", type=int, default=100_000)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--skip-negmas", action="store_true")
    parser.add_argument("--skip-hanoi", action="store_true")
    parser.add_argument("--dask-only", action="store_true")
    args = parser.parse_args()
    if args.dask_only:
        bench_dask(SweepJob(resolve_scenario("hanoi-2019"), 1, SimulationConfig()), args.hanoi_runs)
        return
    for n_agents in () if args.skip_negmas else (2, 3):
        profiles = random_profiles(n_agents)
        print(f"{n_agents} agents, {OPTIONS**ISSUES:,} outcomes, {STEPS} steps ({_load()}):")
        theirs, state = bench_negmas(profiles, args.negmas_sessions)
        print(f"  NegMAS SAOMechanism: {theirs:,.2f} negotiations/s (agreement {state.agreement})")
        for sampled in (False, True):
            ours, result = bench_detente(profiles, args.runs, sampled)
            agreed = float(result.agreement.mean()) if result is not None else float("nan")
            label = "sampled per run" if sampled else "identical runs"
            print(f"  detente, {label}: {ours:,.0f} negotiations/s (agreement rate {agreed:.2f})")
            print(f"    ratio: {ours / theirs:,.0f}x")
    if not args.skip_hanoi:
        bench_hanoi(args.hanoi_runs, args.dask)


if __name__ == "__main__":
    main()
