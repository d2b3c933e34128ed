"""KTAB's SMP: the spec's reference run (positions and winning probabilities), and properties."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.engines.forecast.smp import (
    bargain,
    distances,
    pce,
    risk_attitudes,
    run_smp,
    utility,
)
from tests.shared_data import spec_case


@pytest.fixture(scope="module")
def case() -> dict[str, Any]:
    return spec_case("ktab_smp_soe_pol_comp.json")


def test_reproduces_the_ktab_reference_run(case: dict[str, Any]) -> None:
    actors, dims = case["actors"], case["dimensions"]
    run = run_smp(
        np.array([a["position"] for a in actors]),
        np.array([a["salience"] for a in actors]),
        np.array([a["capability"] for a in actors]),
    )
    ref = case["reference_output"]
    assert run.positions.shape == (ref["num_states"], len(actors), len(dims))
    assert run.stop == "converged"
    # KTAB prints positions to 0.1 and probabilities to 4 decimals (the case's precision note)
    for i, actor in enumerate(actors):
        for k, dim in enumerate(dims):
            expected = np.array(ref["position_history"][actor["name"]][dim])
            np.testing.assert_allclose(run.positions[:, i, k], expected, atol=0.05 + 1e-9)
        expected_p = np.array(ref["winning_probability_history"][actor["name"]])
        np.testing.assert_allclose(run.probability[:, i], expected_p, atol=5e-5 + 1e-9)


def test_utility_ends() -> None:
    d = np.array([0.0, 0.5, 1.0])
    for rho in (-0.5, 0.0, 1.0):
        u = utility(d, rho)
        assert u[0] == 1.0 and u[2] == 0.0
    assert utility(np.array([0.5]), 0.0)[0] == 0.5


positions = st.lists(
    st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(1, 50), st.integers(1, 50),
              st.integers(1, 100)),
    min_size=3, max_size=8, unique_by=lambda t: (t[0], t[1]),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(positions)
def test_pce_and_risk_range(rows: list[tuple[int, int, int, int, int]]) -> None:
    table = np.array(rows, dtype=float)
    x, s, c = table[:, :2] / 100, table[:, 2:4] / 100, table[:, 4]
    V = distances(x, s)
    p = pce(1.0 - V, c)
    assert np.isclose(p.sum(), 1.0) and (p >= 0).all()
    if p.max() - p.min() > 1e-12:
        rho = risk_attitudes(V, c)
        assert np.isclose(rho.min(), -0.5) and np.isclose(rho.max(), 1.0)


def test_bargain_by_hand() -> None:
    x = np.array([[0.0, 0.0], [1.0, 0.5]])
    s = np.array([[0.5, 0.5], [0.5, 0.5]])
    # equal weights s²P² = s²(1-P)² at P = 1/2: the midpoint (up to the 1e-6 nudge, rounded)
    new_i, new_j = bargain(x, s, 0, 1, 0.5)
    assert new_i.tolist() == [0.5, 0.25] and new_j.tolist() == [0.5, 0.25]
    # the stronger proposer (P = 0.8) keeps more: weight 0.64 vs 0.04 -> 1/17 of the way
    new_i, _ = bargain(x, s, 0, 1, 0.8)
    assert new_i.tolist() == [round(0.04 / 0.68, 4), round(0.02 / 0.68, 4)]
