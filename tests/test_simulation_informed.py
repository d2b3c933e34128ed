"""The informed mediator against a brute-force Nash text, and the deal-quality measures against
a direct pairwise comparison."""

from __future__ import annotations

import math

import numpy as np

from detente import resolve_scenario
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.protocols import setup_runs
from detente.engines.simulation.quality import deal_quality


def _config(**changes: object) -> SimulationConfig:
    base = {"protocol": "mediated", "mediator": parse_strategy("informed"), "sample": False,
            "events": ()}  # fmt: skip
    return SimulationConfig(**{**base, **changes})  # type: ignore[arg-type]


def _brute_text(case: str) -> int:
    """argmax over outcomes of sum log gains (principals, and the mediator party if any),
    within the zone and the mediator's own acceptable texts when any, one outcome at a time."""
    compiled = compile_scenario(resolve_scenario(case))
    domain = build_domain(compiled)
    roles = {p.id: p.role for p in compiled.scenario.parties}
    own = [p for p in compiled.parties if roles[p] == "mediator"]
    best, best_key = -1, (-1, -math.inf)
    for k in range(domain.n):
        u = compiled.utilities(domain.ranks[k : k + 1])[:, 0]
        gains = [u[compiled.party_index(p)] - compiled.reservations[compiled.party_index(p)]
                 for p in compiled.principals]  # fmt: skip
        lines = all(domain.red_line_ok[compiled.party_index(p), k] for p in compiled.principals)
        if not lines or min(gains) < -1e-12:
            continue
        score = sum(math.log(max(g, 1e-12)) for g in gains)
        fits = 1
        for m in own:
            mine = u[compiled.party_index(m)] - compiled.reservations[compiled.party_index(m)]
            fits = int(mine >= -1e-12 and bool(domain.red_line_ok[compiled.party_index(m), k]))
            score += math.log(max(mine, 1e-12))
        if (fits, score) > best_key:
            best, best_key = k, (fits, score)
    return best


def test_first_text_is_the_brute_force_nash_text() -> None:
    for case in ("reykjavik-1986", "singapore-2018"):
        compiled = compile_scenario(resolve_scenario(case))
        domain = build_domain(compiled)
        talks, _ = setup_runs(domain, _config(), 0, np.arange(3))
        assert talks.mediator is not None
        texts = talks.mediator.propose(talks.state)
        assert texts.tolist() == [_brute_text(case)] * 3


def test_without_a_mediator_party_the_text_is_the_analysis_nash_deal() -> None:
    compiled = compile_scenario(resolve_scenario("reykjavik-1986"))
    domain = build_domain(compiled)
    talks, _ = setup_runs(domain, _config(), 0, np.arange(1))
    assert talks.mediator is not None
    text = int(talks.mediator.propose(talks.state)[0])
    nash = bargaining_solutions(compiled)["nash"]
    assert int(domain.index[text]) == nash.index


def test_informed_deals_are_the_nash_deal_and_never_dominated() -> None:
    compiled = compile_scenario(resolve_scenario("singapore-2018"))
    result = run_batch(build_domain(compiled), _config(), 5, np.arange(64))
    assert result.agreement.any()
    (text,) = set(result.outcome[result.agreement].tolist())
    assert text == int(build_domain(compiled).index[_brute_text("singapore-2018")])
    quality = deal_quality(compiled, result.outcome)
    assert quality.dominated_share == 0.0 and quality.nash_distance is not None


def test_same_runs_whatever_the_batching() -> None:
    domain = build_domain(compile_scenario(resolve_scenario("singapore-2018")))
    config = _config(sample=True, events=None)
    whole = run_batch(domain, config, 9, np.arange(40))
    parts = [run_batch(domain, config, 9, np.arange(k, k + 10)) for k in range(0, 40, 10)]
    assert np.array_equal(whole.outcome, np.concatenate([p.outcome for p in parts]))
    assert np.array_equal(whole.rounds, np.concatenate([p.rounds for p in parts]))


def test_deal_quality_against_pairwise_comparison() -> None:
    compiled = compile_scenario(resolve_scenario("singapore-2018"))
    domain = build_domain(compiled)
    rows = [compiled.party_index(p) for p in compiled.principals]
    rng = np.random.default_rng(4)
    picks = domain.index[rng.integers(0, domain.n, 25)]
    utilities = compiled.utilities(domain.ranks)[rows].T
    acceptable = np.all(domain.red_line_ok[rows], axis=0)
    pool = utilities[acceptable]
    expected = []
    for k in picks:
        u = compiled.utilities(compiled.space.decode(np.array([k])))[rows, 0]
        expected.append(any(np.all(v >= u - 1e-12) and np.any(v > u + 1e-12) for v in pool))
    quality = deal_quality(compiled, np.r_[picks, -1])
    assert quality.deals == 25
    assert quality.dominated_share == np.mean(expected)
    nash = bargaining_solutions(compiled)["nash"]
    target = np.array([nash.utilities[p] for p in compiled.principals])
    distances = [np.linalg.norm(compiled.utilities(compiled.space.decode(np.array([k])))[rows, 0]
                                - target) for k in picks]  # fmt: skip
    assert abs(quality.nash_distance - float(np.mean(distances))) < 1e-12  # type: ignore[operator]


def test_no_deal_no_quality() -> None:
    compiled = compile_scenario(resolve_scenario("camp-david-1978"))
    quality = deal_quality(compiled, np.array([-1, -1]))
    assert quality.deals == 0 and quality.dominated_share is None


def test_red_line_patterns_are_a_distribution_over_held_lines() -> None:
    from detente.engines.simulation.bluffs import red_line_patterns

    scenario = resolve_scenario("camp-david-1978")
    soft = {
        f"{p.id}:{r.id}": r.credibility
        for p in scenario.parties
        if p.role == "principal" and p.preferences is not None
        for r in p.preferences.red_lines
        if r.credibility < 1.0
    }
    patterns = red_line_patterns(scenario)
    assert abs(sum(p for p, _, _ in patterns) - 1.0) < 1e-12
    for probability, variant, called in patterns:
        expected = 1.0
        for line, c in soft.items():
            expected *= (1.0 - c) if line in called else c
        assert abs(probability - expected) < 1e-12
        kept = {f"{p.id}:{r.id}" for p in variant.parties if p.preferences is not None
                for r in p.preferences.red_lines}  # fmt: skip
        assert not kept & set(called)
    assert any(not called for _, _, called in patterns)


def test_responsive_strategy_feels_the_nearer_of_deadline_and_hazard() -> None:
    from detente.engines.simulation.protocols import _views
    from detente.engines.simulation.state import PublicState
    from detente.engines.simulation.strategies import Concession, Responsive

    domain = build_domain(compile_scenario(resolve_scenario("hanoi-2019")))
    _, views = _views(domain, domain.parameters(3))
    state = PublicState(domain.principals, domain.ranks, np.arange(3, dtype=np.uint64), 30, 30)
    state.hazard = np.array([0.0, 0.1, 0.02])
    state.round = 5
    responsive = Responsive(views[0])
    # Time left: min(30, inf) = 30; min(30, 10) = 10; min(30, 50) = 30.
    assert np.allclose(responsive.pressure(state), [5 / 30, 5 / 10, 5 / 30])
    linear = Concession(views[0], e=1.0)
    target = responsive.target(state)
    assert np.allclose(target[[0, 2]], linear.target(state)[[0, 2]])
    assert target[1] < linear.target(state)[1]


def test_responsive_strategy_matches_the_others_concession() -> None:
    from detente.engines.simulation.protocols import _views
    from detente.engines.simulation.state import PublicState
    from detente.engines.simulation.strategies import Responsive

    domain = build_domain(compile_scenario(resolve_scenario("hanoi-2019")))
    _, views = _views(domain, domain.parameters(1))
    usa = views[0]
    state = PublicState(domain.principals, domain.ranks, np.arange(1, dtype=np.uint64), 1e9, None)
    responsive = Responsive(usa)
    responsive.target(state)  # round 0: the opening (no concession yet)
    state.round = 1
    order = np.argsort(usa.utility[0])
    low, high = int(order[len(order) // 4]), int(order[-len(order) // 4])
    state.previous_offer["dprk"][:] = low
    state.last_offer["dprk"][:] = high
    gain = float(usa.utility[0, high] - usa.utility[0, low])
    target = responsive.target(state)
    expected = max(float(usa.best[0]) - gain, float(usa.reservation[0]))
    assert abs(float(target[0]) - expected) < 1e-6  # the time target is 1e-9 below best
