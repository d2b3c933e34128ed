"""Simulation engine: domain arrays, strategies, protocol invariants, events (brute force refs)."""

from __future__ import annotations

import functools
import gc

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente import resolve_scenario
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.domain import Domain
from detente.engines.simulation.events import fire, schedule
from detente.engines.simulation.protocols import _views
from detente.engines.simulation.registry import MEDIATORS, STRATEGIES
from detente.engines.simulation.state import PartyView, PublicState
from detente.engines.uncertainty import sample_parameters
from detente.model import with_parameters
from detente.model.scenario import Scenario

PRINCIPAL_STRATEGIES = sorted(STRATEGIES)


@functools.cache
def hanoi() -> tuple[Scenario, Compiled, Domain]:
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    return scenario, compiled, build_domain(compiled)


def reference_utilities(scenario: Scenario, row: dict[str, float], outcome: int) -> np.ndarray:
    """Utilities by the compile step on the scenario with the sampled parameters set."""
    compiled = compile_scenario(with_parameters(scenario, row))
    return compiled.utilities(compiled.space.decode(np.array([outcome])))[:, 0]


def test_domain_holds_exactly_the_feasible_outcomes_and_red_lines() -> None:
    _, compiled, domain = hanoi()
    ranks = compiled.space.decode(np.arange(compiled.space.size))
    assert np.array_equal(domain.index, np.flatnonzero(compiled.feasible(ranks)))
    for p, party in enumerate(compiled.parties):
        expected = np.ones(domain.n, dtype=bool)
        for c in compiled.red_lines:
            if c.party == party:
                expected &= compiled.mask(c.condition, domain.ranks)
        assert np.array_equal(domain.red_line_ok[p], expected)


def test_batch_utilities_equal_compiled_utilities_of_sampled_scenarios() -> None:
    scenario, _, domain = hanoi()
    samples = sample_parameters(scenario, 4, seed=11)
    params = domain.parameters(4)
    for k, path in enumerate(samples.paths):
        domain.apply(params, path, samples.values[:, k], delta=False)
    utilities = domain.utilities(params)
    for b in range(4):
        compiled = compile_scenario(with_parameters(scenario, samples.row(b)))
        expected = compiled.utilities(domain.ranks)
        assert np.allclose(utilities[b], expected, atol=1e-12)
        assert np.allclose(params.reservations[b], compiled.reservations)


def test_schedule_maps_dates_to_rounds_from_the_earliest_date() -> None:
    scenario, _, _ = hanoi()
    rounds = {e.id: e.round for e in schedule(scenario)}
    # Earliest date: the launch-pad rebuild starts 2019-02-16; effects count from date_end.
    assert rounds == {
        "hanoi_summit": 12,  # ends 2019-02-28
        "launch_pad_rebuild": 14,  # ends 2019-03-02
        "exercises_scaled_back": 14,  # 2019-03-02
        "moon_reengages": 16,  # 2019-03-04
        "sanctions_threat": 18,  # 2019-03-06
    }
    assert {e.id: e.round for e in schedule(scenario, days_per_round=2)}["sanctions_threat"] == 9
    assert [e.mediation for e in schedule(scenario) if e.id == "moon_reengages"] == [True]


def test_events_shift_the_documented_parameters() -> None:
    scenario, compiled, domain = hanoi()
    params = domain.parameters(3)
    usa, dprk = compiled.party_index("usa"), compiled.party_index("dprk")
    fire(domain, params, schedule(scenario))
    assert np.allclose(params.reservations[:, usa], 0.42 - 0.05)
    assert np.allclose(params.reservations[:, dprk], 0.55 + 0.03 - 0.06)
    assert np.allclose(params.hazard, 0.05 - 0.02)


def test_mediation_event_brings_the_mediator_at_its_round() -> None:
    _, _, domain = hanoi()
    config = SimulationConfig(events=("moon_reengages",), record=True, sample=False)
    result = run_batch(domain, config, 0, np.arange(4))
    movers = {move.round: move.mover for move in result.history}
    assert all(m in ("usa", "dprk") for r, m in movers.items() if r < 16)
    assert all(m == "mediator" for r, m in movers.items() if r >= 16)


def test_postures_without_events_leave_no_deal_at_the_point_values() -> None:
    # At the scenario's point values there is no zone of agreement (CASE.md, point 1), so
    # no strategy that respects its reservation can reach a deal.
    _, _, domain = hanoi()
    config = SimulationConfig(events=(), sample=False, default=parse_strategy("conceder"))
    assert not run_batch(domain, config, 0, np.arange(64)).agreement.any()


def test_concession_proposes_the_lowest_outcome_at_or_above_its_target() -> None:
    _, _, domain = hanoi()
    params = domain.parameters(2)
    utility = domain.utilities(params)
    view = PartyView("usa", utility[:, 0], domain.red_line_ok[0], domain.tables(params)[:, 0],
                     params.reservations[:, 0])  # fmt: skip
    state = PublicState(("usa", "dprk"), domain.ranks, np.arange(2, dtype=np.uint64), 20.0, None)
    negotiator = parse_strategy("boulware:e=0.5").bind(view)
    for rnd in (0, 5, 13, 20):
        state.round = rnd
        offers = negotiator.propose(state)
        ok = domain.red_line_ok[0]
        best = utility[0, 0][ok].max()
        target = best - (best - 0.42) * min(rnd / 20, 1) ** 2.0
        candidates = np.flatnonzero(ok & (utility[0, 0] >= target))
        lowest = utility[0, 0][candidates].min()
        assert utility[0, 0, offers[0]] == lowest
        assert ok[offers[0]]


def _reachable(root: object, limit: int = 20000) -> list[object]:
    seen, stack, found = set(), [root], []
    while stack and len(found) < limit:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type | str | int | float):
            continue
        seen.add(id(obj))
        found.append(obj)
        if isinstance(obj, np.ndarray):
            if obj.base is not None:
                stack.append(obj.base)
            continue
        stack.extend(gc.get_referents(obj))
    return found


@settings(max_examples=10, deadline=None)
@given(name=st.sampled_from(PRINCIPAL_STRATEGIES))
def test_no_strategy_can_reach_another_partys_preferences(name: str) -> None:
    scenario, compiled, domain = hanoi()
    params = domain.parameters(2)
    utility, views = _views(domain, params)
    negotiator = parse_strategy(name).bind(views[0])
    reachable = _reachable(negotiator)
    ids = {id(obj) for obj in reachable}
    assert not any(id(obj) in ids for obj in (views[1], domain, compiled, scenario, params))
    other = views[1]
    private = [utility, other.utility, other.table, other.reservation, params.weights,
               params.values, params.reservations, domain.red_line_ok, domain.weights]  # fmt: skip
    arrays = [obj for obj in reachable if isinstance(obj, np.ndarray)]
    assert any(np.shares_memory(a, views[0].utility) for a in arrays)  # the walk sees arrays
    for array in arrays:
        assert not any(np.shares_memory(array, secret) for secret in private)


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    usa=st.sampled_from(PRINCIPAL_STRATEGIES),
    dprk=st.sampled_from(PRINCIPAL_STRATEGIES),
    protocol=st.sampled_from(["alternating", "mediated"]),
    mediator=st.sampled_from(MEDIATORS),
    deadline=st.one_of(st.none(), st.integers(1, 40)),
)
def test_protocol_invariants(
    seed: int, usa: str, dprk: str, protocol: str, mediator: str, deadline: int | None
) -> None:
    scenario, _, domain = hanoi()
    config = SimulationConfig(
        protocol=protocol,
        strategies=(("usa", parse_strategy(usa)), ("dprk", parse_strategy(dprk))),
        mediator=parse_strategy(mediator),
        deadline=deadline,
        events=(),
        record=True,
    )
    runs = np.arange(seed % 1000, seed % 1000 + 12)
    result = run_batch(domain, config, seed, runs)
    samples = sample_parameters(scenario, 12, seed, start=int(runs[0]))
    usa_res = samples.values[:, samples.paths.index("preferences.usa.reservation")]
    dprk_res = samples.values[:, samples.paths.index("preferences.dprk.reservation")]
    reservation = {"usa": usa_res, "dprk": dprk_res}
    names = {"usa": usa, "dprk": dprk}
    utilities = {}
    for row in range(12):
        compiled = compile_scenario(with_parameters(scenario, samples.row(row)))
        utilities[row] = compiled.utilities(domain.ranks)
    for move in result.history:
        for row, offer in zip(move.rows.tolist(), move.offer.tolist(), strict=True):
            assert 0 <= offer < domain.n
            if move.mover in names and names[move.mover] != "random":
                p = domain.principals.index(move.mover)
                best = utilities[row][p][domain.red_line_ok[p]].max()
                floor = min(reservation[move.mover][row], best)
                assert utilities[row][p][offer] >= floor - 1e-12
                assert domain.red_line_ok[p][offer]
    for b in np.flatnonzero(result.agreement):
        last = [m for m in result.history if b in m.rows][-1]
        position = int(np.flatnonzero(last.rows == b)[0])
        assert domain.index[last.offer[position]] == result.outcome[b]
        assert all(answer[position] for answer in last.accepted.values())
        expected = reference_utilities(scenario, samples.row(int(b)), int(result.outcome[b]))
        assert np.allclose(result.utilities[b], expected, atol=1e-12)
    assert np.isnan(result.utilities[~result.agreement]).all()
    assert (result.outcome[~result.agreement] == -1).all()
