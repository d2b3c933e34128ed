"""Sensitivity: seeded, chunk-independent, and equal to recompiling each sample."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import resolve_scenario
from detente.engines.analysis.batched import evaluate_settings
from detente.engines.analysis.conflicts import why_no_deal
from detente.engines.analysis.counts import count_outcomes
from detente.engines.analysis.events import zopa_and_nash
from detente.engines.analysis.sensitivity import point_biserial, sensitivity
from detente.engines.compile import compile_scenario
from detente.engines.statistics import wilson_interval
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import with_parameters
from detente.model.scenario import Scenario
from tests.reference import feasible, holds, outcomes, scenarios, utility


def test_batched_settings_equal_recompiling_each_sample() -> None:
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    drawn = sample_parameters(scenario, 12, seed=11)
    batch = evaluate_settings(compiled, drawn.paths, drawn.values, chunk=1000)
    for i in range(12):
        again = compile_scenario(with_parameters(scenario, drawn.row(i)))
        size, deal = zopa_and_nash(again)
        assert batch.zopa[i] == size
        assert batch.nash[i] == (deal.index if deal else -1)


def test_same_seed_same_result_and_chunk_independent() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    a = sensitivity(compiled, 40, seed=9)
    b = sensitivity(compiled, 40, seed=9, chunk=997)
    assert a == b
    assert sensitivity(compiled, 40, seed=10) != a


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(1, 9))
def test_analysis_does_not_depend_on_chunk_size(scenario: Scenario, chunk: int) -> None:
    compiled = compile_scenario(scenario)
    assert count_outcomes(compiled, chunk) == count_outcomes(compiled)
    assert why_no_deal(compiled, chunk) == why_no_deal(compiled)
    assert zopa_and_nash(compiled, chunk) == zopa_and_nash(compiled)


def test_wilson_and_point_biserial_reference_values() -> None:
    # Wilson (1927) interval for 8 of 10 at 95%: 0.4902 to 0.9433 (standard tables).
    low, high = wilson_interval(8, 10)
    assert round(low, 4) == 0.4902 and round(high, 4) == 0.9433
    x = np.array([1.0, 3.0, 2.0, 5.0, 4.0])
    flag = np.array([False, True, False, True, True])
    r, diff = point_biserial(x, flag)
    assert r is not None and abs(r - np.corrcoef(x, flag.astype(float))[0, 1]) < 1e-12
    assert diff == x[flag].mean() - x[~flag].mean()


def _brute_margin(scenario: Scenario) -> float:
    """max over feasible outcomes meeting every principal's red lines of min_p (u_p - r_p)."""
    best = -np.inf
    for outcome in outcomes(scenario):
        if not feasible(scenario, outcome):
            continue
        principals = scenario.principals
        if not all(
            holds(scenario, r.condition, outcome)
            for p in principals
            for r in (p.preferences.red_lines if p.preferences else [])
        ):
            continue
        gains = [
            utility(scenario, p.id, outcome) - p.preferences.reservation  # type: ignore[union-attr]
            for p in principals
        ]
        best = max(best, min(gains))
    return float(best)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_deal_margin_equals_brute_force_and_signals_the_zopa(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    result = evaluate_settings(compiled, [], np.zeros((1, 0)))
    expected = _brute_margin(scenario)
    if np.isinf(expected):
        assert np.isinf(result.margin[0])
    else:
        assert abs(result.margin[0] - expected) < 1e-9
    assert (result.margin[0] >= 0) == (result.zopa[0] > 0)


def test_hanoi_margin_is_negative_and_matches_brute_force() -> None:
    scenario = resolve_scenario("hanoi-2019")
    found = sensitivity(compile_scenario(scenario), 20, seed=1)
    assert found.margin < 0
    assert abs(found.margin - _brute_margin(scenario)) < 1e-9
    low, mid, high = found.margin_quantiles
    assert low <= mid <= high
