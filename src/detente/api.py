"""The front doors: ``analyze``, ``forecast``, ``simulate`` and ``phase``.

Each takes a scenario — an embedded id (``"hanoi-2019"``), a path to a scenario file, or a
:class:`~detente.model.scenario.Scenario` — plus keyword options, and returns a frozen result
object whose ``to_json()`` is the document the command line (``--json``), the report and the
web API print (wrapped in the envelope of :func:`detente.documents.envelope`). Every error is
a :class:`~detente.errors.DetenteError` with a message about the model or the input.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from detente.engines.analysis.analyze import Analysis
from detente.engines.analysis.analyze import analyze as _analyze
from detente.engines.analysis.batched import Progress
from detente.engines.compile import compile_scenario
from detente.engines.forecast.negotiation import forecast_negotiation
from detente.engines.forecast.options import BdmOptions, parse_options
from detente.engines.forecast.options import preset as _preset
from detente.engines.forecast.scenario import ScenarioForecast
from detente.engines.phasing import PhaseResult, analyse_phasing, resolve_final
from detente.engines.simulation import SimulationConfig, parse_strategy
from detente.engines.simulation.runs import Comparison, Executor, compare_runs, simulate_runs
from detente.engines.simulation.summary import SweepSummary
from detente.engines.simulation.sweep import SweepJob
from detente.engines.space import DEFAULT_CHUNK
from detente.model.catalog import resolve_scenario
from detente.model.scenario import Scenario

__all__ = ["ScenarioRef", "analyze", "as_scenario", "forecast", "phase", "simulate"]

#: What a front door accepts as a scenario: an embedded id, a file path, or a scenario.
ScenarioRef = Scenario | str | os.PathLike[str]


def as_scenario(scenario: ScenarioRef) -> Scenario:
    """``scenario`` itself, or the embedded scenario or file it names (``ScenarioError``)."""
    if isinstance(scenario, Scenario):
        return scenario
    return resolve_scenario(os.fspath(scenario))


def analyze(
    scenario: ScenarioRef,
    *,
    samples: int = 0,
    seed: int = 0,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> Analysis:
    """The bargaining space: counts, ZOPA, Pareto frontier, solutions, why no deal, bridges,
    definitional gaps, postures, events and (``samples > 0``) the Monte Carlo sensitivity.

    Examples
    --------
    >>> import detente
    >>> result = detente.analyze("hanoi-2019")
    >>> result.counts.zopa, result.to_json()["counts"]["zopa"]
    (0, 0)
    """
    return _analyze(as_scenario(scenario), samples, seed, chunk, progress)


def forecast(
    scenario: ScenarioRef,
    *,
    issues: list[str] | None = None,
    preset: str | None = None,
    options: Mapping[str, object] | None = None,
    samples: int = 0,
    seed: int = 0,
) -> ScenarioForecast:
    """The expected-utility (BDM) forecast of each issue (or of ``issues``), with baselines.

    ``preset`` (``scholz-jmckib``, ``masad``) sets the model's options, ``options`` changes
    some of them (``{"probability": "net"}``); ``samples > 0`` adds the distribution of the
    forecast option over seeded samples of the scenario's uncertainty.

    Examples
    --------
    >>> import detente
    >>> result = detente.forecast("hanoi-2019", issues=["sanctions"])
    >>> result.issues[0].forecast_option in result.issues[0].options
    True
    """
    base = _preset(preset) if preset else BdmOptions()
    chosen = parse_options([f"{k}={v}" for k, v in (options or {}).items()], base)
    return forecast_negotiation(as_scenario(scenario), chosen, issues, samples, seed)


def simulate(
    scenario: ScenarioRef,
    *,
    runs: int = 1000,
    seed: int = 0,
    strategies: Mapping[str, str] | None = None,
    compare: bool = False,
    config: SimulationConfig | None = None,
    where: Executor | None = None,
) -> SweepSummary | Comparison:
    """Monte Carlo negotiations: run ``i`` depends only on ``(seed, i)``.

    ``strategies`` maps principals to strategy specifications (``{"usa": "boulware:e=0.2"}``)
    on top of ``config`` (a :class:`~detente.engines.simulation.SimulationConfig`: protocol,
    mediator, deadline, events, shocks); ``where`` (an
    :class:`~detente.engines.simulation.runs.Executor`) stores the runs in DuckDB and spreads
    them over workers — by default they run in memory, in this process. Returns a
    :class:`~detente.engines.simulation.summary.SweepSummary`, or with ``compare`` a
    :class:`~detente.engines.simulation.runs.Comparison` of the agreement under each signal,
    mediation and bridge. Needs NumPy only (DuckDB only with a database).

    Examples
    --------
    >>> import detente
    >>> summary = detente.simulate("hanoi-2019", runs=20, seed=1)
    >>> summary.runs, 0.0 <= summary.rate <= 1.0
    (20, True)
    """
    loaded = as_scenario(scenario)
    base = config if config is not None else SimulationConfig()
    if strategies:
        chosen = {**dict(base.strategies), **{p: parse_strategy(s) for p, s in strategies.items()}}
        base = dataclasses.replace(base, strategies=tuple(chosen.items()))
    if compare:
        return compare_runs(loaded, base, seed, runs, where)
    return simulate_runs(SweepJob(loaded, seed, base), runs, where)


def phase(
    scenario: ScenarioRef,
    *,
    final: str = "nash",
    max_steps: int = 5,
    trust: float | dict[str, float] | None = None,
    path_red_lines: bool = False,
    samples: int = 0,
    seed: int = 0,
) -> PhaseResult:
    """Phased deals: is a step-by-step path to ``final`` (``nash``, ``bridge:N`` or
    ``ISSUE=OPTION,...``) self-enforcing for every side, against the big-bang deal?

    Examples
    --------
    >>> import detente
    >>> result = detente.phase("hanoi-2019", final="sanctions=civilian", max_steps=2)
    >>> result.final["sanctions"], result.to_json()["max_steps"]
    ('civilian', 2)
    """
    compiled = compile_scenario(as_scenario(scenario))
    return analyse_phasing(
        compiled,
        resolve_final(compiled, final),
        max_steps=max_steps,
        trust=trust,
        path_red_lines=path_red_lines,
        samples=samples,
        seed=seed,
    )
