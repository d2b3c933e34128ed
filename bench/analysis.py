"""Benchmark: bargaining-space analysis, detente vs NegMAS 0.16, same process, same domains.

Run by hand (not a test), on a quiet machine: ``python bench/analysis.py`` (``--skip-large``,
``--only-large``).

(a) Pareto frontier, from utility definitions to frontier, 10^6 outcomes (6 issues x 10
    options), 2 and 3 parties. NegMAS: build issues and ``LinearAdditiveUtilityFunction``s,
    ``pareto_frontier``. detente: build and compile the scenario, ``pareto_frontier``.
(b) Nash point, same domains and accounting: NegMAS adds ``nash_points``; detente runs
    ``bargaining_solutions`` (all four solutions).
(c) 10^7 outcomes (7 issues x 10 options), 5 parties: the full ``analyze`` (compile, counts,
    frontier, solutions, why no deal, postures, definitions, events; bridges when no ZOPA) from
    the scenario, its time and the process's peak resident memory (``ru_maxrss``), once with
    reservations as in (b) (a ZOPA exists) and once with reservations raised until there is no
    ZOPA (bridges are searched). Run first, before NegMAS is imported, so that the peak RSS is
    detente's (it includes the interpreter and imports).
(d) The general, streamed frontier path (feasibility rules: no issue-by-issue construction),
    10^6 outcomes, 2 and 3 parties; NegMAS is given the feasible outcomes, filtered in Python
    by the same rules (its time includes that filter).

Same accounting on both sides: NegMAS's time includes building its issues and
``LinearAdditiveUtilityFunction``s from the definitions; detente's includes validating the
scenario and compiling it. detente's time is the median of 5 runs, NegMAS's one run (seconds
long). Both sides evaluate the same floats (the weights divided by their sum, then ``w v``
summed in issue order), and the script checks that the frontiers (as sets of utility vectors)
and the Nash utilities agree.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from detente.engines.analysis.analyze import analyze
from detente.engines.analysis.pareto import pareto_frontier
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import Compiled, compile_scenario
from detente.model.scenario import Scenario

Definition = dict[str, Any]


def definitions(n_issues: int, n_options: int, n_parties: int, seed: int) -> Definition:
    """Random linear-additive utility definitions; reservations 20% above each minimum."""
    rng = np.random.default_rng(seed)
    issues = [f"i{k}" for k in range(n_issues)]
    options = [f"o{j}" for j in range(n_options)]
    parties = []
    for p in range(n_parties):
        raw = rng.random(n_issues)
        weights = raw / raw.sum()
        values = rng.random((n_issues, n_options))
        floor = float((weights * values.min(axis=1)).sum())
        parties.append(
            {
                "id": f"p{p}",
                "weights": dict(zip(issues, weights.tolist(), strict=True)),
                "values": {
                    i: dict(zip(options, v.tolist(), strict=True))
                    for i, v in zip(issues, values, strict=True)
                },
                "reservation": floor + 0.2 * (1 - floor),
            }
        )
    return {"issues": issues, "options": options, "parties": parties}


def detente_compiled(spec: Definition) -> Compiled:
    return compile_scenario(detente_scenario(spec))


def detente_scenario(spec: Definition) -> Scenario:
    data = {
        "metadata": {"id": "bench", "title": "bench", "as_of": "2020-01-01"},
        "issues": [
            {"id": i, "options": [{"id": o} for o in spec["options"]]} for i in spec["issues"]
        ],
        "parties": [
            {
                "id": p["id"],
                "name": p["id"],
                "role": "principal",
                "preferences": {
                    "weights": p["weights"],
                    "values": p["values"],
                    "reservation": p["reservation"],
                },
            }
            for p in spec["parties"]
        ],
    }
    return Scenario.model_validate(data)


def negmas_ufuns(spec: Definition, rational: bool) -> tuple[list[Any], list[Any]]:
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction

    issues = [make_issue(spec["options"], name=i) for i in spec["issues"]]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=p["values"],
            weights=p["weights"],
            issues=issues,
            reserved_value=p["reservation"] if rational else 0.0,
        )
        for p in spec["parties"]
    ]
    return ufuns, issues


def timed(function: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def frontier_case(n_parties: int) -> None:
    from negmas.preferences.ops import pareto_frontier as negmas_frontier

    spec = definitions(6, 10, n_parties, seed=n_parties)

    def ours() -> set[tuple[float, ...]]:
        frontier = pareto_frontier(detente_compiled(spec))
        return {tuple(c) for c in frontier.utilities.T.tolist()}

    def theirs() -> set[tuple[float, ...]]:
        ufuns, issues = negmas_ufuns(spec, rational=False)
        points, _ = negmas_frontier(ufuns, issues=issues)
        return {tuple(float(x) for x in p) for p in points}

    t_ours, a = timed(ours, repeat=5)
    t_theirs, b = timed(theirs)
    report(f"(a) frontier, 10^6 outcomes, {n_parties} parties", t_ours, t_theirs, a == b, len(a))


#: Feasibility rules of case (d), as detente conditions and as the same rules on option ranks.
FEASIBILITY = ("i0 >= o2 -> i1 <= o5", "not (i2 == o3 and i3 == o7)")


def feasible(outcome: tuple[str, ...]) -> bool:
    r = [int(option[1:]) for option in outcome]
    return (r[0] < 2 or r[1] <= 5) and not (r[2] == 3 and r[3] == 7)


def constrained_case(n_parties: int) -> None:
    """(d) The general (streamed) path: the frontier of the feasible outcomes only."""
    from negmas.outcomes import enumerate_issues
    from negmas.preferences.ops import pareto_frontier as negmas_frontier

    spec = definitions(6, 10, n_parties, seed=n_parties)

    def ours() -> set[tuple[float, ...]]:
        data = detente_scenario(spec).model_dump(mode="python")
        data["feasibility"] = [{"id": f"f{k}", "condition": c} for k, c in enumerate(FEASIBILITY)]
        frontier = pareto_frontier(compile_scenario(Scenario.model_validate(data)))
        return {tuple(c) for c in frontier.utilities.T.tolist()}

    def theirs() -> set[tuple[float, ...]]:
        ufuns, issues = negmas_ufuns(spec, rational=False)
        outcomes = [o for o in enumerate_issues(issues) if feasible(o)]
        points, _ = negmas_frontier(ufuns, outcomes=outcomes)
        return {tuple(float(x) for x in p) for p in points}

    t_ours, a = timed(ours, repeat=5)
    t_theirs, b = timed(theirs)
    name = f"(d) constrained frontier, 10^6 outcomes, {n_parties} parties"
    report(name, t_ours, t_theirs, a == b, len(a))


def nash_case(n_parties: int) -> None:
    from negmas.preferences.ops import nash_points
    from negmas.preferences.ops import pareto_frontier as negmas_frontier

    spec = definitions(6, 10, n_parties, seed=10 + n_parties)
    principals = [p["id"] for p in spec["parties"]]

    def ours() -> tuple[float, ...]:
        nash = bargaining_solutions(detente_compiled(spec))["nash"]
        return tuple(nash.utilities[p] for p in principals)

    def theirs() -> set[tuple[float, ...]]:
        ufuns, issues = negmas_ufuns(spec, rational=True)
        points, _ = negmas_frontier(ufuns, issues=issues)
        return {tuple(float(x) for x in p) for p, _ in nash_points(ufuns, points, issues=issues)}

    t_ours, a = timed(ours, repeat=5)
    t_theirs, b = timed(theirs)
    report(f"(b) Nash point, 10^6 outcomes, {n_parties} parties", t_ours, t_theirs, a in b, 1)


def report(name: str, ours: float, theirs: float, agree: bool, size: int) -> None:
    print(
        f"{name}: detente {ours * 1e3:9.1f} ms | NegMAS {theirs:7.2f} s | "
        f"ratio {theirs / ours:8.0f}x | agree={agree} (size {size})",
        flush=True,
    )


def large_case() -> None:
    spec = definitions(7, 10, 5, seed=5)
    for label, raise_by in (("ZOPA", 0.0), ("no ZOPA: bridges", 0.4)):
        for party in spec["parties"]:
            party["reservation"] += raise_by
        start = time.perf_counter()
        result = analyze(detente_scenario(spec))
        elapsed = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bridges = "-" if result.bridges is None else len(result.bridges.bridges)
        print(
            f"(c) full analyze, 10^7 outcomes, 5 parties ({label}): {elapsed:.2f} s, "
            f"process peak RSS {rss:.0f} MiB | frontier {result.frontier_size}, "
            f"ZOPA {result.counts.zopa}, bridges {bridges}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--only-large", action="store_true")
    args = parser.parse_args()
    if not args.skip_large:
        large_case()
    if args.only_large:
        return
    for n_parties in (2, 3):
        frontier_case(n_parties)
    for n_parties in (2, 3):
        nash_case(n_parties)
    for n_parties in (2, 3):
        constrained_case(n_parties)


if __name__ == "__main__":
    main()
