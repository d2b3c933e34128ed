"""Red-line credibility: exact against brute force, and the properties of issue #14."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from detente import resolve_scenario
from detente.engines.analysis.acceptability import requirements
from detente.engines.analysis.analyze import analyze
from detente.engines.analysis.batched import evaluate_settings
from detente.engines.analysis.conflicts import requirement_patterns, why_no_deal
from detente.engines.analysis.credibility import credibility_analysis, distribution_cdf
from detente.engines.analysis.events import zopa_and_nash
from detente.engines.analysis.holds import evaluate_with_holds, hold_uniforms, sample_holds
from detente.engines.analysis.sensitivity import sensitivity
from detente.engines.compile import compile_scenario
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import get_parameter, parameter_problem, with_parameters
from detente.model.scenario import Distribution, Scenario
from tests.reference import scenarios, zopa

SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINE = "preferences.usa.red_lines.no_relief_before_complete_denuclearization.credibility"


def _lines(scenario: Scenario) -> list[tuple[str, str]]:
    return [
        (p.id, r.id)
        for p in scenario.principals
        if p.preferences is not None
        for r in p.preferences.red_lines
    ]


def _with(scenario: Scenario, credibility: dict[tuple[str, str], float]) -> Scenario:
    data = scenario.model_dump(mode="python")
    for party in data["parties"]:
        for line in (party.get("preferences") or {}).get("red_lines", []):
            line["credibility"] = credibility.get((party["id"], line["id"]), line["credibility"])
    return Scenario.model_validate(data)


def _keep(scenario: Scenario, kept: set[tuple[str, str]]) -> Scenario:
    data = scenario.model_dump(mode="python")
    for party in data["parties"]:
        prefs = party.get("preferences")
        if prefs and party["role"] == "principal":
            prefs["red_lines"] = [r for r in prefs["red_lines"] if (party["id"], r["id"]) in kept]
    return Scenario.model_validate(data)


def _same(a: Any, b: Any) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("zopa", "nash", "margin"))


def _exact(scenario: Scenario, samples: int = 0, seed: int = 0) -> Any:
    compiled = compile_scenario(scenario)
    reqs, patterns = requirement_patterns(compiled)
    conflicts = why_no_deal(compiled)
    return credibility_analysis(compiled, (reqs, patterns), conflicts, None, samples, seed)


@st.composite
def credible(draw: Any) -> Scenario:
    scenario = draw(scenarios())
    grid = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.8, 1.0])
    return _with(scenario, {key: draw(grid) for key in _lines(scenario)})


@SLOW
@given(credible())
def test_exact_zopa_probability_equals_brute_force_over_hold_sets(scenario: Scenario) -> None:
    lines = _lines(scenario)
    cred = {
        (p, r.id): r.credibility
        for p in [s.id for s in scenario.principals]
        for r in (scenario.party(p).preferences.red_lines if scenario.party(p).preferences else [])
    }
    expected = 0.0
    for held in itertools.product([False, True], repeat=len(lines)):
        weight = float(
            np.prod([cred[k] if h else 1 - cred[k] for k, h in zip(lines, held, strict=True)])
        )
        if weight and zopa(_keep(scenario, {k for k, h in zip(lines, held, strict=True) if h})):
            expected += weight
    assert _exact(scenario).zopa_probability == pytest.approx(expected, abs=1e-12)


@SLOW
@given(scenarios(), st.integers(0, 2**32))
def test_credibility_one_everywhere_gives_todays_results(scenario: Scenario, seed: int) -> None:
    compiled = compile_scenario(scenario)
    result = _exact(scenario, samples=20, seed=seed)
    has_zopa = zopa_and_nash(compiled)[0] > 0
    assert result.zopa_probability == (1.0 if has_zopa else 0.0)
    assert result.sampled_zopa_probability == result.zopa_probability
    paths, values = ("preferences.p0.reservation",), np.linspace(0, 1, 7)[:, None]
    holds = sample_holds(compiled, paths, values, seed)
    assert holds.all()
    before = evaluate_settings(compiled, paths, values)
    assert _same(evaluate_with_holds(compiled, paths, values, holds), before)


@SLOW
@given(credible(), st.data())
def test_credibility_zero_equals_dropping_the_line(scenario: Scenario, data: Any) -> None:
    lines = _lines(scenario)
    if not lines:
        return
    line = data.draw(st.sampled_from(lines))
    zero = _with(scenario, {line: 0.0})
    dropped = _keep(scenario, set(lines) - {line})
    a, b = _exact(zero, samples=64, seed=3), _exact(dropped, samples=64, seed=3)
    assert a.zopa_probability == pytest.approx(b.zopa_probability, abs=1e-12)
    assert a.sampled_zopa_probability == b.sampled_zopa_probability
    values = np.linspace(0, 1, 9)[:, None]
    paths = ("preferences.p1.reservation",)
    ca, cb = compile_scenario(zero), compile_scenario(dropped)
    ha, hb = sample_holds(ca, paths, values, 5), sample_holds(cb, paths, values, 5)
    assert _same(
        evaluate_with_holds(ca, paths, values, ha), evaluate_with_holds(cb, paths, values, hb)
    )


@SLOW
@given(credible(), st.data())
def test_zopa_probability_is_monotone_in_each_credibility(scenario: Scenario, data: Any) -> None:
    lines = _lines(scenario)
    if not lines:
        return
    line = data.draw(st.sampled_from(lines))
    low, high = sorted(data.draw(st.lists(st.floats(0, 1), min_size=2, max_size=2)))
    a = _exact(_with(scenario, {line: low}), samples=50, seed=1)
    b = _exact(_with(scenario, {line: high}), samples=50, seed=1)
    assert b.zopa_probability <= a.zopa_probability + 1e-12
    assert b.sampled_zopa_probability <= a.sampled_zopa_probability  # common random numbers


def test_hanoi_exact_by_recompiling_every_hold_set_and_sampled_within_error() -> None:
    scenario = resolve_scenario("hanoi-2019")
    lines = _lines(scenario)
    cred = {
        k: get_parameter(scenario, f"preferences.{k[0]}.red_lines.{k[1]}.credibility")
        for k in lines
    }
    expected = 0.0
    for held in itertools.product([False, True], repeat=len(lines)):
        kept = _keep(scenario, {k for k, h in zip(lines, held, strict=True) if h})
        if zopa_and_nash(compile_scenario(kept))[0]:
            expected += float(
                np.prod([cred[k] if h else 1 - cred[k] for k, h in zip(lines, held, strict=True)])
            )
    result = analyze(scenario, samples=2000, seed=4).credibility
    assert result.exact and result.zopa_probability == pytest.approx(expected, abs=1e-12)
    sd = np.sqrt(expected * (1 - expected) / 2000)
    assert abs((result.sampled_zopa_probability or 0) - expected) < 4 * sd
    # The U.S. line is in the conflict and least credible there; the DPRK's Yongbyon price is
    # less credible but in no conflict.
    assert result.most_likely_to_bend == "usa:no_relief_before_complete_denuclearization"
    (conflict,) = result.conflicts
    assert conflict.binds == pytest.approx(cred[lines[0]] * cred[lines[1]])
    first = result.bridges[0]
    assert first.party == "usa" and first.acceptance == pytest.approx(1 - cred[lines[0]])


def test_joint_samples_equal_recompiling_each_sample_with_the_lines_that_hold() -> None:
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    drawn = sample_parameters(scenario, 16, seed=21)
    holds = sample_holds(compiled, drawn.paths, drawn.values, 21)
    assert not holds.all() and holds.any()
    batch = evaluate_with_holds(compiled, drawn.paths, drawn.values, holds, chunk=999)
    lines = [(c.party, c.id) for c in compiled.red_lines]
    for i in range(16):
        sample = with_parameters(scenario, drawn.row(i))
        kept = {k for k, h in zip(lines, holds[i], strict=True) if h}
        size, deal = zopa_and_nash(compile_scenario(_keep(sample, kept)))
        assert batch.zopa[i] == size and batch.nash[i] == (deal.index if deal else -1)


def test_sensitivity_samples_do_not_depend_on_the_chunk_or_the_split() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    assert sensitivity(compiled, 30, seed=2) == sensitivity(compiled, 30, seed=2, chunk=777)
    labels = ["a:x", "b:y", "c:z"]
    whole = hold_uniforms(9, labels, 100)
    parts = np.concatenate([hold_uniforms(9, labels, 37), hold_uniforms(9, labels, 63, 37)])
    assert (whole == parts).all()
    # Uniform on [0, 1): Kolmogorov–Smirnov against U(0, 1) on many draws.
    assert stats.kstest(hold_uniforms(1, labels, 4000).ravel(), "uniform").pvalue > 1e-3


@pytest.mark.parametrize(
    "dist",
    [
        Distribution(kind="uniform", low=0.2, high=0.6),
        Distribution(kind="triangular", low=0.3, mode=0.4, high=0.7),
        Distribution(kind="normal", mean=0.5, sd=0.1, low=0.35, high=0.8),
    ],
)
def test_distribution_cdf_matches_scipy(dist: Distribution) -> None:
    if dist.kind == "uniform":
        ref = stats.uniform(dist.low, dist.high - dist.low)
    elif dist.kind == "triangular":
        c = (dist.mode - dist.low) / (dist.high - dist.low)  # type: ignore[operator]
        ref = stats.triang(c, loc=dist.low, scale=dist.high - dist.low)
    else:
        a, b = (dist.low - 0.5) / 0.1, (dist.high - 0.5) / 0.1
        ref = stats.truncnorm(a, b, loc=0.5, scale=0.1)
    for x in np.linspace(0.0, 1.0, 23):
        assert distribution_cdf(dist, float(x)) == pytest.approx(float(ref.cdf(x)), abs=1e-9)


def test_credibility_and_dispute_paths() -> None:
    scenario = resolve_scenario("hanoi-2019")
    assert get_parameter(scenario, LINE) == 0.75
    assert get_parameter(with_parameters(scenario, {LINE: 1.7}), LINE) == 1.0
    assert parameter_problem(scenario, LINE) is None
    bad = parameter_problem(scenario, "preferences.usa.red_lines.nope.credibility")
    assert bad is not None and "no such preference" in bad
    missing = parameter_problem(scenario, "definitions.nope.dispute.cost")
    assert missing is not None and "unknown definition 'nope'" in missing


def test_requirements_order_matches_the_lines_order() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    reqs = [f"{r.party}:{r.id}" for r in requirements(compiled) if r.kind == "red_line"]
    assert [line.label for line in _exact(compiled.scenario).lines] == reqs


@SLOW
@given(scenarios(red_lines=3), st.integers(0, 2**16))
def test_sampled_check_beyond_the_exact_limit_agrees_with_the_table(
    scenario: Scenario, seed: int
) -> None:
    from detente.engines.analysis.credibility import _sampled_sat, line_satisfiable

    compiled = compile_scenario(scenario)
    reqs, patterns = requirement_patterns(compiled)
    n_lines = sum(r.kind == "red_line" for r in reqs)
    holds = np.random.default_rng(seed).random((50, n_lines)) < 0.5
    codes = holds.astype(np.int64) @ (1 << np.arange(n_lines, dtype=np.int64))
    expected = line_satisfiable(reqs, patterns)[codes]
    assert (_sampled_sat(reqs, patterns, holds) == expected).all()
