"""Verification and trust that grows: the belief-augmented search against brute force with the
scalar reference, and the properties of docs/phased-deals.md (hypothesis)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.engines.compile import Compiled
from detente.engines.phasing import analyse_phasing
from detente.engines.phasing.beliefs import with_beliefs
from detente.engines.phasing.finals import Final
from detente.engines.phasing.lattice import build_lattice
from detente.engines.phasing.paths import path_numbers
from detente.engines.phasing.search import best_path, search
from detente.engines.phasing.values import phase_context

from .reference import evaluate, min_margin, monotone_paths, status_quo
from .reference_learning import evaluate_learning
from .test_search import _vectors, cases

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
unit = st.floats(0.0, 1.0).map(lambda v: round(v, 3))


def _lattice(
    compiled: Compiled, final: tuple[int, ...], v: Any, learning: bool, snapback: bool = False
) -> Any:
    ctx = phase_context(compiled, snapback)
    lat = build_lattice(ctx, np.array(final, dtype=np.int16), verification=v)
    return with_beliefs(lat) if learning else lat


@SETTINGS
@given(cases(), unit, unit, st.booleans(), st.booleans())
def test_search_with_verification_and_learning_matches_brute_force(
    case: tuple[Compiled, tuple[int, ...], int],
    va: float,
    vb: float,
    learning: bool,
    snapback: bool,
) -> None:
    compiled, final, k = case
    trust, discount, t, d = _vectors(compiled)
    verification = {"a": va, "b": vb}
    every = [
        (path, min_margin(evaluate_learning(compiled, path, trust, discount, verification,
                                            learning, snapback)))
        for path in monotone_paths(status_quo(compiled), final, k)
    ]  # fmt: skip
    feasible = [m for _, m in every if m >= -1e-9]
    lat = _lattice(compiled, final, np.array([va, vb]), learning, snapback)
    found = search(lat, t, d, 0.0, k)
    assert bool(found.lengths()) == bool(feasible)
    best = best_path(lat, t, d, list(range(1, k + 1)))
    assert best is not None
    assert abs(best[1] - max(m for _, m in every)) < 1e-6
    path = [tuple(int(r) for r in lat.ranks[s]) for s in best[0]]
    numbers = path_numbers(phase_context(compiled, snapback), lat.ranks[best[0]], t, d,
                           np.array([va, vb]), learning)  # fmt: skip
    reference = evaluate_learning(compiled, path, trust, discount, verification, learning,
                                  snapback)  # fmt: skip
    assert abs(numbers.min_margin - min_margin(reference)) < 1e-9


@SETTINGS
@given(cases())
def test_no_learning_and_full_verification_is_todays_model(
    case: tuple[Compiled, tuple[int, ...], int],
) -> None:
    compiled, final, k = case
    trust, discount, t, d = _vectors(compiled)
    ctx = phase_context(compiled)
    for path in list(monotone_paths(status_quo(compiled), final, k))[:20]:
        ranks = np.array(path, dtype=np.int16)
        numbers = path_numbers(ctx, ranks, t, d, np.ones(2), learning=False)
        today = evaluate(compiled, path, trust, discount)["margins"]
        expected = np.array([[m[p] for p in compiled.principals] for m in today])
        assert np.allclose(numbers.margins, expected, atol=1e-12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), unit, unit)
def test_learning_never_raises_a_threshold(
    case: tuple[Compiled, tuple[int, ...], int], va: float, vb: float
) -> None:
    compiled, final, k = case
    chosen = Final(np.array(final, dtype=np.int16), "drawn")
    v = {"a": va, "b": vb}
    before = analyse_phasing(compiled, chosen, max_steps=k, verification=v)
    after = analyse_phasing(compiled, chosen, max_steps=k, verification=v, learning=True)
    for old, new in ((before.phased_threshold, after.phased_threshold),
                     (before.big_bang_threshold, after.big_bang_threshold)):  # fmt: skip
        if old is not None:
            assert new is not None and new <= old + 1e-5
    assert after.exists or not before.exists


@SETTINGS
@given(cases())
def test_undetected_cheating_never_helps_the_victim(
    case: tuple[Compiled, tuple[int, ...], int],
) -> None:
    """Lower verification never raises a margin: being stuck is worth at most snapping back."""
    compiled, final, k = case
    _, _, t, d = _vectors(compiled)
    ctx = phase_context(compiled)
    for path in list(monotone_paths(status_quo(compiled), final, k))[:20]:
        ranks = np.array(path, dtype=np.int16)
        full = path_numbers(ctx, ranks, t, d, np.ones(2))
        blind = path_numbers(ctx, ranks, t, d, np.zeros(2))
        assert (blind.fallback <= full.fallback + 1e-12).all()
        assert (blind.values <= full.values + 1e-12).all()


def _exchange() -> Compiled:
    """Two principals, each giving one irreversible issue the other values more (hand-built)."""
    from detente.engines.compile import compile_scenario
    from detente.model.scenario import Scenario

    options = [{"id": o, "reversible": False} for o in ("none", "half", "all")]
    issues = [{"id": "x", "options": options}, {"id": "y", "options": options}]
    gives = {"none": 1.0, "half": 0.5, "all": 0.0}
    gets = {"none": 0.0, "half": 0.5, "all": 1.0}
    parties = [
        {"id": "a", "name": "a", "role": "principal", "preferences": {
            "weights": {"x": 0.3, "y": 0.7}, "values": {"x": gives, "y": gets},
            "reservation": 0.3}},
        {"id": "b", "name": "b", "role": "principal", "preferences": {
            "weights": {"x": 0.7, "y": 0.3}, "values": {"x": gets, "y": gives},
            "reservation": 0.3}},
    ]  # fmt: skip
    scenario = Scenario.model_validate({
        "metadata": {"id": "exchange", "title": "exchange", "as_of": "2020-01-01"},
        "parties": parties, "issues": issues, "status_quo": {"x": "none", "y": "none"},
        "process": {"trust": {"a": 0.5, "b": 0.5}},
    })  # fmt: skip
    return compile_scenario(scenario)


def test_small_reciprocal_first_step_lowers_the_threshold_by_hand() -> None:
    """Hand computation (docs/phased-deals.md, theorem): big bang needs mu >= 3/7; the path
    (half, half) then (all, all) needs 3/7 without learning and 3/11 with it."""
    compiled = _exchange()
    final = Final(np.array([2, 2], dtype=np.int16), "all, all")
    plain = analyse_phasing(compiled, final, max_steps=2)
    learnt = analyse_phasing(compiled, final, max_steps=2, learning=True)
    assert plain.big_bang_threshold is not None and learnt.big_bang_threshold is not None
    assert abs(plain.big_bang_threshold - 3 / 7) < 1e-6
    assert abs(learnt.big_bang_threshold - 3 / 7) < 1e-6  # one step: nothing to learn from
    assert plain.phased_threshold is not None and abs(plain.phased_threshold - 3 / 7) < 1e-5
    assert learnt.phased_threshold is not None and learnt.phased_threshold <= 3 / 11 + 1e-5
    ctx = phase_context(compiled)
    half = np.array([[0, 0], [1, 1], [2, 2]], dtype=np.int16)
    numbers = path_numbers(ctx, half, np.full(2, 0.5), np.ones(2), np.ones(2), learning=True)
    # V_a(0) = 0.5 * 0.7 + 0.5 * 0.15 = 0.425 against r_a = 0.3; V_a(1) = 0.7 against 0.5.
    assert np.allclose(numbers.margins[:, 0], [0.125, 0.2])
    assert numbers.classes.tolist() == [[1, 1], [2, 2]]


def test_a_mediators_side_payment_costs_the_mediator() -> None:
    """A third party with role mediator whose value drops on issue x pays for moving x."""
    from detente.engines.compile import compile_scenario
    from detente.engines.phasing.reports import path_report
    from detente.model.scenario import Scenario

    base = _exchange().scenario.model_dump(mode="python")
    base["parties"].append({"id": "m", "name": "m", "role": "mediator", "preferences": {
        "weights": {"x": 1.0}, "values": {"x": {"none": 1.0, "half": 0.5, "all": 0.0}},
        "reservation": 0.0}})  # fmt: skip
    compiled = compile_scenario(Scenario.model_validate(base))
    ctx = phase_context(compiled)
    ranks = np.array([[0, 0], [1, 1], [2, 2]], dtype=np.int16)
    report = path_report(ctx, path_numbers(ctx, ranks, np.full(2, 0.5), np.ones(2)))
    moves = {m.issue: m for step in report.steps for m in step.moves}
    assert moves["x"].payers == ("m",) and moves["y"].payers == ()
    assert moves["x"].givers == ("a",)
