"""Benchmark of the phased-deal search (run by hand: ``.venv/bin/python bench/phase_bench.py``).

There is no peer library for phased deals; the baseline is the obvious alternative, brute
force over every monotone path (evaluated with the same vectorised path evaluation), on a
final outcome of hanoi-2019 whose lattice brute force can still enumerate, and the DP alone on
the largest hanoi-2019 lattice. Prints times and the ratio brute force / DP.
"""

from __future__ import annotations

import time

import numpy as np

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing import analyse_phasing, resolve_final
from detente.engines.phasing.lattice import build_lattice
from detente.engines.phasing.paths import path_numbers
from detente.engines.phasing.search import best_path
from detente.engines.phasing.values import discount_vector, phase_context, trust_vector

MEDIUM = "sanctions=five_resolutions,yongbyon=frozen,talks=summit,exercises=suspended"
LARGEST = (
    "sanctions=all,yongbyon=complex_dismantled,denuclearization=complete,testing=codified,"
    "exercises=suspended,launch_site=dismantled,talks=summit"
)


def brute_force(ctx, lattice, trust, discount, max_steps):  # type: ignore[no-untyped-def]
    """Best min margin over every monotone path of at most ``max_steps`` steps."""
    ahead = [lattice.target[lattice.source == x] for x in range(lattice.size)]
    best, count = -np.inf, 0
    paths = [[0]]
    for _ in range(max_steps):
        grown = []
        for path in paths:
            for y in ahead[path[-1]]:
                grown.append([*path, int(y)])
        done = [p for p in grown if p[-1] == lattice.size - 1]
        for path in done:
            count += 1
            numbers = path_numbers(ctx, lattice.ranks[path], trust, discount)
            best = max(best, numbers.min_margin)
        paths = [p for p in grown if p[-1] != lattice.size - 1]
    return best, count


def main() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    ctx = phase_context(compiled)
    t, d = trust_vector(ctx), discount_vector(ctx)
    final = resolve_final(compiled, MEDIUM)
    lattice = build_lattice(ctx, final.ranks)
    for steps in (2, 3):
        clock = time.perf_counter()
        found = best_path(lattice, t, d, list(range(1, steps + 1)))
        dp = time.perf_counter() - clock
        clock = time.perf_counter()
        brute, count = brute_force(ctx, lattice, t, d, steps)
        slow = time.perf_counter() - clock
        assert found is not None and abs(found[1] - brute) < 1e-6
        print(
            f"medium lattice ({lattice.size} states), <= {steps} steps: DP {dp:.3f} s, "
            f"brute force {slow:.3f} s over {count} paths, ratio {slow / dp:.1f}x"
        )
    for spec in (LARGEST,):
        clock = time.perf_counter()
        result = analyse_phasing(compiled, resolve_final(compiled, spec))
        print(
            f"largest hanoi lattice ({result.states} states, {result.moves} moves), full "
            f"analysis (<= 5 steps, thresholds): {time.perf_counter() - clock:.2f} s"
        )


if __name__ == "__main__":
    main()
