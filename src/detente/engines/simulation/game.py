"""One negotiation played move by move: an OpenSpiel-style interface for teaching and debugging.

A :class:`Negotiation` is run ``run`` of a sweep with ``seed`` (the same sampled parameters,
events, shocks and breakdown draws as in :func:`~detente.engines.simulation.protocols.run_batch`),
but each decision is a move that the caller applies: the mover proposes an outcome, then each
other principal answers. Its methods mirror OpenSpiel's ``State`` (Lanctot et al., "OpenSpiel:
a framework for reinforcement learning in games", 2019): :meth:`~Negotiation.current_player`,
:meth:`~Negotiation.legal_moves`, :meth:`~Negotiation.apply`, :meth:`~Negotiation.is_terminal`,
:meth:`~Negotiation.payoffs` and :meth:`~Negotiation.clone`. :meth:`~Negotiation.bot_move` gives
what the configured strategy of the player to move would play, so one can play one side by
hand and let the strategies play the others; applying only bot moves reproduces ``run_batch``.

Moves: a proposal is a domain outcome position ``0 .. n-1`` (:meth:`~Negotiation.outcome` and
:meth:`~Negotiation.move_of` convert to and from ``{issue: option}``); an answer is ``"accept"``
or ``"reject"``, or, to the mediator's text, ``"accept"`` or ``"object:ISSUE"``. Breakdowns
(the per-round hazard) and walk-aways (decided by the configured strategies) happen between
rounds. The strategies keep learning from every round as in a sweep, even when a human plays.

Examples
--------
Play the U.S.-DPRK talks after Hanoi: the DPRK rejects the U.S. opening by hand, then every
party follows its strategy until the talks end.

>>> from detente import resolve_scenario
>>> game = Negotiation(resolve_scenario("hanoi-2019"), seed=1, run=0)
>>> game.current_player()
'usa'
>>> opening = game.bot_move()
>>> game.outcome(opening)["sanctions"], game.outcome(opening)["denuclearization"]
('none', 'complete')
>>> game.apply(opening)
>>> game.current_player(), game.legal_moves()
('dprk', ['accept', 'reject'])
>>> game.apply("reject")
>>> game.round, game.current_player()
(1, 'dprk')
>>> copy = game.clone()
>>> while not game.is_terminal():
...     game.apply(game.bot_move())
>>> copy.round, copy.is_terminal()
(1, False)
>>> game.end in ("deal", "breakdown", "walkaway", "deadline", "cap")
True
>>> sorted(game.payoffs())
['dprk', 'rok', 'usa']
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping

import numpy as np

from detente.engines.compile import compile_scenario
from detente.engines.simulation.domain import Domain, build_domain
from detente.engines.simulation.events import ScheduledEvent, schedule
from detente.engines.simulation.protocols import (
    END_CODES,
    SimulationConfig,
    Talks,
    check_config,
    setup_runs,
)
from detente.engines.simulation.state import Move
from detente.model.scenario import Scenario

__all__ = ["ACCEPT", "REJECT", "GameMove", "Negotiation"]

ACCEPT, REJECT = "accept", "reject"
GameMove = int | str


class Negotiation:
    """Run ``run`` of a sweep (``seed``, ``config``) of ``scenario``, one move at a time."""

    def __init__(
        self,
        scenario: Scenario | Domain,
        config: SimulationConfig | None = None,
        seed: int = 0,
        run: int = 0,
    ) -> None:
        domain = scenario if isinstance(scenario, Domain) else _domain(scenario)
        config = dataclasses.replace(config or SimulationConfig(), record=True)
        check_config(config)
        self.domain, self.config, self.seed, self.run = domain, config, seed, run
        self._talks: Talks = setup_runs(domain, config, seed, np.array([run]))[0]
        events = schedule(domain.compiled.scenario, config.days_per_round, config.events)
        self._timeline: tuple[ScheduledEvent, ...] = events
        deadline = self._talks.state.deadline
        self._limit = (
            min(deadline, config.max_rounds) if deadline is not None else config.max_rounds
        )
        self._at_deadline = deadline is not None and self._limit == deadline
        self._offer = np.zeros(1, dtype=np.int64)
        self._accepted: dict[str, np.ndarray] = {}
        self._objections: dict[str, np.ndarray] = {}
        self._waiting: list[str] = []
        self._mover = ""
        self._bot: GameMove = 0
        self._fired: tuple[ScheduledEvent, ...] = ()
        self._start(0)

    # -- OpenSpiel-style interface -------------------------------------------------------------

    def current_player(self) -> str | None:
        """The party to move (a principal or ``"mediator"``); None once the talks ended."""
        if self.is_terminal():
            return None
        return self._waiting[0] if self._waiting else self._mover

    def legal_moves(self) -> list[GameMove]:
        """Outcome positions for a proposer; ``accept``/``reject`` (or ``object:ISSUE``)."""
        if self.is_terminal():
            return []
        if not self._waiting:
            return list(range(self.domain.n))
        if self._talks.mediated:
            return [ACCEPT, *(f"object:{issue}" for issue in self.domain.compiled.space.issues)]
        return [ACCEPT, REJECT]

    def bot_move(self) -> GameMove:
        """The move the configured strategy of :meth:`current_player` makes here."""
        if self.is_terminal():
            raise ValueError("the negotiation has ended")
        return self._bot

    def apply(self, move: GameMove) -> None:
        """Make ``move`` for :meth:`current_player` (ValueError if it is not legal)."""
        if self.is_terminal():
            raise ValueError("the negotiation has ended")
        if not self._waiting:
            if not isinstance(move, int | np.integer) or not 0 <= int(move) < self.domain.n:
                raise ValueError(f"a proposal is an outcome position 0..{self.domain.n - 1}")
            self._offer = self._talks.offer(self._mover, np.array([int(move)], dtype=np.int64))
            self._waiting = list(self._talks.responders(self._mover))
            self._consult()
            return
        if move not in self.legal_moves():
            raise ValueError(f"{move!r} is not one of {self.legal_moves()}")
        party = self._waiting.pop(0)
        self._accepted[party] = np.array([move == ACCEPT])
        issues = self.domain.compiled.space.issues
        objecting = isinstance(move, str) and move.startswith("object:")
        index = issues.index(str(move).removeprefix("object:")) if objecting else -1
        self._objections[party] = np.array([index])
        if self._waiting:
            self._consult()
        else:
            self._settle()

    def is_terminal(self) -> bool:
        """Whether the talks have ended (deal, breakdown, walk-away, deadline or cap)."""
        return bool(self._talks.end[0] >= 0)

    def payoffs(self) -> dict[str, float]:
        """Each party's utility of the deal, or its no-deal value when there is none."""
        if not self.is_terminal():
            raise ValueError("payoffs are defined once the negotiation has ended")
        talks, outcome = self._talks, int(self._talks.outcome[0])
        values = (
            talks.utilities_at(np.array([0]), np.array([outcome]))[0]
            if outcome >= 0
            else talks.params.reservations[0]
        )
        return {party: float(v) for party, v in zip(self.domain.parties, values, strict=True)}

    def clone(self) -> Negotiation:
        """An independent copy (sharing only the read-only domain)."""
        return copy.deepcopy(self, {id(self.domain): self.domain})

    # -- helpers -------------------------------------------------------------------------------

    @property
    def round(self) -> int:
        return int(self._talks.state.round)

    @property
    def end(self) -> str | None:
        """How the talks ended (see ``END_CODES``), or None while they go on."""
        return END_CODES[int(self._talks.end[0])] if self.is_terminal() else None

    @property
    def history(self) -> tuple[Move, ...]:
        """The rounds played so far, as in ``BatchResult.history``."""
        return tuple(self._talks.state.history)

    def outcome(self, move: int) -> dict[str, str]:
        """The proposal ``move`` as ``{issue: option}``."""
        return self.domain.compiled.space.labels(self.domain.ranks[int(move)].tolist())

    def move_of(self, outcome: Mapping[str, str]) -> int:
        """The proposal of a full outcome ``{issue: option}`` (ValueError if infeasible)."""
        space = self.domain.compiled.space
        index = int(space.encode(space.ranks_of(outcome))[0])
        position = int(np.searchsorted(self.domain.index, index))
        if position >= self.domain.n or self.domain.index[position] != index:
            raise ValueError("that outcome is not in the simulated domain (infeasible)")
        return position

    def _start(self, rnd: int) -> None:
        talks = self._talks
        if rnd >= self._limit:
            talks.end[0], talks.rounds[0] = (3 if self._at_deadline else 4), self._limit
            talks.state.close(np.array([0]))
            return
        talks.state.round = rnd
        self._fired = tuple(e for e in self._timeline if e.round == rnd)
        talks.begin(self._fired)
        self._mover, self._waiting = talks.mover(), []
        self._accepted, self._objections = {}, {}
        self._consult()

    def _consult(self) -> None:
        """Ask the strategy of the player to move now, once, as a sweep would."""
        talks = self._talks
        if not self._waiting:
            self._bot = int(talks.bot_offer(self._mover)[0])
            return
        party = self._waiting[0]
        accepted = talks.negotiators[party].respond(talks.state, self._offer)
        objection = int(talks.bot_objection(party, self._offer, accepted)[0])
        if bool(accepted[0]):
            self._bot = ACCEPT
        elif talks.mediated:
            self._bot = f"object:{self.domain.compiled.space.issues[objection]}"
        else:
            self._bot = REJECT

    def _settle(self) -> None:
        talks = self._talks
        objections = self._objections if talks.mediated else {}
        talks.finish(self._mover, self._offer, self._accepted, objections, self._fired)
        if not self.is_terminal():
            self._start(self.round + 1)


def _domain(scenario: Scenario) -> Domain:
    return build_domain(compile_scenario(scenario))
