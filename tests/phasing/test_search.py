"""The dynamic programme against brute force over every monotone path, and the model's
properties (hypothesis) checked with the scalar reference of ``reference.py``."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.engines.compile import Compiled, compile_scenario
from detente.engines.phasing.lattice import build_lattice
from detente.engines.phasing.search import best_path, search
from detente.engines.phasing.values import discount_vector, phase_context, trust_vector

from .reference import evaluate, min_margin, monotone_paths, random_scenario, status_quo, utility

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw: Any) -> tuple[Compiled, tuple[int, ...], int]:
    compiled = compile_scenario(random_scenario(draw))
    start = status_quo(compiled)
    final = tuple(draw(st.integers(0, len(options) - 1)) for options in compiled.space.options)
    if final == start:
        final = ((start[0] + 1) % len(compiled.space.options[0]), *start[1:])
    return compiled, final, draw(st.integers(1, 3))


def _vectors(compiled: Compiled) -> tuple[dict[str, float], dict[str, float], Any, Any]:
    ctx = phase_context(compiled)
    t, d = trust_vector(ctx), discount_vector(ctx)
    names = compiled.principals
    return dict(zip(names, t, strict=True)), dict(zip(names, d, strict=True)), t, d


def _lattice_path(lattice: Any, states: list[int]) -> list[tuple[int, ...]]:
    return [tuple(int(r) for r in lattice.ranks[s]) for s in states]


@SETTINGS
@given(cases())
def test_search_matches_brute_force(case: tuple[Compiled, tuple[int, ...], int]) -> None:
    compiled, final, k = case
    trust, discount, t, d = _vectors(compiled)
    every = [
        (path, min_margin(evaluate(compiled, path, trust, discount)))
        for path in monotone_paths(status_quo(compiled), final, k)
    ]
    feasible = [(p, m) for p, m in every if m >= -1e-9]
    ctx = phase_context(compiled)
    lattice = build_lattice(ctx, np.array(final, dtype=np.int16))
    found = search(lattice, t, d, 0.0, k)
    assert bool(found.lengths()) == bool(feasible)
    if feasible:
        assert found.lengths()[0] == min(len(p) - 1 for p, _ in feasible)
    best = best_path(lattice, t, d, list(range(1, k + 1)))
    assert best is not None
    states, margin, _ = best
    path = _lattice_path(lattice, states)
    assert path in [p for p, _ in every]
    assert abs(margin - max(m for _, m in every)) < 1e-6
    assert abs(min_margin(evaluate(compiled, path, trust, discount)) - margin) < 1e-9


@SETTINGS
@given(cases(), st.floats(0.05, 1.0), st.floats(0.0, 1.0))
def test_raising_trust_keeps_paths_feasible(
    case: tuple[Compiled, tuple[int, ...], int], low: float, raise_by: float
) -> None:
    compiled, final, k = case
    _, discount, _, d = _vectors(compiled)
    high = low + (1.0 - low) * raise_by
    lattice = build_lattice(phase_context(compiled), np.array(final, dtype=np.int16))
    at_low = {p: low for p in compiled.principals}
    at_high = {p: high for p in compiled.principals}
    for path in monotone_paths(status_quo(compiled), final, k):
        if min_margin(evaluate(compiled, path, at_low, discount)) >= -1e-9:
            assert min_margin(evaluate(compiled, path, at_high, discount)) >= -1e-9
    exists_low = bool(search(lattice, np.full(2, low), d, 0.0, k).lengths())
    exists_high = bool(search(lattice, np.full(2, high), d, 0.0, k).lengths())
    assert exists_high or not exists_low


@SETTINGS
@given(cases())
def test_reported_paths_are_monotone_and_self_enforcing(
    case: tuple[Compiled, tuple[int, ...], int],
) -> None:
    compiled, final, k = case
    trust, discount, t, d = _vectors(compiled)
    lattice = build_lattice(phase_context(compiled), np.array(final, dtype=np.int16))
    lengths = search(lattice, t, d, 0.0, k).lengths()
    for steps in ([lengths[0]] if lengths else [], list(range(1, k + 1))):
        if not steps:
            continue
        found = best_path(lattice, t, d, steps)
        assert found is not None
        path = _lattice_path(lattice, found[0])
        assert path[0] == status_quo(compiled) and path[-1] == final
        assert path in list(monotone_paths(status_quo(compiled), final, k))
        if lengths:
            assert min_margin(evaluate(compiled, path, trust, discount)) >= -1e-9


@SETTINGS
@given(cases())
def test_full_trust_no_discount_and_final_in_zopa_has_a_path(
    case: tuple[Compiled, tuple[int, ...], int],
) -> None:
    compiled, final, k = case
    in_zopa = all(
        utility(compiled, p, final) >= compiled.reservations[compiled.party_index(p)]
        for p in compiled.principals
    )
    lattice = build_lattice(phase_context(compiled), np.array(final, dtype=np.int16))
    exists = bool(search(lattice, np.ones(2), np.ones(2), 0.0, k).lengths())
    assert exists or not in_zopa
