"""The compiled arrays agree with a scalar, outcome-by-outcome reference computation."""

from __future__ import annotations

import itertools

import numpy as np

from detente import resolve_scenario
from detente.engines.analysis.acceptability import blocks
from detente.engines.compile import compile_scenario
from detente.model.conditions import evaluate, parse_condition
from reference import utility


def test_hanoi_utilities_and_zopa_match_brute_force() -> None:
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    block = next(blocks(compiled, chunk=compiled.space.size))
    ranks = {i.id: {o: k for k, o in enumerate(i.option_ids)} for i in scenario.issues}
    rng = np.random.default_rng(0)
    for k in rng.choice(compiled.space.size, size=200, replace=False):
        outcome = compiled.space.labels(block.ranks[k])
        rank_outcome = {key: ranks[key][v] for key, v in outcome.items()}
        for party in compiled.parties:
            expected = utility(scenario, party, outcome)
            assert abs(block.utilities[compiled.party_index(party), k] - expected) < 1e-12
        feasible = all(
            evaluate(parse_condition(f.condition), rank_outcome, ranks)
            for f in scenario.feasibility
        )
        assert block.feasible[k] == feasible


def test_chunking_does_not_change_results() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    whole = next(blocks(compiled, chunk=compiled.space.size))
    parts = list(blocks(compiled, chunk=1000))
    assert np.array_equal(np.concatenate([b.utilities for b in parts], axis=1), whole.utilities)
    assert np.array_equal(np.concatenate([b.zopa for b in parts]), whole.zopa)
    assert [int(i) for i in itertools.chain.from_iterable(b.index for b in parts)] == list(
        range(compiled.space.size)
    )
