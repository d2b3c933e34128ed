"""Benchmark: the vectorised BDM engine against a per-pair Python loop (run by hand).

    .venv/bin/python bench/forecast.py [--actors 500] [--rounds 100] [--loop-rounds 2]

Both implement the same model (checked equal by tests/forecast/test_forecast_properties.py).
The engine is timed on all rounds; the loop (bench/bdm_loop.py: a Python loop over ordered
pairs, third-party sums in NumPy) on ``--loop-rounds`` rounds from the same start, and its
time per round is scaled to the full number of rounds. Rounds are forced (no stop rule) so
both do the same work. Wall and CPU seconds are printed (CPU is the fairer figure on a shared
machine). Options: the defaults with ``risk_basis=across`` (the loop's own-basis
risk would take hours at 500 actors); the engine is also timed with the default own basis.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bdm_loop import loop_round
from detente.engines.forecast.options import BdmOptions, parse_options
from detente.engines.forecast.rounds import bdm_round


def _engine(x, c, s, options: BdmOptions, rounds: int) -> tuple[float, np.ndarray]:  # type: ignore[no-untyped-def]
    R = float(np.ptp(x))
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        x = bdm_round(x, c, s, R, options).positions
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start, x


CPU: list[float] = []  # CPU seconds of each engine timing (the machine may be shared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--loop-rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.actors
    x = rng.integers(0, 101, n).astype(float)
    c, s = rng.uniform(0.01, 1.0, n), rng.uniform(0.05, 1.0, n)
    across = parse_options(["risk_basis=across"])

    engine_time, _ = _engine(x, c, s, across, args.rounds)
    own_time, _ = _engine(x, c, s, BdmOptions(), args.rounds)
    _, engine_x = _engine(x, c, s, across, args.loop_rounds)

    R = float(np.ptp(x))
    loop_x = x.copy()
    start = time.perf_counter()
    for _ in range(args.loop_rounds):
        loop_x = loop_round(loop_x, c, s, R, across)[0]
    loop_time = time.perf_counter() - start
    loop_scaled = loop_time / args.loop_rounds * args.rounds

    print(f"{n} actors x {args.rounds} rounds (positions 0..100, seed {args.seed})")
    print(f"vectorised engine, risk_basis=across: {engine_time:.2f} s (CPU {CPU[0]:.2f} s)")
    print(f"vectorised engine, default (own basis): {own_time:.2f} s (CPU {CPU[1]:.2f} s)")
    print(
        f"per-pair loop, risk_basis=across: {loop_time:.1f} s for {args.loop_rounds} rounds"
        f" -> {loop_scaled:.0f} s scaled to {args.rounds} rounds"
    )
    print(f"ratio (loop / vectorised, same options): {loop_scaled / engine_time:.0f}x")
    same = np.allclose(engine_x, loop_x, atol=1e-9)
    print(f"same positions after {args.loop_rounds} rounds: {same}")


if __name__ == "__main__":
    main()
