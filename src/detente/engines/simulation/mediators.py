"""Mediator policies for the single negotiating text (Raiffa 1982, ch. 14; Camp David 1978).

The mediator sees only the public history: the principals' offers (when talks alternated before
it joined) and, for each text it tabled, who accepted and which issue each objector named. It
keeps a belief about each principal's utility, a linear-additive estimate

.. math::  \\hat u_p(o) = \\frac{S_p(o)}{\\sum_i \\hat w_{p,i}}, \\qquad
           S_p(o) = \\sum_i \\hat w_{p,i} \\, \\hat v_{p,i}(o_i) / \\max_r \\hat v_{p,i}(r)

started flat (``v = 1/2``, equal weights) and updated as a frequency model (Baarslag et al.,
"Predicting the performance of opponent models in automated negotiation", 2013): each option in
a principal's offer gains ``+1/2`` (its offers reveal its preferred options); the option of an
issue it objects to is halved and the weight of that issue grows by ``1/4``. It never tables
the same text twice in a run.

Policies: ``nash`` tables the untried outcome maximising ``prod_p max(u_p, 10^-9)`` of the
beliefs (the Nash bargaining point with zero disagreement values, which the mediator does not
know); ``split`` tables the untried outcome closest, in every principal's believed utility, to
the midpoint ``m_p = mean_q u_p(x_q)`` of the principals' last offers ``x_q`` (or believed ideal
outcomes when they made none): splitting the difference in utility.

Cost. The sums ``S_p`` are kept per run and updated in place: an objection changes one issue's
column, so ``S_p`` moves by that column's change, one gather over the outcomes instead of one
per issue; a new offer (every issue changes) recomputes ``S_p``. Each run's numbers follow the
same sequence of operations whatever batch it is in, so results do not depend on batching.
"""

from __future__ import annotations

import numpy as np

from detente.engines.simulation.domain import additive_sum
from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.state import Floats, Ints, PublicState
from detente.engines.space import Ranks

__all__ = ["Mediator"]

_FLOOR = 1e-9


class Mediator:
    """A mediator for a batch of runs; ``policy`` is ``"nash"`` or ``"split"``."""

    def __init__(self, ranks: Ranks, radices: tuple[int, ...], size: int, policy: str) -> None:
        if policy not in ("nash", "split"):
            raise SimulationError(f"unknown mediator policy {policy!r}; expected nash or split")
        self.policy = policy
        self.ranks = ranks.astype(np.intp)
        self._columns = np.ascontiguousarray(self.ranks.T)  # [issue, outcome] -> option rank
        self.size = size
        self.radices = radices
        self._values = np.zeros((0, 0, 0, 0))
        self._weights = np.zeros((0, 0, 0))
        self._sums = np.zeros((0, 0, 0))  # [slot, p, k]: only runs still open when it joins
        self._slot = np.full(size, -1, dtype=np.int64)
        self._tried = np.zeros((size, ranks.shape[0]), dtype=bool)
        self._seen: dict[str, Ints] = {}

    def _ensure(self, state: PublicState) -> None:
        if self._seen:
            return
        principals, rows = state.principals, state.rows
        n_p, n_i, width = len(principals), self.ranks.shape[1], max(self.radices)
        valid = np.arange(width)[None, :] < np.array(self.radices)[:, None]
        self._values = np.where(valid, 0.5, 0.0) * np.ones((self.size, n_p, n_i, width))
        self._weights = np.ones((self.size, n_p, n_i))
        self._slot[rows] = np.arange(rows.shape[0])
        # Flat beliefs: every column table is 1 on valid options, so S_p = n_issues everywhere.
        self._sums = np.full((rows.shape[0], n_p, self.ranks.shape[0]), float(n_i))
        self._seen = {p: np.full(self.size, -1, dtype=np.int64) for p in principals}

    def _column_tables(self, sel: Ints, p: int) -> Floats:
        """``w_i v_i(r) / max_r v_i(r)`` for runs ``sel`` and principal ``p``: ``[run, i, r]``."""
        values = self._values[sel, p]
        peak = values.max(axis=2)[..., None]
        return np.asarray(self._weights[sel, p][:, :, None] * values / peak)

    def _learn(self, state: PublicState) -> None:
        rows, issues = state.rows, np.arange(self.ranks.shape[1])
        for p, party in enumerate(state.principals):
            offer = state.last_offer[party][rows]
            new = (offer >= 0) & (offer != self._seen[party][rows])
            fresh = rows[new]
            self._values[fresh[:, None], p, issues[None, :], self.ranks[offer[new]]] += 0.5
            self._seen[party][fresh] = offer[new]
            objection = state.objection[party][rows]
            has = (objection >= 0) & (state.text[rows] >= 0)
            self._object(rows[has], p, objection[has], state.text[rows[has]])
            if fresh.size:
                tables = self._column_tables(fresh, p)
                self._sums[self._slot[fresh], p] = additive_sum(tables, self.ranks)

    def _object(self, sel: Ints, p: int, issue: Ints, text: Ints) -> None:
        """Halve the objected option, raise the issue's weight, move ``S_p`` by the change."""
        if not sel.size:
            return
        before = self._column_tables(sel, p)[np.arange(sel.size), issue]
        self._values[sel, p, issue, self.ranks[text, issue]] *= 0.5
        self._weights[sel, p, issue] += 0.25
        change = self._column_tables(sel, p)[np.arange(sel.size), issue] - before
        for i in np.unique(issue).tolist():  # a loop over issues: one gather of rows per issue
            at = issue == i
            self._sums[self._slot[sel[at]], p] += np.take(change[at], self._columns[i], axis=1)

    def beliefs(self, state: PublicState) -> Floats:
        """Believed utilities ``u[row, p, k]`` of every outcome, for the active runs."""
        self._ensure(state)
        rows = state.rows
        total = self._weights[rows].sum(axis=2)
        return np.asarray(self._sums[self._slot[rows]] / total[:, :, None])

    def propose(self, state: PublicState) -> Ints:
        """The next text per active run (never one already tabled in that run)."""
        self._ensure(state)
        self._learn(state)
        rows = state.rows
        score = self._nash(rows) if self.policy == "nash" else -self._split_distance(state)
        score[self._tried[rows]] = -np.inf
        text = np.asarray(np.argmax(score, axis=1), dtype=np.int64)
        self._tried[rows, text] = True
        return text

    def _nash(self, rows: Ints) -> Floats:
        """``prod_p max(S_p, 1e-9 W_p)``: the Nash product of the beliefs times ``prod_p W_p``,
        a positive constant per run that leaves the argmax unchanged."""
        floor = _FLOOR * self._weights[rows].sum(axis=2)
        slots = self._slot[rows]
        score = np.maximum(self._sums[slots, 0], floor[:, 0, None])
        for p in range(1, floor.shape[1]):
            score *= np.maximum(self._sums[slots, p], floor[:, p, None])
        return np.asarray(score)

    def _split_distance(self, state: PublicState) -> Floats:
        utility = self.beliefs(state)
        rows, n_p = state.rows, utility.shape[1]
        anchors = []
        for q, party in enumerate(state.principals):
            offer = state.last_offer[party][rows]
            anchors.append(np.where(offer >= 0, offer, np.argmax(utility[:, q, :], axis=1)))
        at = np.stack(anchors, axis=1)  # row, q
        distance = np.zeros((rows.shape[0], utility.shape[2]))
        for p in range(n_p):
            midpoint = np.take_along_axis(utility[:, p, :], at, axis=1).mean(axis=1)
            distance += (utility[:, p, :] - midpoint[:, None]) ** 2
        return distance
