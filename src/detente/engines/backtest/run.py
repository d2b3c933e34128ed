"""The backtest: every engine on every case, scored against the recorded outcome.

:func:`backtest` runs the engines named in :class:`Settings` on each scenario with an
``outcome`` section — given the scenario *without* it (:func:`.predict.blind`) — scores each
prediction with :mod:`.scoring` and sums the scores per method over the cases:

- deals right ``k / n`` over the cases where the method gives a verdict;
- the Brier score over the cases where it gives a probability of a deal;
- exact issues ``k / M`` over the ``M`` issues with an agreed option in the cases that reached
  an agreement (a method with no package on a case misses its issues), and the mean distance in
  option steps over the issues it predicted.

An engine that fails on a case is reported (``error``) and left out of that case's scores.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from detente.documents import jsonable
from detente.engines.backtest.predict import (
    ENGINES,
    Prediction,
    blind,
    predict_analysis,
    predict_baselines,
    predict_forecast,
    predict_phasing,
    predict_simulation,
)
from detente.engines.backtest.scoring import IssueScore, brier_term, score_terms
from detente.model.scenario import Scenario

__all__ = [
    "METHODS",
    "SCHEMA_VERSION",
    "Backtest",
    "CaseResult",
    "MethodScore",
    "MethodSummary",
    "Settings",
    "backtest",
    "backtest_case",
    "summarise",
]

#: Every method a backtest may score, per engine, in table order.
METHODS = {
    "baseline": ("baseline:status_quo", "baseline:midpoint"),
    "analyze": ("analyze:nash", "analyze:utilitarian", "analyze:bridge"),
    "forecast": ("forecast:negotiation", "forecast:issues"),
    "simulate": ("simulate",),
    "phase": ("phase",),
}

Progress = Callable[[str], None]
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Settings:
    """Which engines run, and the seeded sample sizes they use."""

    engines: tuple[str, ...] = ENGINES
    runs: int = 200
    samples: int = 200
    seed: int = 0

    def __post_init__(self) -> None:
        unknown = [e for e in self.engines if e not in ENGINES]
        if unknown:
            raise ValueError(f"unknown engine(s) {', '.join(unknown)}; known: {', '.join(ENGINES)}")
        if self.runs < 1 or self.samples < 0:
            raise ValueError("runs must be at least 1 and samples at least 0")


@dataclass(frozen=True)
class MethodScore:
    """One method's prediction for one case and how it scored."""

    prediction: Prediction
    deal_right: bool | None
    brier: float | None
    issues: tuple[IssueScore, ...]


@dataclass(frozen=True)
class CaseResult:
    """One case: what happened, and every method's scored prediction."""

    case: str
    title: str
    as_of: str
    agreement: bool
    terms: dict[str, str]
    scores: tuple[MethodScore, ...]


@dataclass(frozen=True)
class MethodSummary:
    """One method's record over the cases (None where it scored nothing)."""

    method: str
    cases: int
    deals_right: int
    deals_scored: int
    brier: float | None
    brier_cases: int
    exact: int
    issues: int
    predicted: int
    mean_distance: float | None
    errors: int


@dataclass(frozen=True)
class Backtest:
    """The whole backtest: settings, per-case results and the per-method record."""

    settings: Settings
    cases: tuple[CaseResult, ...]
    summary: tuple[MethodSummary, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: ``schema_version``, ``settings``, ``cases``
        (``case``, ``title``, ``as_of``, ``agreement``, ``terms``, ``scores`` [``prediction``
        {``method``, ``engine``, ``deal``, ``probability``, ``terms``, ``detail``, ``error``},
        ``deal_right``, ``brier``, ``issues`` [``issue``, ``recorded``, ``predicted``,
        ``exact``, ``distance``]]) and ``summary`` (one :class:`MethodSummary`
        per method)."""
        body = {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}
        return {"schema_version": SCHEMA_VERSION, **body}


def _predictions(scenario: Scenario, engine: str, settings: Settings) -> tuple[Prediction, ...]:
    runs: dict[str, Callable[[], tuple[Prediction, ...]]] = {
        "baseline": lambda: predict_baselines(scenario),
        "analyze": lambda: predict_analysis(scenario, settings.samples, settings.seed),
        "forecast": lambda: predict_forecast(scenario, settings.samples, settings.seed),
        "simulate": lambda: (predict_simulation(scenario, settings.runs, settings.seed),),
        "phase": lambda: (predict_phasing(scenario),),
    }
    try:
        return runs[engine]()
    except Exception as error:  # an engine failing on one case must not stop the backtest
        message = f"{type(error).__name__}: {error}"
        return tuple(Prediction(m, engine, None, error=message) for m in METHODS[engine])


def _score(prediction: Prediction, scenario: Scenario) -> MethodScore:
    record = scenario.outcome
    assert record is not None
    if prediction.error:
        return MethodScore(prediction, None, None, ())
    issues = {issue.id: issue.option_ids for issue in scenario.issues}
    terms = score_terms(prediction.terms, record.terms, issues) if record.agreement else ()
    return MethodScore(
        prediction,
        None if prediction.deal is None else prediction.deal == record.agreement,
        None
        if prediction.probability is None
        else brier_term(prediction.probability, record.agreement),
        terms,
    )


def backtest_case(
    scenario: Scenario, settings: Settings, progress: Progress | None = None
) -> CaseResult:
    """Run and score every engine of ``settings`` (and the baselines) on one case."""
    if scenario.outcome is None:
        raise ValueError(f"scenario {scenario.metadata.id!r} has no outcome section to score")
    given = blind(scenario)
    scores: list[MethodScore] = []
    for engine in ("baseline", *settings.engines):
        scores.extend(_score(p, scenario) for p in _predictions(given, engine, settings))
        if progress is not None:
            progress(f"{scenario.metadata.id}: {engine}")
    return CaseResult(
        scenario.metadata.id,
        scenario.metadata.title,
        scenario.metadata.as_of.isoformat(),
        scenario.outcome.agreement,
        dict(scenario.outcome.terms),
        tuple(scores),
    )


def summarise(method: str, cases: Sequence[CaseResult]) -> MethodSummary:
    """The record of ``method`` over ``cases``."""
    scores = [s for case in cases for s in case.scores if s.prediction.method == method]
    ok = [s for s in scores if not s.prediction.error]
    verdicts = [s.deal_right for s in ok if s.deal_right is not None]
    briers = [s.brier for s in ok if s.brier is not None]
    issues = [i for s in ok for i in s.issues]
    distances = [i.distance for i in issues if i.distance is not None]
    return MethodSummary(
        method=method,
        cases=len(ok),
        deals_right=sum(verdicts),
        deals_scored=len(verdicts),
        brier=sum(briers) / len(briers) if briers else None,
        brier_cases=len(briers),
        exact=sum(i.exact for i in issues),
        issues=len(issues),
        predicted=len(distances),
        mean_distance=sum(distances) / len(distances) if distances else None,
        errors=len(scores) - len(ok),
    )


def backtest(
    scenarios: Sequence[Scenario], settings: Settings, progress: Progress | None = None
) -> Backtest:
    """Backtest every scenario (each must have an ``outcome``) with ``settings``."""
    cases = tuple(backtest_case(s, settings, progress) for s in scenarios)
    methods = [m for engine in ("baseline", *settings.engines) for m in METHODS[engine]]
    return Backtest(settings, cases, tuple(summarise(m, cases) for m in methods))
