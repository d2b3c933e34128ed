"""The fast per-run ranking and the whole-space kernel equal their plain definitions exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from detente.engines.kernel import additive_sum, outcome_utilities, space_sum, utilities
from detente.engines.simulation.ranking import Ranking, _packed_order
from detente.engines.simulation.ranking import stable_order as _sorted
from detente.engines.space import OutcomeSpace

# Keys with exact ties, near ties (a few ulps apart), signed zeros, -inf and negatives.
keys = st.sampled_from([0.0, -0.0, 0.3, 0.1 + 0.2, 0.30000000000000004, -0.25, 1.0, -np.inf])
values = st.one_of(keys, st.floats(-2, 2, allow_nan=False, allow_subnormal=True))


@settings(max_examples=300, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 40), st.integers(1, 70)), elements=values),
       st.integers(1, 9))  # fmt: skip
def test_ranking_is_the_stable_argsort(key: np.ndarray, block: int) -> None:
    order, ranked = _sorted(key, block)
    expected = np.argsort(key, axis=1, kind="stable")
    assert np.array_equal(order, expected)
    assert np.array_equal(ranked, np.take_along_axis(key, expected, axis=1))


def test_ranking_of_wide_rows_with_near_ties() -> None:
    rng = np.random.default_rng(3)
    key = np.round(rng.random((40, 5000)), 3) + rng.choice([0.0, 1e-16, -1e-16, 2e-16], (40, 5000))
    assert np.array_equal(_sorted(key)[0], np.argsort(key, axis=1, kind="stable"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=5), st.integers(1, 4), st.data())
def test_whole_space_sums_equal_the_gathered_sums(
    radices: list[int], lead: int, data: st.DataObject
) -> None:
    space = OutcomeSpace(
        tuple(f"i{i}" for i in range(len(radices))),
        tuple(tuple(f"o{r}" for r in range(n)) for n in radices),
    )
    width = max(radices)
    tables = data.draw(arrays(np.float64, (lead, 2, len(radices), width), elements=st.floats(0, 1)))
    ranks = space.decode(np.arange(space.size))
    assert np.array_equal(space_sum(tables, tuple(radices)), additive_sum(tables, ranks))
    # One outcome per setting: the same floats as the row of the full utilities.
    bonuses = data.draw(arrays(np.float64, (lead, 2, 2), elements=st.floats(-1, 1)))
    masks = data.draw(arrays(np.bool_, (2, 2, space.size)))
    full = utilities(tables, bonuses, masks, ranks)
    picks = np.array(data.draw(st.lists(st.integers(0, space.size - 1), min_size=lead,
                                        max_size=lead)))  # fmt: skip
    at = outcome_utilities(tables, bonuses, masks[:, :, picks], ranks[picks])
    assert np.array_equal(at, full[np.arange(lead), :, picks])


def plain_at_least(key: np.ndarray, columns: np.ndarray, run: int, target: float) -> int:
    """The definition: the lowest key >= target, ties by the lowest column; else the highest
    key, ties by the highest column."""
    row = key[run]
    ok = np.flatnonzero(row >= target)
    if ok.size:
        best = row[ok].min()
        return int(columns[ok[row[ok] == best][0]])
    top = np.flatnonzero(row == row.max())
    return int(columns[top[-1]])


@settings(max_examples=150, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 300)), elements=values),
    st.lists(st.lists(st.one_of(values, st.just(np.inf)), min_size=1, max_size=6),
             min_size=1, max_size=8),
    st.data(),
)  # fmt: skip
def test_ranking_answers_like_the_definition(
    key: np.ndarray, rounds: list[list[float]], data: st.DataObject
) -> None:
    width = key.shape[1]
    allowed = np.array(data.draw(st.lists(st.booleans(), min_size=width, max_size=width)))
    if not allowed.any():
        allowed[0] = True
    columns = np.flatnonzero(allowed)
    direct = Ranking.sort(key[:, columns], columns)
    filtered = Ranking.of(Ranking.sort(key, np.arange(width)), allowed)  # scanned or built
    for ranking in (direct, filtered):
        assert np.array_equal(ranking.best, key[:, columns].max(axis=1))
    for targets in rounds:
        rows = np.array(data.draw(st.lists(st.integers(0, key.shape[0] - 1), min_size=1,
                                           max_size=len(targets))), dtype=np.int64)  # fmt: skip
        t = np.array(targets[: rows.shape[0]])
        expected = [
            plain_at_least(key[:, columns], columns, int(r), float(x))
            for r, x in zip(rows, t, strict=True)
        ]
        assert direct.at_least(rows, t).tolist() == expected
        assert filtered.at_least(rows, t).tolist() == expected


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 200)),
              elements=st.integers(-4000, 4000).map(lambda k: k / 1000)))  # fmt: skip
def test_packed_order_alone_is_exact_when_keys_differ_in_their_high_bits(key: np.ndarray) -> None:
    """The fast path, before any re-sort: signs, ties and -0.0 handled by the packing."""
    key[:, ::5] = -0.0 * key[:, ::5]
    out = np.empty(key.shape, dtype=np.int64)
    shift = np.uint64(max(1, (key.shape[1] - 1).bit_length()))
    _packed_order(key, np.arange(key.shape[1], dtype=np.uint64), shift, out)
    assert np.array_equal(out, np.argsort(key, axis=1, kind="stable"))
