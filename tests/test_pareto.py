"""The Pareto frontier against an O(n^2) brute force, and its defining properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from detente import resolve_scenario
from detente.engines.analysis.acceptability import Block, blocks
from detente.engines.analysis.pareto import (
    Frontier,
    additive_applies,
    additive_frontier,
    pareto_frontier,
    pareto_mask,
    zopa_frontier,
)
from detente.engines.compile import Compiled, compile_scenario
from detente.model.scenario import Scenario
from tests.random_domains import brute_pareto, domains, random_scenario


def everything(compiled: Compiled) -> Block:
    return next(blocks(compiled, chunk=compiled.space.size))


def brute_frontier(compiled: Compiled, zopa: bool = False) -> tuple[set[int], Block]:
    block = everything(compiled)
    keep = block.zopa if zopa else block.feasible
    pos = np.flatnonzero(keep)
    u = block.utilities[: len(compiled.principals), pos]
    return {int(k) for k in block.index[pos][brute_pareto(u)]}, block


def feasible_only(block: Block) -> np.ndarray:
    return block.feasible


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda p: arrays(
            np.float64,
            st.tuples(st.just(p), st.integers(0, 40)),
            elements=st.sampled_from([0.0, 0.5, 1.0, 1.5]),
        )
    )
)
def test_pareto_mask_matches_brute_force_with_ties(points: np.ndarray) -> None:
    assert np.array_equal(pareto_mask(points), brute_pareto(points))


@pytest.mark.parametrize("parties", [2, 3, 4, 5, 6])
def test_pareto_mask_matches_brute_force_beyond_the_grid_threshold(parties: int) -> None:
    rng = np.random.default_rng(parties)
    # Correlated parties (a shared term) and a coarse grid: many ties, a large frontier.
    smooth = rng.random((parties, 6000)) + rng.random(6000) * rng.choice([-1, 1], (parties, 1))
    coarse = np.round(rng.random((parties, 6000)) * 12) / 12
    for points in (smooth, coarse):
        assert np.array_equal(pareto_mask(points), brute_pareto(points))


def test_pareto_mask_keeps_every_copy_of_a_duplicate() -> None:
    points = np.array([[1.0, 1.0, 0.5, 1.0], [0.0, 0.0, 0.0, 0.0]])
    assert pareto_mask(points).tolist() == [True, True, False, True]


def test_pareto_mask_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="shape"):
        pareto_mask(np.zeros(3))
    with pytest.raises(ValueError, match="finite"):
        pareto_mask(np.array([[0.0, np.nan]]))


def check_frontier(compiled: Compiled, frontier: Frontier, zopa: bool = False) -> None:
    expected, block = brute_frontier(compiled, zopa)
    assert set(frontier.index.tolist()) == expected
    assert len(frontier.index) == len(expected)
    n_p = len(compiled.principals)
    assert np.array_equal(frontier.utilities, block.utilities[:n_p, frontier.index])
    keys = [(*tuple(-frontier.utilities[:, j]), frontier.index[j]) for j in range(frontier.size)]
    assert keys == sorted(keys)
    # Properties, checked directly: no candidate dominates a frontier point, and every
    # candidate is weakly dominated by (>= everywhere) some frontier point.
    cand = np.flatnonzero(block.zopa if zopa else block.feasible)
    u = block.utilities[:n_p, cand]
    f = frontier.utilities
    weak = (u[:, :, None] >= f[:, None, :]).all(axis=0)
    strict = (u[:, :, None] > f[:, None, :]).any(axis=0)
    assert not (weak & strict).any()
    assert (f[:, :, None] >= u[:, None, :]).all(axis=0).any(axis=0).all()


@settings(max_examples=60, deadline=None)
@given(domains(max_parties=4, constrained=True), st.sampled_from([1, 3, 7, 64, 1 << 20]))
def test_frontier_matches_brute_force_for_any_chunk(scenario: Scenario, chunk: int) -> None:
    compiled = compile_scenario(scenario)
    check_frontier(compiled, pareto_frontier(compiled, chunk=chunk))
    check_frontier(compiled, pareto_frontier(compiled, feasible_only, chunk=chunk))
    check_frontier(compiled, pareto_frontier(compiled, lambda b: b.zopa, chunk=chunk), zopa=True)
    check_frontier(compiled, zopa_frontier(compiled, chunk=chunk), zopa=True)


@settings(max_examples=60, deadline=None)
@given(domains(max_parties=5))
def test_additive_frontier_is_the_enumerated_frontier(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    assert additive_applies(compiled)
    frontier = additive_frontier(compiled)
    check_frontier(compiled, frontier)
    streamed = pareto_frontier(compiled, feasible_only, chunk=5)
    assert np.array_equal(frontier.index, streamed.index)
    assert np.array_equal(frontier.utilities, streamed.utilities)


@pytest.mark.parametrize(
    ("counts", "parties"), [((5, 6, 4, 7, 5), 2), ((5, 6, 4, 7), 3), ((4, 5, 4, 6), 5)]
)
def test_additive_frontier_on_larger_random_domains(counts: tuple[int, ...], parties: int) -> None:
    compiled = compile_scenario(random_scenario(counts, parties, seed=sum(counts)))
    frontier = additive_frontier(compiled)
    streamed = pareto_frontier(compiled, feasible_only, chunk=777)
    assert np.array_equal(frontier.index, streamed.index)
    assert np.array_equal(frontier.utilities, streamed.utilities)
    expected, _ = brute_frontier(compiled) if compiled.space.size <= 3000 else (None, None)
    if expected is not None:
        assert set(frontier.index.tolist()) == expected


def test_additive_frontier_refuses_constrained_scenarios() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    assert not additive_applies(compiled)
    with pytest.raises(ValueError, match="feasibility"):
        additive_frontier(compiled)


def test_hanoi_frontier_matches_brute_force() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    check_frontier(compiled, pareto_frontier(compiled, chunk=500))
    check_frontier(compiled, zopa_frontier(compiled), zopa=True)
