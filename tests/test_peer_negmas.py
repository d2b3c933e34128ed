"""Differential tests against NegMAS 0.16 on random linear-additive domains built in both.

Both sides get the same definitions: option values ``v`` and the weights divided by their sum
(detente's reading), so that every utility is the same float sum ``w_1 v_1 + w_2 v_2 + ...``.
NegMAS keeps one copy of equal utility vectors on its frontier, so frontiers are compared as
sets of utility vectors. NegMAS's Nash point uses ``max(reservation, min utility)`` as the
disagreement point, so reservations are drawn at or above each party's minimum utility.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from detente.engines.analysis.pareto import zopa_frontier
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import compile_scenario
from detente.model.checks import normalise_weights
from detente.model.scenario import Scenario
from tests.random_domains import domain_dict

negmas = pytest.importorskip(
    "negmas", reason="NegMAS is the peer oracle; install the 'peers' extra to run these tests"
)
from negmas.preferences import LinearAdditiveUtilityFunction  # noqa: E402
from negmas.preferences.ops import nash_points  # noqa: E402
from negmas.preferences.ops import pareto_frontier as negmas_frontier  # noqa: E402


def random_domain(seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    counts = rng.integers(2, 7, size=rng.integers(2, 5)).tolist()
    n_parties = int(rng.integers(2, 4))
    values = [[rng.random(n).tolist() for n in counts] for _ in range(n_parties)]
    weights = [rng.random(len(counts)).tolist() for _ in range(n_parties)]
    floors = [
        sum(min(v) * w / sum(ws) for v, w in zip(vs, ws, strict=True))
        for vs, ws in zip(values, weights, strict=True)
    ]
    reservations = [f + rng.uniform(0.0, 0.3) * (1 - f) for f in floors]
    return Scenario.model_validate(domain_dict(counts, values, weights, reservations))


def negmas_side(scenario: Scenario) -> tuple[list[Any], list[Any]]:
    issues = [negmas.make_issue(i.option_ids, name=i.id) for i in scenario.issues]
    ufuns = []
    for party in scenario.principals:
        prefs = party.preferences
        assert prefs is not None
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values={k: dict(v) for k, v in prefs.values.items() if isinstance(v, dict)},
                weights=normalise_weights(dict(prefs.weights)),
                issues=issues,
                reserved_value=prefs.reservation,
            )
        )
    return ufuns, issues


@pytest.mark.parametrize("seed", range(12))
def test_frontier_and_nash_agree_with_negmas(seed: int) -> None:
    scenario = random_domain(seed)
    compiled = compile_scenario(scenario)
    ufuns, issues = negmas_side(scenario)
    points, _ = negmas_frontier(ufuns, issues=issues)
    frontier = zopa_frontier(compiled)
    ours = {tuple(col) for col in frontier.utilities.T.tolist()}
    assert ours == {tuple(float(x) for x in p) for p in points}
    solutions = bargaining_solutions(compiled)
    if not points:
        assert "nash" not in solutions
        return
    theirs = {tuple(float(x) for x in p) for p, _ in nash_points(ufuns, points, issues=issues)}
    nash = solutions["nash"]
    assert tuple(nash.utilities[p] for p in compiled.principals) in theirs
