"""Negotiation forecasts that know "no deal": principals hold a veto.

An agreement needs every principal. In one draw of the scenario's uncertainty (parameters
sampled by :mod:`detente.engines.uncertainty`; each red line holds with its judged
``credibility``, drawn independently — the same draws as the analysis's sensitivity,
:func:`detente.engines.analysis.holds.sample_holds`), the *acceptable set* is the feasible
outcomes that meet every principal's holding red lines and give it at least its no-deal
(reservation) utility.
If the set is empty the draw forecasts **no agreement** (the status quo persists); otherwise it
forecasts the terms that maximise the Nash product ``Π_p (u_p − d_p)`` over the set, d_p the
reservation (Nash 1950; the same solution and tie rule as
:func:`detente.engines.analysis.solutions.nash`).

Over N draws: ``P(agreement)`` is the share of draws with a non-empty acceptable set — an
*upper* bound on the chance of a deal, since a zone of agreement is necessary, not sufficient
(talks can still fail inside it); the most likely terms are the modal Nash terms among
agreeing draws, with per-issue option shares; the *pivotal* requirements are those whose
removal alone would open a zone in a no-deal draw (share of draws). The headline is
"agreement" when ``P(agreement) ≥ 0.5``, else "no agreement". With N = 0 the one draw is the
scenario as written (every red line holds).

The per-issue influence forecast (:func:`detente.engines.forecast.scenario.forecast_scenario`)
is reported beside it, with the requirements its package breaks in the scenario as written:
it is an input, never the headline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from detente.engines.analysis.acceptability import blocks, requirements
from detente.engines.analysis.holds import principal_lines, sample_holds
from detente.engines.analysis.solutions import nash
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.scenario import ScenarioForecast, forecast_scenario
from detente.engines.limits import MAX_ANALYZE_OUTCOMES, MAX_SAMPLE_OUTCOMES, space_size
from detente.engines.uncertainty import sample_parameters
from detente.model.scenario import Scenario

__all__ = ["DealForecast", "Draw", "forecast_deal", "package_breaks", "solve_draw"]

#: The spawn-key stream of the red-line draws (parameters use stream 0 via sample_generator).


@dataclass(frozen=True)
class Draw:
    """One draw: the Nash terms (None: no acceptable outcome) and the pivotal requirements."""

    terms: tuple[str, ...] | None
    pivotal: tuple[str, ...]


@dataclass(frozen=True)
class DealForecast:
    """The forecast of a negotiation (module docstring). ``terms`` maps issue → option."""

    scenario: str
    samples: int
    seed: int
    p_agreement: float
    headline: str
    terms: dict[str, str] | None
    terms_share: float
    issue_shares: dict[str, dict[str, float]]
    no_deal: dict[str, str]
    pivotal: dict[str, float]
    influence: dict[str, str]
    influence_breaks: tuple[str, ...]


def solve_draw(compiled: Compiled, holds: np.ndarray) -> Draw:
    """The Nash terms among the acceptable outcomes of ``compiled``, where red-line
    requirement k counts only if ``holds[k]`` (reservations always count)."""
    reqs = requirements(compiled)
    principals = [compiled.party_index(p) for p in compiled.principals]
    d = compiled.reservations[principals]
    best: tuple[float, int] | None = None
    opens = np.zeros(len(reqs), dtype=bool)
    for block in blocks(compiled):
        met = block.met | ~holds[:, None]
        zone = block.feasible & met.all(axis=0)
        failing = (~met).sum(axis=0)
        single = block.feasible & (failing == 1)
        if single.any():
            opens |= (~met[:, single]).any(axis=1)
        if not zone.any():
            continue
        u = block.utilities[principals][:, zone]
        pos = nash(u, d, block.index[zone])
        if pos is None:
            continue
        gains = u[:, pos] - d
        value = float(np.sum(np.log(np.maximum(gains, 1e-300))))
        if best is None or value > best[0]:
            best = (value, int(block.index[zone][pos]))
    if best is None:
        return Draw(None, tuple(r.label for r, o in zip(reqs, opens, strict=True) if o))
    ranks = compiled.space.decode(np.array([best[1]]))[0]
    terms = tuple(compiled.space.options[i][int(r)] for i, r in enumerate(ranks))
    return Draw(terms, ())


def _holds(compiled: Compiled, drawn: np.ndarray | None) -> np.ndarray:
    """Which requirements count: principal red line k (of
    :func:`~detente.engines.analysis.holds.principal_lines`) when ``drawn[k]``, every line when
    ``drawn`` is None; no-deal values always count."""
    reqs = requirements(compiled)
    holds = np.ones(len(reqs), dtype=bool)
    if drawn is None:
        return holds
    lines = [(line.party, line.id) for line in principal_lines(compiled)]
    for k, req in enumerate(reqs):
        if req.kind == "red_line" and (req.party, req.id) in lines:
            holds[k] = bool(drawn[lines.index((req.party, req.id))])
    return holds


def _draws(scenario: Scenario, samples: int, seed: int) -> list[Draw]:
    """One draw per sample; the parameters and the red lines that hold are those of the
    analysis's sensitivity under the same seed, so P(agreement) equals its P(ZOPA)."""
    base = compile_scenario(scenario)
    if samples == 0:
        return [solve_draw(base, _holds(base, None))]
    params = sample_parameters(scenario, samples, seed)
    drawn = sample_holds(base, params.paths, params.values, seed)
    out = []
    for i in range(samples):
        # The sample's numbers set on the compiled arrays (no recompiling, as the sensitivity).
        compiled = base.with_parameters(params.row(i)) if params.paths else base
        out.append(solve_draw(compiled, _holds(compiled, drawn[i])))
    return out


def _influence(scenario: Scenario, options: BdmOptions) -> dict[str, str]:
    """The per-issue influence package: each issue's forecast option (status quo, else the
    first option, for an issue the model cannot forecast)."""
    try:
        forecast = {f.issue: f.forecast_option for f in forecast_scenario(scenario, options).issues}
    except ValueError:
        forecast = {}
    return {
        i.id: forecast.get(i.id) or scenario.status_quo.get(i.id) or i.option_ids[0]
        for i in scenario.issues
    }


def package_breaks(compiled: Compiled, terms: dict[str, str]) -> tuple[str, ...]:
    """The requirements (``party:id``; ``feasibility:id``) that the package ``terms`` breaks in
    ``compiled`` as written (every red line holding)."""
    space = compiled.space
    ranks = np.array(
        [[space.options[k].index(terms[issue]) for k, issue in enumerate(space.issues)]],
        dtype=np.int16,
    )
    utilities = compiled.utilities(ranks)[:, 0]
    broken = [
        f"feasibility:{c.id}"
        for c in compiled.feasibility
        if not compiled.mask(c.condition, ranks)[0]
    ]
    for req in requirements(compiled):
        p = compiled.party_index(req.party)
        if req.kind == "reservation":
            ok = utilities[p] >= compiled.reservations[p]
        else:
            line = next(c for c in compiled.red_lines if (c.party, c.id) == (req.party, req.id))
            ok = bool(compiled.mask(line.condition, ranks)[0])
        if not ok:
            broken.append(req.label)
    return tuple(broken)


def forecast_deal(
    scenario: Scenario, samples: int = 0, seed: int = 0, options: BdmOptions | None = None
) -> DealForecast:
    """The negotiation forecast of ``scenario`` over ``samples`` seeded draws (module docstring).

    Sample i depends only on (seed, i), so the result does not depend on batching.
    """
    draws = _draws(scenario, samples, seed)
    issues = [i.id for i in scenario.issues]
    agreeing = [d.terms for d in draws if d.terms is not None]
    n = len(draws)
    p = len(agreeing) / n
    terms, share = None, 0.0
    shares: dict[str, dict[str, float]] = {}
    if agreeing:
        top, count = Counter(agreeing).most_common(1)[0]
        terms, share = dict(zip(issues, top, strict=True)), count / len(agreeing)
        for k, issue in enumerate(issues):
            counts = Counter(t[k] for t in agreeing)
            shares[issue] = {o: counts[o] / len(agreeing) for o in scenario.issue(issue).option_ids}
    pivotal = Counter(label for d in draws if d.terms is None for label in d.pivotal)
    influence = _influence(scenario, options or BdmOptions())
    return DealForecast(
        scenario=scenario.metadata.id,
        samples=samples,
        seed=seed,
        p_agreement=p,
        headline="agreement" if p >= 0.5 else "no agreement",
        terms=terms,
        terms_share=share,
        issue_shares=shares,
        no_deal={i.id: scenario.status_quo.get(i.id, "") for i in scenario.issues},
        pivotal={label: c / n for label, c in sorted(pivotal.items())},
        influence=influence,
        influence_breaks=package_breaks(compile_scenario(scenario), influence),
    )


def forecast_negotiation(
    scenario: Scenario,
    options: BdmOptions | None = None,
    issues: list[str] | None = None,
    samples: int = 0,
    seed: int = 0,
) -> ScenarioForecast:
    """The per-issue forecast of ``scenario`` with the negotiation headline attached.

    The headline (:func:`forecast_deal`) comes first for an analyst; the per-issue influence
    forecasts stay as its inputs.
    """
    result = forecast_scenario(scenario, options, issues, samples, seed)
    size = space_size(scenario)
    if size > MAX_ANALYZE_OUTCOMES or samples * size > MAX_SAMPLE_OUTCOMES:
        # The headline scans the outcome space once per draw: beyond the analysis's limits it
        # is left out (and the result says why); the per-issue forecasts need no space.
        note = (
            f"no negotiation headline: {size:,} outcomes × {max(samples, 1):,} draws is over "
            f"the limits ({MAX_ANALYZE_OUTCOMES:,} outcomes, {MAX_SAMPLE_OUTCOMES:,} "
            "outcome-draws)"
        )
        return replace(result, negotiation_note=note)
    return replace(result, negotiation=forecast_deal(scenario, samples, seed, options))
