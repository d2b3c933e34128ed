"""A mediator who knows the parties' preferences: the single negotiating text at the Nash deal.

Raiffa (*The Art and Science of Negotiation*, 1982, ch. 14) describes the single negotiating
text at Camp David: the mediator drafts one text, asks each side what it objects to, and
redrafts. The ``nash`` and ``split`` mediators of :mod:`.mediators` start knowing nothing and
must learn the preferences from offers and objections. The ``informed`` mediator is the other
end: it knows (or has elicited before the talks, as the U.S. did) each principal's utilities,
no-deal values and red lines as the scenario states them, run by run (sampled parameters,
events and shocks included), and tables every round the text

.. math:: \\arg\\max_{o \\in Z} \\; \\sum_p \\log(u_p(o) - r_p) \\; [+ \\log(u_m(o) - r_m)],

over the zone of agreement ``Z`` (outcomes meeting every principal's red lines with
``u_p >= r_p``): the Nash bargaining solution (Nash 1950). A mediator with preferences of its own
(a party with role ``mediator``, e.g. the U.S. at Camp David) is a *manipulator* in Touval and
Zartman's sense: it restricts itself to texts it can live with (``u_m >= r_m``, its red lines)
when the zone has any, and counts its own gain as one more factor. With no zone in a run, it
tables the red-line-acceptable outcome with the smallest worst shortfall ``max min_p (u_p - r_p)``
(the text closest to acceptable), or, with none, the smallest worst shortfall overall. It may
table the same text again: the principals' demands fall with time (their strategies), so a
text refused early can be accepted later. Ties: the lowest outcome index. Our formulation.
"""

from __future__ import annotations

import numpy as np

from detente.engines.simulation.domain import Domain
from detente.engines.simulation.state import Bools, Floats, Ints, PublicState

__all__ = ["InformedMediator"]

_CELLS = 2_000_000  # runs x outcomes evaluated at once (memory bound)
_TINY = 1e-12


class InformedMediator:
    """The ``informed`` mediator for a batch of runs (see the module)."""

    policy = "informed"

    def __init__(self, domain: Domain, reservations: Floats) -> None:
        parties = domain.parties
        self.principals = np.array([parties.index(p) for p in domain.principals])
        roles = {p.id: p.role for p in domain.compiled.scenario.parties}
        own = [k for k, p in enumerate(parties) if roles.get(p) == "mediator"]
        self.own = own[0] if own else None
        self.acceptable: Bools = np.asarray(domain.red_line_ok[self.principals].all(axis=0))
        self.own_lines: Bools | None = (
            np.asarray(domain.red_line_ok[self.own], dtype=bool) if self.own is not None else None
        )
        self.reservations = reservations  # [run, party], updated in place by events and shocks
        self.utility: Floats = np.zeros((0, 0, 0))
        # A run's text depends only on its utilities and no-deal values: kept until either
        # changes (events re-attach the utilities; shocks and events move the no-deal values).
        self._texts: Ints = np.full(reservations.shape[0], -1, dtype=np.int64)
        self._basis: Floats = np.full(reservations.shape, np.nan)

    def attach(self, utility: Floats) -> None:
        """Use ``utility[run, party, outcome]`` (after events change the parameters)."""
        self.utility = utility
        self._texts[:] = -1

    def _scores(self, rows: Ints) -> Floats:
        u = self.utility[rows]
        r = self.reservations[rows]
        gain = u[:, self.principals, :] - r[:, self.principals, None]
        worst = gain.min(axis=1)
        zone: Bools = np.asarray(self.acceptable[None, :] & (worst >= -_TINY))
        score = np.log(np.maximum(gain, _TINY)).sum(axis=1)
        if self.own is not None and self.own_lines is not None:
            mine = u[:, self.own, :] - r[:, self.own, None]
            fits = zone & self.own_lines[None, :] & (mine >= -_TINY)
            zone = np.asarray(np.where(np.any(fits, axis=1, keepdims=True), fits, zone))
            score = score + np.log(np.maximum(mine, _TINY))
        near = np.where(self.acceptable[None, :], worst, -np.inf)
        near = np.where(np.any(np.isfinite(near), axis=1, keepdims=True), near, worst)
        # Per run: the Nash score over its zone, or, with no zone, the worst shortfall.
        inside = np.where(zone, score, -np.inf)
        return np.asarray(np.where(np.any(zone, axis=1, keepdims=True), inside, near))

    def propose(self, state: PublicState) -> Ints:
        """The Nash text of each active run (see the module)."""
        rows = state.rows
        moved = np.any(self.reservations[rows] != self._basis[rows], axis=1)
        stale = rows[(self._texts[rows] < 0) | moved]
        n = max(1, _CELLS // max(1, self.utility.shape[2]))
        for k in range(0, stale.size, n):
            part = stale[k : k + n]
            self._texts[part] = np.argmax(self._scores(part), axis=1)
            self._basis[part] = self.reservations[part]
        return np.asarray(self._texts[rows], dtype=np.int64)
