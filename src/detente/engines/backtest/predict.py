"""What each engine predicts for one case: a deal or not, its probability, the package.

Thin glue over the public engine functions; none of them is given ``scenario.outcome`` (the
backtest strips it before calling them, see :func:`blind`). Per engine:

- ``analyze``: a deal when a zone of possible agreement (ZOPA) exists at the scenario's values
  with probability at least 1/2 over which red lines hold (their credibility; with every
  credibility 1: when the ZOPA is non-empty); the probability of a deal is the share of the
  seeded sensitivity samples with a ZOPA, each sample also drawing which red lines hold
  (without samples or uncertainty: the exact probability over which red lines hold); packages:
  the Nash and the utilitarian deals of the ZOPA (none without a ZOPA), and ``analyze:bridge``,
  the Nash deal of the ZOPA or, without one, the Nash deal that the cheapest bridge would open
  (what the analysis expects *if* the parties settle);
- ``forecast``: ``forecast:negotiation``, the negotiation forecast with the principals' vetoes
  (:mod:`detente.engines.forecast.negotiation`): "agreement" when P(agreement) over the seeded
  draws (parameters and red lines by their credibility) is at least 1/2, the probability that
  share, the package its most likely terms; and ``forecast:issues``, the per-issue
  expected-utility forecast (Bueno de Mesquita) as the package, a deal when it differs from
  the status quo on some issue (no probability);
- ``simulate``: ``runs`` seeded negotiations (the simulation engine's defaults, alternating
  offers); the probability of a deal is the agreement rate, a deal when it is at least 1/2, the
  package the most frequent agreed outcome;
- ``phase``: the phased-deal engine toward the Nash deal of the ZOPA: a deal when a
  self-enforcing path of at most 5 steps exists (no ZOPA: no deal), the package that Nash deal;
- the naive baselines of :mod:`.baselines` (``status quo``: no deal; ``midpoint``: a deal).
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.engines.analysis.analyze import analyze
from detente.engines.backtest.baselines import midpoint_package, status_quo_package
from detente.engines.compile import compile_scenario
from detente.engines.forecast.negotiation import forecast_deal
from detente.engines.forecast.scenario import forecast_scenario
from detente.engines.phasing import NoNashDealError, analyse_phasing, resolve_final
from detente.engines.simulation.protocols import SimulationConfig
from detente.engines.simulation.runs import simulate_runs
from detente.engines.simulation.sweep import SweepJob
from detente.model.scenario import Scenario

__all__ = [
    "ENGINES",
    "Prediction",
    "blind",
    "predict_analysis",
    "predict_baselines",
    "predict_forecast",
    "predict_phasing",
    "predict_simulation",
]

#: The engines a backtest can run, in the order of its table.
ENGINES = ("analyze", "forecast", "simulate", "phase")


@dataclass(frozen=True)
class Prediction:
    """One method's prediction for one case (``error`` set when the engine failed on it)."""

    method: str
    engine: str
    deal: bool | None
    probability: float | None = None
    terms: dict[str, str] | None = None
    detail: str = ""
    error: str = ""


def blind(scenario: Scenario) -> Scenario:
    """``scenario`` without its recorded outcome: what the engines are given."""
    return scenario.model_copy(update={"outcome": None})


def predict_analysis(scenario: Scenario, samples: int, seed: int) -> tuple[Prediction, ...]:
    """The Nash and utilitarian deals, the bridge deal, and P(ZOPA) over seeded samples."""
    result = analyze(scenario, samples=samples if scenario.uncertainty else 0, seed=seed)
    # Red lines bend (issue #14): the verdict is P(ZOPA) >= 1/2 over which red lines hold at the
    # stated numbers — exactly "a ZOPA exists" when every red line has credibility 1.
    deal = result.credibility.zopa_probability >= 0.5
    s = result.sensitivity
    probability = s.zopa_probability if s is not None else result.credibility.zopa_probability
    detail = f"ZOPA {result.counts.zopa} of {result.counts.feasible} feasible outcomes"
    if s is not None:
        detail += f"; P(ZOPA) over {s.samples} samples"
    packages = {name: dict(sol.outcome) for name, sol in result.solutions.items()}
    bridge = packages.get("nash")
    note = detail
    if bridge is None and result.bridges is not None and result.bridges.bridges:
        first = result.bridges.bridges[0]
        bridge = dict(first.deal.outcome)
        note = f"{detail}; the deal of the cheapest bridge: {first.move.description}"
    return (
        Prediction("analyze:nash", "analyze", deal, probability, packages.get("nash"), detail),
        Prediction(
            "analyze:utilitarian", "analyze", deal, probability, packages.get("utilitarian"), detail
        ),
        Prediction("analyze:bridge", "analyze", deal, probability, bridge, note),
    )


def predict_forecast(scenario: Scenario, samples: int, seed: int) -> tuple[Prediction, ...]:
    """The negotiation forecast (vetoes; P(agreement) over seeded draws) and the per-issue one."""
    deal = forecast_deal(scenario, samples, seed)
    headline = Prediction(
        "forecast:negotiation",
        "forecast",
        deal.headline == "agreement",
        deal.p_agreement,
        dict(deal.terms) if deal.terms is not None else None,
        f"{deal.headline}; P(agreement) over {max(deal.samples, 1)} draw(s)",
    )
    result = forecast_scenario(scenario)
    terms = {issue.issue: issue.forecast_option for issue in result.issues}
    moved = terms != status_quo_package(scenario)
    return headline, Prediction("forecast:issues", "forecast", moved, None, terms)


def predict_simulation(scenario: Scenario, runs: int, seed: int) -> Prediction:
    """Agreement rate over ``runs`` seeded runs (in memory) and the modal agreed package."""
    summary = simulate_runs(SweepJob(scenario, seed, SimulationConfig()), runs)
    terms = dict(summary.top_outcomes[0][0]) if summary.top_outcomes else None
    detail = f"{summary.agreements} of {summary.runs} runs agreed"
    return Prediction("simulate", "simulate", summary.rate >= 0.5, summary.rate, terms, detail)


def predict_phasing(scenario: Scenario) -> Prediction:
    """Whether a self-enforcing phased path leads to the Nash deal of the ZOPA."""
    compiled = compile_scenario(scenario)
    try:
        final = resolve_final(compiled, "nash")
    except NoNashDealError:
        return Prediction("phase", "phase", False, None, None, "no ZOPA: no deal to phase toward")
    terms = compiled.space.labels(final.ranks.tolist())
    if terms == status_quo_package(scenario):
        return Prediction("phase", "phase", True, None, terms, "the Nash deal is the status quo")
    result = analyse_phasing(compiled, final)
    detail = "a self-enforcing path exists" if result.exists else "no self-enforcing path"
    return Prediction(
        "phase", "phase", result.exists, None, terms if result.exists else None, detail
    )


def predict_baselines(scenario: Scenario) -> tuple[Prediction, ...]:
    """The status quo (no deal) and the midpoint of the principals' ideals (a deal)."""
    return (
        Prediction("baseline:status_quo", "baseline", False, None, status_quo_package(scenario)),
        Prediction("baseline:midpoint", "baseline", True, None, midpoint_package(scenario)),
    )
