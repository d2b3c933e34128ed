"""Counts, why-no-deal, bridges, gaps and postures against outcome-by-outcome brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.conflicts import (
    minimal_infeasible_subsets,
    requirement_patterns,
    satisfiable,
    why_no_deal,
)
from detente.engines.analysis.counts import count_outcomes
from detente.engines.analysis.definitions import definitional_gaps
from detente.engines.analysis.postures import posture_values
from detente.engines.compile import compile_scenario
from detente.model.conditions import parse_condition
from detente.model.scenario import Scenario
from reference import feasible, holds, met, outcomes, requirement_list, scenarios, utility, zopa

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scenario(red_lines: dict[str, list[str]], reservations: dict[str, float]) -> Scenario:
    """Two issues s (sanctions: none < some < all) and d (none < part < full)."""
    values = {
        "us": {
            "s": {"none": 1.0, "some": 0.5, "all": 0.0},
            "d": {"none": 0, "part": 0.5, "full": 1},
        },
        "kp": {
            "s": {"none": 0.0, "some": 0.6, "all": 1.0},
            "d": {"none": 1, "part": 0.6, "full": 0},
        },
    }
    parties = [
        {
            "id": p,
            "name": "United States" if p == "us" else "North Korea",
            "role": "principal",
            "preferences": {
                "weights": {"s": 0.5, "d": 0.5},
                "values": values[p],
                "reservation": reservations[p],
                "red_lines": [
                    {"id": f"{p}{k}", "condition": c, "text": f"line {k}"}
                    for k, c in enumerate(red_lines.get(p, []))
                ],
            },
        }
        for p in ("us", "kp")
    ]
    issues = [
        {"id": "s", "options": [{"id": "none"}, {"id": "some"}, {"id": "all"}]},
        {"id": "d", "options": [{"id": "none"}, {"id": "part"}, {"id": "full"}]},
    ]
    data = {
        "metadata": {"id": "tiny", "title": "tiny", "as_of": "2019-03-05"},
        "parties": parties,
        "issues": issues,
        "status_quo": {"s": "none", "d": "none"},
        "definitions": [
            {
                "id": "denuc",
                "term": "denuclearization",
                "meanings": [
                    {"party": "us", "condition": "d == full"},
                    {"party": "kp", "condition": "d >= part and s >= some"},
                ],
            }
        ],
        "postures": [
            {
                "id": "offer",
                "party": "kp",
                "date": "2019-02-28",
                "kind": "offer",
                "outcome": {"s": "all"},
                "text": "all relief",
            },
        ],
    }
    return Scenario.model_validate(data)


def _near_tie(scenario: Scenario) -> bool:
    """Whether some utility is within rounding of a reservation (float noise could differ)."""
    return any(
        abs(utility(scenario, p.id, o) - p.preferences.reservation) < 1e-9
        for p in scenario.principals
        if p.preferences is not None
        for o in outcomes(scenario)
    )


def brute_mis(scenario: Scenario) -> list[tuple[int, ...]]:
    rows = [met(scenario, o) for o in outcomes(scenario) if feasible(scenario, o)]
    n = len(requirement_list(scenario))

    def sat(subset: tuple[int, ...]) -> bool:
        return any(all(row[k] for k in subset) for row in rows)

    found: list[tuple[int, ...]] = []
    for size in range(n + 1):
        for subset in itertools.combinations(range(n), size):
            if not sat(subset) and not any(set(m) <= set(subset) for m in found):
                found.append(subset)
    return found


def test_tiny_conflict_is_the_two_red_lines_and_the_reservation() -> None:
    # US: relief only with full denuclearization; KP: no deal without relief, and d < full.
    scenario = _scenario(
        {"us": ["s > none -> d == full"], "kp": ["s >= some", "d <= part"]}, {"us": 0.2, "kp": 0.2}
    )
    compiled = compile_scenario(scenario)
    assert count_outcomes(compiled).zopa == len(zopa(scenario)) == 0
    result = why_no_deal(compiled)
    labels = [tuple(r.label for r in c.requirements) for c in result.conflicts]
    assert labels == [("us:us0", "kp:kp0", "kp:kp1")]
    assert result.exact
    assert "the red line 'us0' (United States)" in result.conflicts[0].sentence


@SETTINGS
@given(scenarios())
def test_counts_match_brute_force(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    counts = count_outcomes(compiled, chunk=5)
    feas = [o for o in outcomes(scenario) if feasible(scenario, o)]
    assert counts.feasible == len(feas)
    assert counts.zopa == len(zopa(scenario))
    for pc in counts.parties:
        prefs = scenario.party(pc.party).preferences
        assert prefs is not None
        ok = [
            o
            for o in feas
            if utility(scenario, pc.party, o) >= prefs.reservation - 1e-12
            and all(holds(scenario, r.condition, o) for r in prefs.red_lines)
        ]
        assert abs(pc.acceptable - len(ok)) <= sum(
            abs(utility(scenario, pc.party, o) - prefs.reservation) < 1e-9 for o in feas
        )


@SETTINGS
@given(scenarios())
def test_mis_are_minimal_unsatisfiable_and_match_brute_force(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    _, patterns = requirement_patterns(compiled, chunk=7)
    subsets, _, exact = minimal_infeasible_subsets(patterns)
    assert exact
    for subset in subsets:
        assert not satisfiable(patterns, subset)
        for k in range(len(subset)):
            assert satisfiable(patterns, subset[:k] + subset[k + 1 :])
    if not _near_tie(scenario):
        assert subsets == brute_mis(scenario)


def test_deletion_search_beyond_the_exact_limit_finds_true_mis() -> None:
    rng = np.random.default_rng(3)
    patterns = rng.random((40, 24)) < 0.8
    subsets, method, exact = minimal_infeasible_subsets(patterns, seed=1, orderings=16)
    assert not exact and "deletion" in method and subsets
    for subset in subsets:
        assert not satisfiable(patterns, subset)
        assert all(satisfiable(patterns, subset[:k] + subset[k + 1 :]) for k in range(len(subset)))


def _zopa_with(scenario: Scenario, party: str, reservation: float) -> int:
    compiled = compile_scenario(scenario)
    res = compiled.reservations.copy()
    res[compiled.party_index(party)] = reservation
    return count_outcomes(compiled.with_reservations(res)).zopa


@SETTINGS
@given(scenarios())
def test_bridges_open_a_zopa_and_least_drop_is_least(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    if count_outcomes(compiled).has_zopa:
        return
    result = find_bridges(compiled, chunk=5)
    costs = [b.mover_cost for b in result.bridges]
    assert costs == sorted(costs)
    reqs = requirement_list(scenario)
    feas = [o for o in outcomes(scenario) if feasible(scenario, o)]
    for bridge in result.bridges:
        assert bridge.zopa > 0
        k = [f"{p}:{i}" for p, i, _ in reqs].index(bridge.move.requirement)
        if bridge.move.kind == "drop_red_line":
            expected = sum(all(m for j, m in enumerate(met(scenario, o)) if j != k) for o in feas)
            assert bridge.zopa == expected
        if bridge.move.kind == "lower_reservation":
            assert bridge.move.amount is not None and bridge.move.amount > 0
            new = bridge.move.new_reservation
            assert new is not None
            assert _zopa_with(scenario, bridge.move.party, float(new)) > 0
            assert _zopa_with(scenario, bridge.move.party, float(np.nextafter(new, 1.0))) == 0
        if bridge.move.kind == "relax_red_line":
            original = reqs[k][2]
            assert original is not None
            relaxed = original.replace(bridge.move.before, bridge.move.after, 1)
            if parse_condition(relaxed) != parse_condition(original):
                assert all(
                    holds(scenario, relaxed, o) for o in feas if holds(scenario, original, o)
                )


@SETTINGS
@given(scenarios())
def test_least_reservation_drop_matches_brute_force(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    lim = find_bridges(compiled).limits
    reqs = requirement_list(scenario)
    feas = [o for o in outcomes(scenario) if feasible(scenario, o)]
    for party in compiled.principals:
        k = reqs.index((party, "reservation", None))
        others = [o for o in feas if all(m for j, m in enumerate(met(scenario, o)) if j != k)]
        best = lim.best_other[party]
        if not others:
            assert best is None
        else:
            assert best == pytest.approx(max(utility(scenario, party, o) for o in others))


def test_tiny_bridges_by_hand() -> None:
    scenario = _scenario(
        {"us": ["s > none -> d == full"], "kp": ["s >= some", "d <= part"]}, {"us": 0.2, "kp": 0.2}
    )
    result = find_bridges(compile_scenario(scenario))
    moves = {b.move.description: b for b in result.bridges}
    # Dropping the US line admits (some|all relief, d<=part) acceptable to both: checked by hand.
    drop = next(b for d, b in moves.items() if d.startswith("drop United States"))
    expected = [o for o in outcomes(scenario) if o["s"] != "none" and o["d"] != "full"]
    expected = [o for o in expected if all(utility(scenario, p, o) >= 0.2 for p in ("us", "kp"))]
    assert drop.zopa == len(expected)
    relax = [b for b in result.bridges if b.move.kind == "relax_red_line"]
    assert any(b.move.after == "d >= part" for b in relax)


def test_definitional_gaps_match_brute_force() -> None:
    scenario = _scenario({}, {"us": 0.0, "kp": 0.0})
    (gap,) = definitional_gaps(compile_scenario(scenario), examples=2, chunk=4)
    us = [o for o in outcomes(scenario) if o["d"] == "full"]
    kp = [o for o in outcomes(scenario) if o["d"] != "none" and o["s"] != "none"]
    shared = [o for o in us if o in kp]
    assert [m.size for m in gap.meanings] == [len(us), len(kp)]
    (overlap,) = gap.overlaps
    assert overlap.shared == len(shared)
    assert overlap.only_a == len(us) - len(shared)
    # Closest to the status quo (s=none, d=none) first: the US set minus KP's starts at s=none.
    assert overlap.examples_only_a[0] == {"s": "none", "d": "full"}
    assert all(o in kp and o not in us for o in overlap.examples_only_b)
    assert gap.reading.startswith(f"United States' reading of 'denuclearization' admits {len(us)}")


def test_postures_match_brute_force() -> None:
    scenario = _scenario({}, {"us": 0.0, "kp": 0.0})
    (value,) = posture_values(compile_scenario(scenario), chunk=2)
    consistent = [o for o in outcomes(scenario) if o["s"] == "all"]
    assert value.count == len(consistent)
    for party in ("us", "kp"):
        us = [utility(scenario, party, o) for o in consistent]
        assert value.values[party].max == pytest.approx(max(us))
        assert value.values[party].min == pytest.approx(min(us))
        assert value.values[party].mean == pytest.approx(sum(us) / len(us))
    assert value.completed is not None and value.completed.outcome == {"s": "all", "d": "none"}
