"""The cell-pruned skyline against an O(n^2) brute force, margins and ties included."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from detente.engines.analysis import skyline
from detente.engines.analysis.skyline import dominated_by, skyline_mask


def brute_dominated(a: np.ndarray, b: np.ndarray, tol: float) -> np.ndarray:
    """Column j of b is dominated when some column of a is >= everywhere and > tol somewhere."""
    weak = np.ones((a.shape[1], b.shape[1]), dtype=bool)
    strict = np.zeros((a.shape[1], b.shape[1]), dtype=bool)
    for p in range(a.shape[0]):
        weak &= a[p][:, None] >= b[p][None, :]
        strict |= a[p][:, None] > b[p][None, :] + tol
    return (weak & strict).any(axis=0)


@pytest.mark.parametrize("parties", [3, 4, 5, 6])
@pytest.mark.parametrize("tol", [0.0, 0.05])
def test_cell_path_matches_brute_force(parties: int, tol: float) -> None:
    rng = np.random.default_rng(parties)
    # Points near a surface (a large skyline), on a coarse grid (ties), and plain random.
    n = 3000
    raw = rng.random((parties, n))
    surface = raw / raw.sum(axis=0) + 0.02 * rng.random((parties, n))
    coarse = np.round(rng.random((parties, n)) * 6) / 6
    for points in (surface, coarse, raw):
        assert n > skyline._SMALL  # the partitioned path, not the all-pairs one
        expected = ~brute_dominated(points, points, tol)
        assert np.array_equal(skyline_mask(points, tol), expected)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(3, 5).flatmap(
        lambda p: arrays(
            np.float64, st.tuples(st.just(p), st.integers(0, 60)), elements=st.integers(0, 3)
        )
    ),
    st.sampled_from([0.0, 0.5]),
)
def test_dominated_by_matches_brute_force(points: np.ndarray, tol: float) -> None:
    half = points.shape[1] // 2
    a, b = points[:, :half], points[:, half:]
    assert np.array_equal(dominated_by(a, b, tol), brute_dominated(a, b, tol))


def test_dominated_by_in_many_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(skyline, "_SLICE", 7)
    monkeypatch.setattr(skyline, "_PAIRS", 50)
    rng = np.random.default_rng(0)
    a, b = rng.random((3, 200)), rng.random((3, 150))
    assert np.array_equal(dominated_by(a, b), brute_dominated(a, b, 0.0))
