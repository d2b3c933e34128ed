"""Negotiation strategies of the principals.

A strategy is a :class:`Negotiator` bound to one :class:`PartyView` (its own arrays only) with
``propose(state) -> outcome per active run`` and ``respond(state, offer) -> accept per active
run``; ``objection`` names the issue it objects to most (for the mediated protocol) and
``walks`` whether it leaves the talks. Every method answers for ``state.rows``.

References
----------
P. Faratin, C. Sierra, N. R. Jennings, "Negotiation decision functions for autonomous agents",
Robotics and Autonomous Systems 24 (1998) 159–182: time-dependent tactics (Boulware ``e < 1``,
linear ``e = 1``, conceder ``e > 1``) and behaviour-dependent (tit-for-tat) tactics.
"""

from __future__ import annotations

import numpy as np

from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.state import Bools, Floats, Ints, PartyView, PublicState

__all__ = [
    "Concession",
    "HardLiner",
    "Negotiator",
    "RandomBaseline",
    "Reciprocal",
    "WalkAway",
]


class Negotiator:
    """Base class: accept what meets the current target; object to the costliest issue.

    Subclasses set :meth:`target`. ``proposes_below_reservation`` is False for every strategy
    except the random baseline (a property the tests check).
    """

    proposes_below_reservation = False

    def __init__(self, view: PartyView) -> None:
        self.view = view

    def target(self, state: PublicState) -> Floats:
        """The utility the party asks for now, per active run (never below its reservation)."""
        raise NotImplementedError

    def propose(self, state: PublicState) -> Ints:
        """The outcome whose own utility is the lowest at or above the target."""
        return self.view.at_least(state.rows, self.target(state))

    def respond(self, state: PublicState, offer: Ints) -> Bools:
        """Accept when the offer meets the red lines and is worth at least the target."""
        rows = state.rows
        value = self.view.value(rows, offer)
        ok = self.view.acceptable[np.maximum(offer, 0)] & (offer >= 0)
        rational = value >= self.view.reservation[rows]
        return np.asarray(ok & rational & (value >= self.target(state)))

    def objection(self, state: PublicState, offer: Ints) -> Ints:
        """The issue with the largest own loss ``max_r T[i, r] - T[i, r_i(offer)]``."""
        rows = state.rows
        table = self.view.table[rows]
        chosen = state.ranks[np.maximum(offer, 0)].astype(np.int64)
        current = np.take_along_axis(table, chosen[:, :, None], axis=2)[:, :, 0]
        loss = table.max(axis=2) - current
        return np.asarray(np.argmax(loss, axis=1), dtype=np.int64)

    def walks(self, state: PublicState) -> Bools:
        """Whether the party leaves the talks now (never, unless a strategy says otherwise)."""
        return np.zeros(state.rows.shape[0], dtype=bool)

    def floor(self, state: PublicState) -> Floats:
        """The reservation per active run, capped at the best attainable utility."""
        rows = state.rows
        return np.asarray(np.minimum(self.view.reservation[rows], self.view.best[rows]))


class Concession(Negotiator):
    """Time-dependent concession (Faratin et al. 1998):

    .. math:: u(t) = u_{max} - (u_{max} - r) (t / T)^{1/e}

    with ``T`` the deadline (or, with no deadline, the expected number of rounds before a
    breakdown, ``1 / hazard``). ``e < 1`` Boulware, ``e = 1`` linear, ``e > 1`` conceder.
    """

    def __init__(self, view: PartyView, e: float = 1.0) -> None:
        super().__init__(view)
        if e <= 0:
            raise SimulationError(f"the concession exponent e must be positive (got {e})")
        self.e = e

    def target(self, state: PublicState) -> Floats:
        best = self.view.best[state.rows]
        floor = self.floor(state)
        return np.asarray(best - (best - floor) * state.time ** (1.0 / self.e))


class HardLiner(Negotiator):
    """Asks for its best outcome at every round and accepts nothing less."""

    def target(self, state: PublicState) -> Floats:
        return np.asarray(self.view.best[state.rows])


class Reciprocal(Negotiator):
    """ "Corresponding measures": tit-for-tat in utility (Faratin et al. 1998, §4.2).

    After an ``opening`` concession, the target drops by ``factor`` times the other principals'
    mean last concession, each measured in the party's own utility
    (``u(last offer) - u(previous offer)``, counted only when positive), never below the
    reservation.
    """

    def __init__(self, view: PartyView, factor: float = 1.0, opening: float = 0.02) -> None:
        super().__init__(view)
        self.factor, self.opening = factor, opening
        self._target = view.best.copy()
        self._updated = np.full(view.best.shape[0], -1, dtype=np.int64)

    def _update(self, state: PublicState) -> None:
        rows = state.rows
        fresh = self._updated[rows] < state.round
        others = [p for p in state.principals if p != self.view.party]
        gains = np.zeros(rows.shape[0])
        for q in others:
            last = self.view.value(rows, state.last_offer[q][rows])
            before = self.view.value(rows, state.previous_offer[q][rows])
            both = np.isfinite(last) & np.isfinite(before)
            change = np.where(both, last, 0.0) - np.where(both, before, 0.0)
            gains += np.maximum(change, 0.0)
        first = self._updated[rows] < 0
        step = np.where(first, self.opening, self.factor * gains / max(len(others), 1))
        new = np.maximum(self._target[rows] - step, self.floor(state))
        self._target[rows] = np.where(fresh, new, self._target[rows])
        self._updated[rows] = np.where(fresh, state.round, self._updated[rows])

    def target(self, state: PublicState) -> Floats:
        self._update(state)
        return np.asarray(np.maximum(self._target[state.rows], self.floor(state)))


class WalkAway(Concession):
    """Time-dependent concession that leaves the talks when no deal can beat no deal.

    It walks away when its reservation exceeds every outcome it accepts (e.g. after an event
    raised it), or once ``t >= patience * T`` while no offer it received so far reached its
    reservation.
    """

    def __init__(self, view: PartyView, e: float = 1.0, patience: float = 1.0) -> None:
        super().__init__(view, e)
        self.patience = patience
        self._best_seen = np.full(view.best.shape[0], -np.inf)

    def respond(self, state: PublicState, offer: Ints) -> Bools:
        rows = state.rows
        value = self.view.value(rows, offer)
        seen = np.where(self.view.acceptable[np.maximum(offer, 0)], value, -np.inf)
        self._best_seen[rows] = np.maximum(self._best_seen[rows], seen)
        return super().respond(state, offer)

    def walks(self, state: PublicState) -> Bools:
        rows = state.rows
        hopeless = self.view.reservation[rows] > self.view.best[rows]
        late = state.time >= self.patience
        unmet = self._best_seen[rows] < self.view.reservation[rows]
        return np.asarray(hopeless | (late & unmet))


class RandomBaseline(Negotiator):
    """Proposes a uniformly random outcome; accepts any offer with probability ``accept``."""

    proposes_below_reservation = True

    def __init__(self, view: PartyView, accept: float = 0.5, salt: int = 0) -> None:
        super().__init__(view)
        self.accept, self.salt = accept, salt

    def propose(self, state: PublicState) -> Ints:
        n = self.view.utility.shape[1]
        draws = state.uniform(2 * self.salt + 1)
        return np.asarray(np.minimum((draws * n).astype(np.int64), n - 1), dtype=np.int64)

    def respond(self, state: PublicState, offer: Ints) -> Bools:
        return np.asarray(state.uniform(2 * self.salt + 2) < self.accept)

    def target(self, state: PublicState) -> Floats:
        return np.asarray(self.view.reservation[state.rows])
