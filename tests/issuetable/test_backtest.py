"""Scoring: bootstrap intervals, paired differences, cross-validation against brute force."""

from __future__ import annotations

import numpy as np

from detente.engines.issuetable.backtest import Forecasts, score
from detente.engines.issuetable.ensemble import cross_validate, simplex_grid


def _forecasts(seed: int = 0) -> Forecasts:
    rng = np.random.default_rng(seed)
    n = 40
    outcome = rng.uniform(0, 100, n)
    a = outcome + rng.normal(0, 10, n)
    b = outcome + rng.normal(0, 20, n)
    groups = tuple(f"g{k // 3}" for k in range(n))
    return Forecasts(("a", "b"), tuple(map(str, range(n))), groups, outcome, np.vstack([a, b]))


def test_score_values_and_seed() -> None:
    f = _forecasts()
    one = score(f, "a", bootstrap=500, seed=3)
    assert one == score(f, "a", bootstrap=500, seed=3)
    errors = np.abs(f.values - f.outcome)
    for s, e in zip(one, errors, strict=True):
        assert s.mae == float(e.mean())
        assert s.mae_low <= s.mae <= s.mae_high
        assert s.within5 == float((e <= 5).mean()) and s.within10 == float((e <= 10).mean())
    assert one[0].diff == 0.0 == one[0].diff_low == one[0].diff_high
    assert one[1].diff == one[1].mae - one[0].mae and one[1].diff_low <= one[1].diff


def test_cluster_bootstrap_by_brute_force() -> None:
    # The replicate MAE equals the issue-weighted mean over drawn proposals: compare the
    # interval with a direct loop over the same multinomial draws.
    f = _forecasts(1)
    groups = np.unique(f.groups)
    rng = np.random.default_rng(7)
    draws = rng.multinomial(groups.size, np.full(groups.size, 1 / groups.size), size=300)
    errors = np.abs(f.values[0] - f.outcome)
    reps = []
    for d in draws:
        chosen = np.concatenate(
            [np.tile(errors[np.array(f.groups) == g], k) for g, k in zip(groups, d, strict=True)]
        )
        reps.append(chosen.mean())
    low, high = np.percentile(reps, [2.5, 97.5])
    s = score(f, "a", bootstrap=300, seed=7)[0]
    assert np.isclose(s.mae_low, low) and np.isclose(s.mae_high, high)


def test_cross_validation_leaves_the_proposal_out() -> None:
    f = _forecasts(2)
    candidates = simplex_grid(2, 0.25)
    out = cross_validate(f, ("a", "b"), candidates)
    groups = np.array(f.groups)
    for g in np.unique(groups):
        train = groups != g
        errs = [np.abs(c @ f.values[:, train] - f.outcome[train]).mean() for c in candidates]
        best = candidates[int(np.argmin(errs))]
        assert np.allclose(out[~train], best @ f.values[:, ~train])


def test_simplex_grid() -> None:
    grid = simplex_grid(3, 0.1)
    assert grid.shape == (66, 3) and np.allclose(grid.sum(axis=1), 1.0) and (grid >= 0).all()
