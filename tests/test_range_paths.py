"""The contiguous-range fast paths equal the general per-outcome paths, bit for bit.

``OutcomeSpace.range_ranks`` must equal ``decode`` of the same indices, and
``Compiled.range_utilities`` must equal ``Compiled.utilities`` of the same ranks exactly (same
float additions in the same order), for any range and any mixed radix, linkage included.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.engines.compile import compile_scenario
from detente.engines.space import OutcomeSpace
from detente.model.scenario import Scenario
from tests.random_domains import domain_dict, domains


@st.composite
def space_and_range(draw: st.DrawFn) -> tuple[OutcomeSpace, int, int]:
    counts = draw(st.lists(st.integers(1, 5), min_size=1, max_size=5))
    space = OutcomeSpace(
        tuple(f"i{k}" for k in range(len(counts))),
        tuple(tuple(f"o{r}" for r in range(n)) for n in counts),
    )
    start = draw(st.integers(0, space.size - 1))
    stop = draw(st.integers(start + 1, space.size))
    return space, start, stop


@given(space_and_range())
@settings(max_examples=200, deadline=None)
def test_range_ranks_equal_decode(case: tuple[OutcomeSpace, int, int]) -> None:
    space, start, stop = case
    expected = space.decode(np.arange(start, stop))
    got = space.range_ranks(start, stop)
    assert got.dtype == expected.dtype
    assert np.array_equal(got, expected)


@given(domains(constrained=True), st.data())
@settings(max_examples=100, deadline=None)
def test_range_utilities_equal_utilities_bitwise(scenario: Scenario, data: st.DataObject) -> None:
    compiled = compile_scenario(scenario)
    size = compiled.space.size
    start = data.draw(st.integers(0, size - 1))
    stop = data.draw(st.integers(start + 1, size))
    ranks = compiled.space.range_ranks(start, stop)
    assert np.array_equal(compiled.range_utilities(start, ranks), compiled.utilities(ranks))


def test_range_utilities_on_random_floats_and_odd_chunks() -> None:
    rng = np.random.default_rng(3)
    counts = [7, 3, 11, 5]
    values = [[rng.random(n).tolist() for n in counts] for _ in range(3)]
    weights = [rng.random(len(counts)).tolist() for _ in range(3)]
    data = domain_dict(counts, values, weights, [0.0] * 3, linkage=[(1, "i0 >= o3", 0.125)])
    compiled = compile_scenario(Scenario.model_validate(data))
    whole = compiled.utilities(compiled.space.decode(np.arange(compiled.space.size)))
    for chunk in (1, 2, 13, 100, 1000):
        parts = [compiled.range_utilities(s, r) for s, r in compiled.chunks(chunk)]
        assert np.array_equal(np.concatenate(parts, axis=1), whole)
