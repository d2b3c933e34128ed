"""Bargaining solutions against brute force over every outcome, and their invariances."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from detente import resolve_scenario
from detente.engines.analysis.acceptability import Block, blocks
from detente.engines.analysis.pareto import pareto_frontier, zopa_frontier
from detente.engines.analysis.solutions import (
    SOLUTIONS,
    bargaining_solutions,
    egalitarian,
    kalai_smorodinsky,
    nash,
    utilitarian,
)
from detente.engines.compile import Compiled, compile_scenario
from detente.model.scenario import Scenario
from tests.random_domains import domains

FUNCTIONS = {
    "nash": nash,
    "kalai_smorodinsky": kalai_smorodinsky,
    "utilitarian": utilitarian,
    "egalitarian": egalitarian,
}


def exact_objectives(u: np.ndarray, d: np.ndarray) -> dict[str, list[Fraction | None]]:
    """Each solution's objective per candidate in exact rationals (None: not a candidate)."""
    cols = [[Fraction(float(x)) for x in u[:, j]] for j in range(u.shape[1])]
    dd = [Fraction(float(x)) for x in d]
    ok = [all(x >= y for x, y in zip(c, dd, strict=True)) for c in cols]
    gains = [[x - y for x, y in zip(c, dd, strict=True)] for c in cols]
    ideal = [
        max((c[p] for c, good in zip(cols, ok, strict=True) if good), default=None)
        for p in range(len(dd))
    ]
    result: dict[str, list[Fraction | None]] = {k: [] for k in FUNCTIONS}
    for c, g, good in zip(cols, gains, ok, strict=True):
        if not good:
            for values in result.values():
                values.append(None)
            continue
        product = Fraction(1)
        for x in g:
            product *= x
        ratios = [
            Fraction(1) if ideal[p] == dd[p] else g[p] / (ideal[p] - dd[p])  # type: ignore[operator]
            for p in range(len(dd))
        ]
        result["nash"].append(product)
        result["kalai_smorodinsky"].append(min(ratios))
        result["utilitarian"].append(sum(c, Fraction(0)))
        result["egalitarian"].append(min(g))
    return result


def exact_choice(name: str, u: np.ndarray, d: np.ndarray, index: np.ndarray) -> int | None:
    """The documented rule: max objective (egalitarian: then max sum; Nash: first the number of
    positive gains, then their product), then the lexicographically largest utility vector,
    then the lowest index."""
    objective = exact_objectives(u, d)[name]
    cands = [j for j, v in enumerate(objective) if v is not None]
    if not cands:
        return None

    def key(j: int) -> tuple[object, ...]:
        total = sum((Fraction(float(x)) for x in u[:, j]), Fraction(0))
        second = total if name == "egalitarian" else 0
        first: tuple[object, ...] = (objective[j],)
        if name == "nash":  # the number of positive gains, which parties gain, their product
            gains = [
                Fraction(float(x)) - Fraction(float(y)) for x, y in zip(u[:, j], d, strict=True)
            ]
            positive = [g for g in gains if g > 0]
            gainers = tuple(g > 0 for g in gains)
            first = (len(positive), gainers, math.prod(positive, start=Fraction(1)))
        return (*first, second, *u[:, j].tolist(), -int(index[j]))

    return max(cands, key=key)


grid_points = st.integers(2, 4).flatmap(
    lambda p: arrays(
        np.float64,
        st.tuples(st.just(p), st.integers(0, 25)),
        elements=st.integers(0, 8).map(lambda k: k / 8),
    )
)


@settings(max_examples=200, deadline=None)
@given(grid_points, st.data())
def test_solutions_match_exact_brute_force(u: np.ndarray, data: st.DataObject) -> None:
    d = np.array(
        data.draw(
            st.lists(st.sampled_from([0.0, 0.25, 0.5]), min_size=u.shape[0], max_size=u.shape[0])
        )
    )
    index = np.array(data.draw(st.permutations(list(range(u.shape[1])))), dtype=np.int64)
    for name, function in FUNCTIONS.items():
        assert function(u, d, index) == exact_choice(name, u, d, index), name


@settings(max_examples=100, deadline=None)
@given(
    grid_points,
    st.sampled_from([0.5, 2.0, 3.0]),
    st.sampled_from([-1.0, 0.0, 2.0]),
    st.integers(0, 3),
)
def test_nash_is_invariant_to_positive_affine_rescaling(
    u: np.ndarray, a: float, b: float, party: int
) -> None:
    d = np.full(u.shape[0], 0.25)
    p = party % u.shape[0]
    v, e = u.copy(), d.copy()
    v[p] = a * u[p] + b
    e[p] = a * d[p] + b
    assert nash(v, e) == nash(u, d)


def test_reference_examples() -> None:
    # Two parties splitting a unit: Nash, KS, egalitarian take the even split from d = 0.
    u = np.array([[1.0, 0.75, 0.5, 0.25, 0.0], [0.0, 0.25, 0.5, 0.75, 1.0]])
    d = np.zeros(2)
    assert nash(u, d) == kalai_smorodinsky(u, d) == egalitarian(u, d) == 2
    # Nash moves with the disagreement point; KS with the ideal point.
    assert nash(u, np.array([0.5, 0.0])) == 1
    assert utilitarian(np.array([[3.0, 1.0], [0.0, 1.0]]), np.zeros(2)) == 0
    assert nash(u, np.array([2.0, 0.0])) is None


def everything(compiled: Compiled) -> Block:
    return next(blocks(compiled, chunk=compiled.space.size))


@settings(max_examples=60, deadline=None)
@given(domains(max_parties=4, constrained=True), st.sampled_from([2, 5, 1 << 20]))
def test_bargaining_solutions_are_the_brute_force_optima_in_the_zopa(
    scenario: Scenario, chunk: int
) -> None:
    compiled = compile_scenario(scenario)
    block = everything(compiled)
    n_p = len(compiled.principals)
    d = compiled.reservations[:n_p]
    pos = np.flatnonzero(block.zopa)
    u, index = block.utilities[:n_p, pos], block.index[pos]
    found = bargaining_solutions(compiled, chunk=chunk)
    assert set(found) == (set(SOLUTIONS) if pos.size else set())
    for name, solution in found.items():
        expected = FUNCTIONS[name](u, d, index)
        assert expected is not None
        assert solution.index == int(index[expected]), name
        assert bool(block.zopa[solution.index])
        # Maximises its objective in the ZOPA (objective recomputed from the definition).
        objective = exact_objectives(u, d)[name]
        best = max(v for v in objective if v is not None)
        assert abs(float(best) - solution.objective) <= 1e-9, name
        assert solution.outcome == compiled.space.labels(block.ranks[solution.index])
        for p, party in enumerate(compiled.parties):
            assert solution.utilities[party] == block.utilities[p, solution.index]
    # Another candidate set: every feasible outcome giving each principal at least d.
    found = bargaining_solutions(compiled, lambda b: b.feasible, chunk=chunk)
    rational = block.feasible & (block.utilities[:n_p] >= d[:, None]).all(axis=0)
    pos = np.flatnonzero(rational)
    for name, solution in found.items():
        expected = FUNCTIONS[name](block.utilities[:n_p, pos], d, block.index[pos])
        assert expected is not None and solution.index == int(pos[expected]), name


def test_hanoi_has_no_zopa_but_solutions_once_reservations_drop() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    assert bargaining_solutions(compiled) == {}
    block = everything(compiled)
    n_p = len(compiled.principals)
    relaxed = compiled.with_reservations(np.zeros(len(compiled.parties)))
    found = bargaining_solutions(relaxed, lambda b: b.feasible)
    pos = np.flatnonzero(block.feasible)
    for name in SOLUTIONS:
        expected = FUNCTIONS[name](block.utilities[:n_p, pos], np.zeros(n_p), block.index[pos])
        assert expected is not None
        assert found[name].index == int(pos[expected])


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_empty_candidates_give_none(name: str) -> None:
    assert FUNCTIONS[name](np.empty((2, 0)), np.zeros(2)) is None


@settings(max_examples=30, deadline=None)
@given(domains(max_parties=3, constrained=True))
def test_a_precomputed_frontier_gives_the_same_solutions(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    expected = bargaining_solutions(compiled)
    assert bargaining_solutions(compiled, frontier=zopa_frontier(compiled)) == expected
    feasible = pareto_frontier(compiled)
    if not any(c.party in compiled.principals for c in compiled.red_lines):
        zopa = zopa_frontier(compiled, feasible=feasible)
        assert bargaining_solutions(compiled, frontier=zopa) == expected
    rational = bargaining_solutions(compiled, lambda b: b.feasible)
    assert bargaining_solutions(compiled, lambda b: b.feasible, frontier=feasible) == rational
