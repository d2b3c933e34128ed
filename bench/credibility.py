"""Joint Monte Carlo over the judgment numbers and which red lines hold: cost and ratio.

Three ways to get the per-sample ZOPA sizes and Nash deals on ``hanoi-2019``:

- *walls*: the batched sensitivity with every red line a wall (the cost before credibility;
  not the same answers: with every line holding, the red lines leave few candidates and the
  ZOPA is mostly empty, so this is a floor, not a peer);
- *credibility*: the batched sensitivity where each sample also draws which red lines hold
  (:func:`detente.engines.analysis.credibility.evaluate_with_holds`, samples grouped by the
  set of lines that hold);
- *recompile*: the straightforward reference — per sample, set the numbers, drop the lines
  that bend, compile and scan (what a user would write without the batched engine).

It checks that *credibility* equals *recompile* sample by sample and prints the times and
ratios measured in the same run.

    .venv/bin/python bench/credibility.py [--samples N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from detente import resolve_scenario
from detente.engines.analysis.batched import evaluate_settings
from detente.engines.analysis.events import zopa_and_nash
from detente.engines.analysis.holds import evaluate_with_holds, sample_holds
from detente.engines.compile import compile_scenario
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import with_parameters
from detente.model.scenario import Scenario


def _drop(scenario: Scenario, bent: set[tuple[str, str]]) -> Scenario:
    data = scenario.model_dump(mode="python")
    for party in data["parties"]:
        prefs = party.get("preferences")
        if prefs:
            prefs["red_lines"] = [
                r for r in prefs["red_lines"] if (party["id"], r["id"]) not in bent
            ]
    return Scenario.model_validate(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=400)
    n = parser.parse_args().samples
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    drawn = sample_parameters(scenario, n, seed=1)
    holds = sample_holds(compiled, drawn.paths, drawn.values, 1)
    start = time.perf_counter()
    evaluate_settings(compiled, drawn.paths, drawn.values)
    walls = time.perf_counter() - start
    start = time.perf_counter()
    joint = evaluate_with_holds(compiled, drawn.paths, drawn.values, holds)
    cred = time.perf_counter() - start
    lines = [(c.party or "", c.id) for c in compiled.red_lines]
    start = time.perf_counter()
    sizes, deals = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    for i in range(n):
        bent = {k for k, h in zip(lines, holds[i], strict=True) if not h}
        again = compile_scenario(_drop(with_parameters(scenario, drawn.row(i)), bent))
        size, deal = zopa_and_nash(again)
        sizes[i], deals[i] = size, deal.index if deal else -1
    naive = time.perf_counter() - start
    assert (sizes == joint.zopa).all() and (deals == joint.nash).all()
    groups = len({tuple(row) for row in holds.tolist()})
    print(f"{n} samples, {groups} sets of red lines that hold, {compiled.space.size} outcomes")
    print(f"walls (batched, before credibility): {walls * 1000:8.1f} ms")
    print(
        f"credibility (batched, grouped):      {cred * 1000:8.1f} ms  ({cred / walls:.2f}x walls)"
    )
    print(
        f"recompile per sample (reference):    {naive * 1000:8.1f} ms  ({naive / cred:.1f}x slower)"
    )


if __name__ == "__main__":
    main()
