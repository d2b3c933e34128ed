"""Random scenarios for the analysis tests: linear-additive domains, optionally constrained."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import strategies as st

from detente.model.scenario import Scenario

__all__ = ["brute_pareto", "domain_dict", "domains", "random_scenario"]


def domain_dict(
    option_counts: Sequence[int],
    values: Sequence[Sequence[Sequence[float]]],
    weights: Sequence[Sequence[float]],
    reservations: Sequence[float],
    *,
    feasibility: Sequence[str] = (),
    red_lines: Sequence[tuple[int, str]] = (),
    linkage: Sequence[tuple[int, str, float]] = (),
) -> dict[str, Any]:
    """A scenario mapping: ``values[p][i][r]`` party p's value of option r of issue i."""
    issues = [
        {"id": f"i{i}", "options": [{"id": f"o{r}"} for r in range(n)]}
        for i, n in enumerate(option_counts)
    ]
    parties = []
    for p, (party_values, party_weights) in enumerate(zip(values, weights, strict=True)):
        prefs: dict[str, Any] = {
            "weights": {f"i{i}": float(w) for i, w in enumerate(party_weights)},
            "values": {
                f"i{i}": {f"o{r}": float(v) for r, v in enumerate(vs)}
                for i, vs in enumerate(party_values)
            },
            "reservation": float(reservations[p]),
            "red_lines": [
                {"id": f"r{k}", "condition": c} for k, (q, c) in enumerate(red_lines) if q == p
            ],
            "linkage": [
                {"id": f"l{k}", "condition": c, "bonus": b}
                for k, (q, c, b) in enumerate(linkage)
                if q == p
            ],
        }
        parties.append(
            {"id": f"p{p}", "name": f"Party {p}", "role": "principal", "preferences": prefs}
        )
    return {
        "metadata": {"id": "random", "title": "random domain", "as_of": "2020-01-01"},
        "parties": parties,
        "issues": issues,
        "feasibility": [{"id": f"f{k}", "condition": c} for k, c in enumerate(feasibility)],
    }


def random_scenario(
    option_counts: Sequence[int], n_parties: int, seed: int, reservation: float = 0.0
) -> Scenario:
    """A random linear-additive scenario (values and weights uniform on [0, 1])."""
    rng = np.random.default_rng(seed)
    values = [[rng.random(n).tolist() for n in option_counts] for _ in range(n_parties)]
    weights = [rng.random(len(option_counts)).tolist() for _ in range(n_parties)]
    data = domain_dict(option_counts, values, weights, [reservation] * n_parties)
    return Scenario.model_validate(data)


@st.composite
def domains(
    draw: st.DrawFn,
    max_parties: int = 4,
    constrained: bool = False,
) -> Scenario:
    """Small scenarios with values on a coarse grid (ties and duplicates are common)."""
    counts = draw(st.lists(st.integers(2, 4), min_size=1, max_size=4))
    n_parties = draw(st.integers(2, max_parties))
    grid = st.integers(0, 4).map(lambda k: k / 4)
    values = [
        [draw(st.lists(grid, min_size=n, max_size=n)) for n in counts] for _ in range(n_parties)
    ]
    weights = [
        draw(st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=len(counts), max_size=len(counts)))
        for _ in range(n_parties)
    ]
    reservations = draw(
        st.lists(st.sampled_from([0.0, 0.25, 0.5]), min_size=n_parties, max_size=n_parties)
    )
    extra: dict[str, Any] = {}
    if constrained:
        issue = st.integers(0, len(counts) - 1)
        cond = st.builds(lambda i, r: f"i{i} >= o{r}", issue, st.integers(0, 1))
        extra["feasibility"] = draw(st.lists(cond, max_size=1))
        extra["red_lines"] = draw(
            st.lists(st.tuples(st.integers(0, n_parties - 1), cond), max_size=2)
        )
        extra["linkage"] = draw(
            st.lists(
                st.tuples(st.integers(0, n_parties - 1), cond, st.sampled_from([-0.25, 0.25])),
                max_size=1,
            )
        )
    return Scenario.model_validate(domain_dict(counts, values, weights, reservations, **extra))


def brute_pareto(points: np.ndarray) -> np.ndarray:
    """O(n^2) reference: column j is kept when no column is >= everywhere and > somewhere."""
    n = points.shape[1]
    weak = np.ones((n, n), dtype=bool)
    strict = np.zeros((n, n), dtype=bool)
    for row in points:
        weak &= row[:, None] >= row[None, :]
        strict |= row[:, None] > row[None, :]
    return ~(weak & strict).any(axis=0)
