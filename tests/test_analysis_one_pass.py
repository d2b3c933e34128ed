"""``analyze`` runs its block-streamed analyses in one fused pass; each equals its own pass.

The separate functions (``count_outcomes``, ``why_no_deal``, ``find_bridges``,
``definitional_gaps``, ``posture_values``, ``analyze_events``, ``pareto_frontier``) each stream
the outcome space on their own; the fused pass must give exactly their results, whatever the
chunk size, on the Hanoi case (red lines, feasibility, postures, definitions, events) and on
random constrained domains (the streamed, non-additive frontier).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente import resolve_scenario
from detente.engines.analysis.analyze import analyze, jsonable
from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.conflicts import why_no_deal
from detente.engines.analysis.counts import count_outcomes
from detente.engines.analysis.definitions import definitional_gaps
from detente.engines.analysis.events import analyze_events
from detente.engines.analysis.pareto import pareto_frontier
from detente.engines.analysis.postures import posture_values
from detente.engines.compile import compile_scenario
from detente.model.scenario import Scenario
from tests.random_domains import domains


def check_against_separate_passes(scenario: Scenario, chunk: int) -> None:
    fused = analyze(scenario, chunk=chunk)
    compiled = compile_scenario(scenario)
    counts = count_outcomes(compiled, chunk)
    assert fused.counts == counts
    assert fused.conflicts == why_no_deal(compiled, chunk)
    expected_bridges = None if counts.has_zopa else find_bridges(compiled, chunk)
    assert jsonable(fused.bridges) == jsonable(expected_bridges)
    assert fused.definitions == definitional_gaps(compiled, chunk=chunk)
    assert jsonable(fused.postures) == jsonable(posture_values(compiled, chunk))
    assert fused.events == analyze_events(scenario, chunk)
    frontier = pareto_frontier(compiled, chunk=chunk)
    assert np.array_equal(fused.frontier.index, frontier.index)
    assert np.array_equal(fused.frontier.utilities, frontier.utilities)


@pytest.mark.parametrize("chunk", [1 << 20, 1000, 97])
def test_hanoi_one_pass_equals_separate_passes(chunk: int) -> None:
    check_against_separate_passes(resolve_scenario("hanoi-2019"), chunk)


@settings(max_examples=40, deadline=None)
@given(domains(max_parties=4, constrained=True), st.sampled_from([1, 5, 1 << 20]))
def test_random_one_pass_equals_separate_passes(scenario: Scenario, chunk: int) -> None:
    check_against_separate_passes(scenario, chunk)
