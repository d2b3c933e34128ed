"""The backtest's scoring on hand-made cases with answers known by construction.

The cases in ``tests/data/backtest`` state their expected scores in their header comments;
every number here is derived from those constructions by hand, not read from the code's output.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import detente
from detente.engines.backtest import (
    Backtest,
    Prediction,
    Settings,
    backtest,
    blind,
    brier,
    midpoint_package,
    option_distance,
    score_terms,
    status_quo_package,
)
from detente.engines.backtest import predict as predict_module
from detente.engines.backtest import run as run_module
from detente.engines.backtest.predict import (
    predict_analysis,
    predict_baselines,
    predict_forecast,
    predict_phasing,
    predict_simulation,
)
from detente.engines.backtest.run import CaseResult, MethodScore, summarise
from detente.engines.backtest.scoring import IssueScore, brier_term
from detente.model.scenario import Outcome, Scenario
from tests.strategies import scenarios

CASES = Path(__file__).parent / "data" / "backtest"


def _case(name: str) -> Scenario:
    return detente.load_scenario(CASES / f"{name}.yaml")


def _scores(result: Backtest, case: str) -> dict[str, MethodScore]:
    (found,) = [c for c in result.cases if c.case == case]
    return {s.prediction.method: s for s in found.scores}


@pytest.fixture(scope="module")
def record() -> Backtest:
    names = ("exact", "nozopa", "failed", "uncertain")
    every = ("analyze", "forecast", "simulate", "phase")
    return backtest([_case(n) for n in names], Settings(every, runs=100, samples=2000, seed=3))


def test_a_zopa_of_one_outcome_equal_to_the_record_scores_exactly(record: Backtest) -> None:
    scores = _scores(record, "bt-exact")
    for method in ("analyze:nash", "analyze:utilitarian", "analyze:bridge", "forecast:negotiation"):
        s = scores[method]
        assert s.deal_right is True and s.prediction.probability == 1.0 and s.brier == 0.0
        assert [(i.issue, i.predicted, i.exact, i.distance) for i in s.issues] == [
            ("x", "mid", True, 0),
            ("y", "hi", True, 0),
        ]
    # the status quo (lo, lo): no deal (wrong), 1 and 2 steps away
    sq = scores["baseline:status_quo"]
    assert sq.deal_right is False
    assert [(i.predicted, i.distance) for i in sq.issues] == [("lo", 1), ("lo", 2)]
    # the midpoint of the ideals: x (hi, lo) -> mid exact; y (max, lo) -> rank 1.5 -> mid
    mid = scores["baseline:midpoint"]
    assert mid.deal_right is True
    assert [(i.predicted, i.exact, i.distance) for i in mid.issues] == [
        ("mid", True, 0),
        ("mid", False, 1),
    ]


def test_no_zopa_against_a_recorded_deal_is_wrong_with_brier_one(record: Backtest) -> None:
    for method in ("analyze:nash", "forecast:negotiation"):
        s = _scores(record, "bt-nozopa")[method]
        assert s.deal_right is False and s.prediction.probability == 0.0 and s.brier == 1.0
    s = _scores(record, "bt-nozopa")["analyze:nash"]
    # y was left unresolved: only x is scored, and without a package it is missed
    assert s.issues == (IssueScore("x", "mid", None, False, None),)
    assert _scores(record, "bt-nozopa")["phase"].deal_right is False
    # Dropping either red line opens a ZOPA at x=lo or x=hi (each costs its mover 1/2): the
    # bridge's deal is one step from the agreed x=mid
    (bridge,) = _scores(record, "bt-nozopa")["analyze:bridge"].issues
    assert bridge.predicted in ("lo", "hi") and bridge.distance == 1 and not bridge.exact


def test_no_zopa_and_failed_talks_is_right_with_nothing_to_score(record: Backtest) -> None:
    for method in ("analyze:nash", "phase", "baseline:status_quo"):
        s = _scores(record, "bt-failed")[method]
        assert s.deal_right is True and s.issues == ()
    assert _scores(record, "bt-failed")["analyze:nash"].brier == 0.0
    assert _scores(record, "bt-failed")["baseline:midpoint"].deal_right is False


def test_probability_of_a_deal_from_the_samples_matches_the_construction(
    record: Backtest,
) -> None:
    # A's no-deal value ~ U(0, 1) against its utility 7/12 of the only acceptable outcome
    for method in ("analyze:nash", "forecast:negotiation"):
        s = _scores(record, "bt-uncertain")[method]
        p = s.prediction.probability
        assert p is not None and abs(p - 7 / 12) < 0.035  # 3.2 standard errors at N = 2000
        assert s.brier == pytest.approx((1 - p) ** 2)
        assert abs(s.brier - 25 / 144) < 0.03


def test_the_record_sums_the_cases(record: Backtest) -> None:
    nash = {m.method: m for m in record.summary}["analyze:nash"]
    p = _scores(record, "bt-uncertain")["analyze:nash"].prediction.probability
    assert p is not None
    assert (nash.deals_right, nash.deals_scored) == (3, 4)
    assert nash.brier == pytest.approx((0.0 + 1.0 + 0.0 + (1 - p) ** 2) / 4)
    # agreed issues: exact 2, nozopa 1 (x), uncertain 2 -> 5; Nash exact on 4, misses x
    assert (nash.exact, nash.issues, nash.predicted, nash.mean_distance) == (4, 5, 4, 0.0)
    sq = {m.method: m for m in record.summary}["baseline:status_quo"]
    # distances: exact (1, 2), nozopa x: lo -> mid 1, uncertain (1, 2): mean 7/5
    assert (sq.exact, sq.issues, sq.mean_distance) == (0, 5, pytest.approx(7 / 5))
    assert (sq.deals_right, sq.brier) == (1, None)
    assert [m.method for m in record.summary] == [
        "baseline:status_quo",
        "baseline:midpoint",
        "analyze:nash",
        "analyze:utilitarian",
        "analyze:bridge",
        "forecast:negotiation",
        "forecast:issues",
        "simulate",
        "phase",
    ]


def _scored(probability: float, happened: bool) -> CaseResult:
    prediction = Prediction("m", "analyze", probability >= 0.5, probability)
    score = MethodScore(prediction, (probability >= 0.5) == happened, None, ())
    score = replace(score, brier=brier_term(probability, happened))
    return CaseResult("c", "c", "2020-01-01", happened, {}, (score,))


def test_brier_by_hand_from_given_probabilities() -> None:
    # (0.9 - 1)^2 = 0.01, (0.2 - 0)^2 = 0.04, (0.6 - 0)^2 = 0.36: mean 0.41 / 3
    assert brier([0.9, 0.2, 0.6], [True, False, False]) == pytest.approx(0.41 / 3)
    summary = summarise("m", [_scored(0.9, True), _scored(0.2, False), _scored(0.6, False)])
    assert summary.brier == pytest.approx(0.41 / 3)
    assert (summary.deals_right, summary.deals_scored) == (2, 3)
    assert brier([], []) is None
    with pytest.raises(ValueError, match="must lie in"):
        brier_term(1.5, True)


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=30))
def test_brier_lies_in_the_unit_interval_and_is_zero_when_perfect(
    cases: list[tuple[float, bool]],
) -> None:
    probabilities, happened = [p for p, _ in cases], [y for _, y in cases]
    assert 0.0 <= (brier(probabilities, happened) or 0.0) <= 1.0
    assert brier([float(y) for y in happened], happened) == 0.0
    assert brier([1.0 - float(y) for y in happened], happened) == 1.0


@st.composite
def _ranks(draw: st.DrawFn) -> tuple[int, int, int, int]:
    n = draw(st.integers(2, 9))
    rank = st.integers(0, n - 1)
    return n, draw(rank), draw(rank), draw(rank)


@given(_ranks())
def test_distance_is_a_metric_on_the_option_ranks(drawn: tuple[int, int, int, int]) -> None:
    n, i, j, k = drawn
    options = [f"o{r}" for r in range(n)]
    a, b, c = options[i], options[j], options[k]
    assert option_distance(options, a, b) == option_distance(options, b, a) == abs(i - j)
    assert (option_distance(options, a, b) == 0) == (a == b)
    assert option_distance(options, a, c) <= option_distance(options, a, b) + option_distance(
        options, b, c
    )


def test_score_terms_skips_unresolved_and_left_out_issues() -> None:
    issues = {"x": ["a", "b", "c"], "y": ["a", "b"], "z": ["a", "b"]}
    scored = score_terms({"x": "a", "y": "b", "z": "a"}, {"x": "c", "y": "unresolved"}, issues)
    assert scored == (IssueScore("x", "c", "a", False, 2),)
    assert score_terms(None, {"x": "b"}, issues) == (IssueScore("x", "b", None, False, None),)


def test_baselines_follow_their_definitions() -> None:
    scenario = _case("exact")
    assert status_quo_package(scenario) == {"x": "lo", "y": "lo"}
    assert midpoint_package(scenario) == {"x": "mid", "y": "mid"}
    # no status quo given: every issue at its first option
    assert status_quo_package(_case("nozopa")) == {"x": "lo", "y": "lo"}


def _predictions(scenario: Scenario) -> list[Prediction]:
    return [
        *predict_baselines(scenario),
        *predict_analysis(scenario, 200, 1),
        *predict_forecast(scenario, 100, 1),
        predict_simulation(scenario, 40, 1),
        predict_phasing(scenario),
    ]


@pytest.mark.parametrize("name", ["exact", "nozopa", "uncertain"])
def test_engines_never_read_the_outcome(name: str) -> None:
    scenario = _case(name)
    other = scenario.model_copy(
        update={"outcome": Outcome(agreement=False, terms={"x": "hi", "y": "unresolved"})}
    )
    assert scenario.outcome is not None
    expected = _predictions(blind(scenario))
    assert _predictions(scenario) == expected
    assert _predictions(other) == expected
    with_outcome = detente.analyze(scenario, samples=50, seed=2).to_json()
    assert with_outcome == detente.analyze(blind(scenario), samples=50, seed=2).to_json()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_issues=3, max_options=4, extras=True), st.booleans())
def test_engines_never_read_the_outcome_of_random_scenarios(
    scenario: Scenario, agreement: bool
) -> None:
    terms = {issue.id: issue.option_ids[-1] for issue in scenario.issues}
    told = scenario.model_copy(update={"outcome": Outcome(agreement=agreement, terms=terms)})
    for engine in ("analyze", "forecast", "phase"):
        # an engine that fails must fail alike: compare the predictions or the errors
        assert _outcome_of(engine, told) == _outcome_of(engine, scenario)


def _outcome_of(engine: str, scenario: Scenario) -> object:
    try:
        if engine == "analyze":
            return predict_analysis(scenario, 20, 0)
        if engine == "forecast":
            return predict_forecast(scenario, 10, 0)
        return predict_phasing(scenario)
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def test_an_engine_failing_on_a_case_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(scenario: Scenario, samples: int, seed: int) -> tuple[Prediction, ...]:
        raise RuntimeError("no forecast today")

    monkeypatch.setattr(run_module, "predict_forecast", broken)
    result = backtest([_case("exact")], Settings(("analyze", "forecast")))
    for method in ("forecast:negotiation", "forecast:issues"):
        forecast = _scores(result, "bt-exact")[method]
        assert forecast.prediction.error == "RuntimeError: no forecast today"
    summary = {m.method: m for m in result.summary}
    assert (summary["forecast:issues"].errors, summary["forecast:issues"].cases) == (1, 0)
    assert summary["analyze:nash"].errors == 0
    assert predict_module.ENGINES == ("analyze", "forecast", "simulate", "phase")


def test_settings_refuse_unknown_engines_and_a_case_without_outcome() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        Settings(("analyze", "oracle"))
    with pytest.raises(ValueError, match="no outcome section"):
        backtest([blind(_case("exact"))], Settings())


def test_same_seed_same_record() -> None:
    cases = [_case("uncertain")]
    config = Settings(("analyze", "simulate"), runs=60, samples=300, seed=7)
    first = backtest(cases, config).to_json()
    assert first == backtest(cases, config).to_json()
    other = backtest(cases, Settings(("analyze", "simulate"), runs=60, samples=300, seed=8))
    # the seed matters: P(deal) is drawn from the samples
    assert other.to_json() != first
