"""Negotiation protocols, run for a batch of runs in lock-step.

*Alternating offers* (Rubinstein 1982; multilateral as in the stacked alternating offers
protocol of Aydoğan et al. 2017): the principals take turns; the proposer names a full outcome,
every other principal accepts or rejects, and a deal needs every principal (proposing counts
as accepting). *Single negotiating text* (Raiffa, *The Art and Science of Negotiation*, 1982,
ch. 14): the mediator tables a text, each principal accepts it or names the issue it objects to
most, and the mediator revises. A mediation event switches alternating talks to the mediated
protocol from its round on.

Each round, in order: events due fire; the move is made and answered; a deal ends the run;
otherwise a principal may walk away; otherwise the talks break down with the run's per-round
hazard. With a deadline of ``D`` rounds, talks still open after round ``D - 1`` end without a
deal; with none, ``max_rounds`` bounds a run (reported as ``cap``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from detente.engines.simulation.domain import Domain, ParameterArrays
from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.events import ScheduledEvent, fire, schedule
from detente.engines.simulation.mediators import Mediator
from detente.engines.simulation.registry import StrategySpec
from detente.engines.simulation.shocks import shock_reservations
from detente.engines.simulation.state import (
    Bools,
    Floats,
    Ints,
    Move,
    PartyView,
    PublicState,
    run_keys,
)
from detente.engines.simulation.strategies import Negotiator
from detente.engines.uncertainty import sample_parameters

__all__ = [
    "END_CODES",
    "BatchResult",
    "SimulationConfig",
    "Talks",
    "check_config",
    "run_batch",
    "setup_runs",
]

#: How a run ended, by code.
END_CODES = ("deal", "breakdown", "walkaway", "deadline", "cap")


_LINEAR = StrategySpec("linear")
_NASH = StrategySpec("nash")


@dataclass(frozen=True)
class SimulationConfig:
    """Everything but the scenario and the seed that fixes a sweep's runs.

    ``strategies`` maps principals to strategies (others use ``default``); ``events`` lists the
    scenario events that fire (None: all of them); ``horizon`` is the ``T`` of time-dependent
    strategies when there is no deadline (None: ``1 / hazard``, or 100 without a hazard);
    ``shock`` the standard deviation of the per-round shocks to the principals' reservation
    values (:mod:`~detente.engines.simulation.shocks`; 0: none).
    """

    protocol: str = "alternating"
    strategies: tuple[tuple[str, StrategySpec], ...] = ()
    default: StrategySpec = _LINEAR
    mediator: StrategySpec = _NASH
    deadline: int | None = None
    max_rounds: int = 1000
    days_per_round: int = 1
    events: tuple[str, ...] | None = None
    horizon: float | None = None
    sample: bool = True
    record: bool = False
    shock: float = 0.0

    def strategy(self, party: str) -> StrategySpec:
        return dict(self.strategies).get(party, self.default)


@dataclass(frozen=True)
class BatchResult:
    """Per-run results of a batch; ``outcome`` is a global outcome index (-1: no deal)."""

    runs: Ints
    paths: tuple[str, ...]
    parameters: Floats
    agreement: Bools
    outcome: Ints
    rounds: Ints
    end: Ints
    utilities: Floats
    history: tuple[Move, ...] = field(default=(), repr=False)


def _sampled(domain: Domain, config: SimulationConfig, seed: int, runs: Ints) -> Floats:
    scenario = domain.compiled.scenario
    paths = tuple(u.parameter for u in scenario.uncertainty) if config.sample else ()
    values = np.empty((runs.shape[0], len(paths)))
    if not paths or not runs.size:
        return values
    # One call per stretch of consecutive run ids (a whole batch, unless a sweep resumes).
    breaks = np.flatnonzero(np.diff(runs) != 1) + 1
    for lo, hi in zip([0, *breaks.tolist()], [*breaks.tolist(), runs.shape[0]], strict=True):
        values[lo:hi] = sample_parameters(scenario, hi - lo, seed, start=int(runs[lo])).values
    return values


def _shared(params: ParameterArrays) -> bool:
    """Whether every run of the batch has the same utility parameters."""
    return all(bool((a == a[:1]).all()) for a in (params.weights, params.values, params.bonuses))


def _views(domain: Domain, params: ParameterArrays) -> tuple[Floats, list[PartyView]]:
    """Each principal's private view: copies, so that no view shares memory with (and so
    can reach, through ``.base``) another party's arrays. When every run shares the same
    utilities, they are computed and sorted once and broadcast to the batch."""
    size = params.size
    rows = slice(0, 1) if size > 1 and _shared(params) else slice(None)
    tables = domain.tables(params)[rows]
    one = ParameterArrays(params.weights[rows], params.values[rows], params.bonuses[rows],
                          params.reservations[rows], params.hazard[rows])  # fmt: skip
    utility = domain.utilities(one, tables)

    def own(array: Floats) -> Floats:
        return np.broadcast_to(array.copy(), (size, *array.shape[1:]))

    views = [
        PartyView(
            party,
            own(utility[:, p]),
            domain.red_line_ok[p].copy(),
            own(tables[:, p]),
            params.reservations[:, p].copy(),
        )
        for p, party in enumerate(domain.principals)
    ]
    return np.broadcast_to(utility, (size, *utility.shape[1:])), views


def _horizon(domain: Domain, config: SimulationConfig, deadline: int | None) -> float:
    if deadline is not None:
        return float(deadline)
    if config.horizon is not None:
        return config.horizon
    return min(1.0 / domain.hazard, config.max_rounds) if domain.hazard > 0 else 100.0


@dataclass
class Talks:
    """The mutable bookkeeping of one batch while it runs."""

    domain: Domain
    config: SimulationConfig
    params: ParameterArrays
    utility: Floats
    views: list[PartyView]
    negotiators: dict[str, Negotiator]
    state: PublicState
    mediator: Mediator | None
    outcome: Ints
    rounds: Ints
    end: Ints
    mediated: bool = False
    turn: int = 0

    def step(self, fired: tuple[ScheduledEvent, ...]) -> None:
        """One round for every open run: events, a move, the answers, the settlement."""
        self.begin(fired)
        if not self.state.active.any():
            return
        mover = self.mover()
        offer = self.offer(mover, self.bot_offer(mover))
        responders = self.responders(mover)
        accepted = {q: self.negotiators[q].respond(self.state, offer) for q in responders}
        objections = {q: self.bot_objection(q, offer, accepted[q]) for q in responders}
        self.finish(mover, offer, accepted, objections if self.mediated else {}, fired)

    def begin(self, fired: tuple[ScheduledEvent, ...]) -> None:
        """Start the round: fire its events, shock the reservations, update the views."""
        state = self.state
        if fire(self.domain, self.params, fired):
            self.utility, fresh = _views(self.domain, self.params)
            for view, new in zip(self.views, fresh, strict=True):
                view.refresh(new.utility, new.table)
        columns = [self.domain.parties.index(p) for p in state.principals]
        shock_reservations(
            self.params.reservations, columns, state.keys, state.rows, state.round,
            self.config.shock,
        )  # fmt: skip
        for p, view in enumerate(self.views):
            view.reservation[:] = self.params.reservations[:, p]
        if any(e.mediation for e in fired) and self.mediator is not None:
            self.mediated = True

    def mover(self) -> str:
        """Who proposes this round: the mediator, or the principals in turn."""
        principals = self.state.principals
        return "mediator" if self.mediated else principals[self.turn % len(principals)]

    def bot_offer(self, mover: str) -> Ints:
        """What the mover's strategy proposes, per open run."""
        if mover == "mediator":
            assert self.mediator is not None
            return self.mediator.propose(self.state)
        return self.negotiators[mover].propose(self.state)

    def offer(self, mover: str, offer: Ints) -> Ints:
        """Table ``offer`` (per open run) in the public state."""
        state, rows = self.state, self.state.rows
        if mover == "mediator":
            state.text[rows] = offer
        else:
            self.turn += 1
            state.previous_offer[mover][rows] = state.last_offer[mover][rows]
            state.last_offer[mover][rows] = offer
        return offer

    def responders(self, mover: str) -> tuple[str, ...]:
        return tuple(p for p in self.state.principals if p != mover)

    def bot_objection(self, party: str, offer: Ints, accepted: Bools) -> Ints:
        """The issue ``party`` objects to (-1 where it accepts or talks alternate)."""
        if not self.mediated:
            return np.full(offer.shape[0], -1, dtype=np.int64)
        return np.where(accepted, -1, self.negotiators[party].objection(self.state, offer))

    def finish(
        self,
        mover: str,
        offer: Ints,
        accepted: Mapping[str, Bools],
        objections: Mapping[str, Ints],
        fired: tuple[ScheduledEvent, ...],
    ) -> None:
        """Publish the objections, settle the round and record it."""
        state, rows = self.state, self.state.rows
        for q, objection in objections.items():
            state.objection[q][rows] = objection
        self._settle(rows, offer, accepted)
        if self.config.record:
            events = tuple(e.id for e in fired)
            state.history.append(
                Move(state.round, mover, rows, offer, dict(accepted), dict(objections), events)
            )

    def _settle(self, rows: Ints, offer: Ints, accepted: Mapping[str, Bools]) -> None:
        state = self.state
        deal = np.ones(rows.shape[0], dtype=bool)
        for answer in accepted.values():
            deal &= answer
        walk = np.zeros(rows.shape[0], dtype=bool)
        for negotiator in self.negotiators.values():
            walk |= negotiator.walks(state)
        broke = state.uniform(1000) < self.params.hazard[rows]
        code = np.where(deal, 0, np.where(walk, 2, np.where(broke, 1, -1)))
        ended = code >= 0
        done = rows[ended]
        self.end[done] = code[ended]
        self.rounds[done] = state.round
        self.outcome[rows[deal]] = offer[deal]
        state.close(done)


def setup_runs(
    domain: Domain, config: SimulationConfig, seed: int, runs: Ints
) -> tuple[Talks, Floats]:
    scenario = domain.compiled.scenario
    size = runs.shape[0]
    params = domain.parameters(size)
    sampled = _sampled(domain, config, seed, runs)
    paths = tuple(u.parameter for u in scenario.uncertainty) if config.sample else ()
    for k, path in enumerate(paths):
        domain.apply(params, path, sampled[:, k], delta=False)
    utility, views = _views(domain, params)
    negotiators = {
        view.party: config.strategy(view.party).bind(view, salt=p) for p, view in enumerate(views)
    }
    deadline = config.deadline if config.deadline is not None else scenario.process.deadline_rounds
    keys = run_keys(seed, runs)
    state = PublicState(
        domain.principals, domain.ranks, keys, _horizon(domain, config, deadline), deadline
    )
    radices = tuple(len(o) for o in domain.compiled.space.options)
    mediator = Mediator(domain.ranks, radices, size, config.mediator.name)
    run = Talks(
        domain, config, params, utility, views, negotiators, state, mediator,
        outcome=np.full(size, -1, dtype=np.int64),
        rounds=np.zeros(size, dtype=np.int64),
        end=np.full(size, -1, dtype=np.int64),
        mediated=config.protocol == "mediated",
    )  # fmt: skip
    return run, sampled


def check_config(config: SimulationConfig) -> None:
    """ValueError with a reason when ``config`` cannot run."""
    if config.protocol not in ("alternating", "mediated"):
        raise SimulationError(
            f"unknown protocol {config.protocol!r}; expected alternating or mediated"
        )
    if not config.shock >= 0 or config.shock == float("inf"):
        raise SimulationError(f"the shock size must be a finite number >= 0 (got {config.shock})")


def run_batch(domain: Domain, config: SimulationConfig, seed: int, runs: Ints) -> BatchResult:
    """Run the negotiations ``runs`` (ids) of a sweep with ``seed``, in lock-step.

    Run ``i`` draws its uncertain parameters with ``sample_parameters(..., start=i)`` and its
    strategy randomness from :func:`~detente.engines.simulation.state.run_keys`, so its result
    does not depend on which other runs share the batch.
    """
    check_config(config)
    runs = np.asarray(runs, dtype=np.int64)
    run, sampled = setup_runs(domain, config, seed, runs)
    timeline = schedule(domain.compiled.scenario, config.days_per_round, config.events)
    deadline = run.state.deadline
    limit = min(deadline, config.max_rounds) if deadline is not None else config.max_rounds
    for rnd in range(limit):
        run.state.round = rnd
        run.step(tuple(e for e in timeline if e.round == rnd))
        if not run.state.active.any():
            break
    open_ = run.state.active
    run.end[open_] = 3 if deadline is not None and limit == deadline else 4
    run.rounds[open_] = limit
    deal = run.outcome >= 0
    utilities = np.full((runs.shape[0], len(domain.parties)), np.nan)
    rows = np.flatnonzero(deal)
    utilities[rows] = run.utility[rows, :, run.outcome[rows]]
    paths = (
        tuple(u.parameter for u in domain.compiled.scenario.uncertainty) if config.sample else ()
    )
    return BatchResult(
        runs=runs,
        paths=paths,
        parameters=sampled,
        agreement=deal,
        outcome=np.where(deal, domain.index[np.maximum(run.outcome, 0)], -1),
        rounds=run.rounds,
        end=run.end,
        utilities=utilities,
        history=tuple(run.state.history),
    )
