"""Deal-margin quantiles: numpy's linear quantiles, and -inf (never nan) without red-line room."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from detente import compile_scenario, load_scenario
from detente.engines.analysis.sensitivity import margin_quantiles, sensitivity

NOZOPA = Path(__file__).parent / "data" / "backtest" / "nozopa.yaml"


@given(st.lists(st.floats(-1, 1), min_size=1, max_size=50))
def test_finite_margins_give_numpys_linear_quantiles(values: list[float]) -> None:
    x = np.array(values)
    levels = (0.0, 0.05, 0.5, 0.95, 1.0)
    expected = np.quantile(x, levels)
    assert np.allclose(margin_quantiles(x, levels), expected, rtol=0, atol=1e-12)


@given(st.integers(1, 30), st.lists(st.floats(-1, 1), max_size=30))
def test_minus_infinity_is_kept_never_nan(k: int, finite: list[float]) -> None:
    x = np.array([-math.inf] * k + finite)
    quantiles = margin_quantiles(x)
    assert not any(math.isnan(q) for q in quantiles)
    assert list(quantiles) == sorted(quantiles)
    # a level whose order statistic and its right neighbour are both -inf stays -inf
    for level, q in zip((0.05, 0.5, 0.95), quantiles, strict=True):
        if math.ceil((x.size - 1) * level) < k:
            assert q == -math.inf
        if level * (x.size - 1) >= k:
            assert math.isfinite(q)


def test_a_case_where_no_outcome_meets_the_red_lines_reports_minus_infinity() -> None:
    found = sensitivity(compile_scenario(load_scenario(NOZOPA)), 20, seed=0)
    assert found.margin == -math.inf
    assert found.margin_quantiles == (-math.inf, -math.inf, -math.inf)
