"""Mediator policies for the single negotiating text (Raiffa 1982, ch. 14; Camp David 1978).

The mediator sees only the public history: the principals' offers (when talks alternated before
it joined) and, for each text it tabled, who accepted and which issue each objector named. It
keeps a belief about each principal's utility, a linear-additive estimate

.. math::  \\hat u_p(o) = \\sum_i \\hat w_{p,i} \\, \\hat v_{p,i}(o_i) / \\max_r \\hat v_{p,i}(r)

started flat (``v = 1/2``, equal weights) and updated as a frequency model (Baarslag et al.,
"Predicting the performance of opponent models in automated negotiation", 2013): each option in
a principal's offer gains ``+1/2`` (its offers reveal its preferred options); the option of an
issue it objects to is halved and the weight of that issue grows by ``1/4``. It never tables
the same text twice in a run.

Policies: ``nash`` tables the untried outcome maximising ``sum_p log u_p`` of the beliefs (the
Nash bargaining point with zero disagreement values, which the mediator does not know);
``split`` tables the untried outcome closest, in every principal's believed utility, to the
midpoint ``m_p = mean_q u_p(x_q)`` of the principals' last offers ``x_q`` (or believed ideal
outcomes when they made none): splitting the difference in utility.
"""

from __future__ import annotations

import numpy as np

from detente.engines.simulation.domain import additive_sum
from detente.engines.simulation.state import Floats, Ints, PublicState
from detente.engines.space import Ranks

__all__ = ["Mediator"]


class Mediator:
    """A mediator for a batch of runs; ``policy`` is ``"nash"`` or ``"split"``."""

    def __init__(self, ranks: Ranks, radices: tuple[int, ...], size: int, policy: str) -> None:
        if policy not in ("nash", "split"):
            raise ValueError(f"unknown mediator policy {policy!r}; expected nash or split")
        self.policy = policy
        self.ranks = ranks.astype(np.int64)
        self.size = size
        self.radices = radices
        self._values: Floats | None = None
        self._weights: Floats | None = None
        self._tried = np.zeros((size, ranks.shape[0]), dtype=bool)
        self._seen: dict[str, Ints] = {}

    def _ensure(self, principals: tuple[str, ...]) -> tuple[Floats, Floats]:
        if self._values is None or self._weights is None:
            n_p, n_i, width = len(principals), self.ranks.shape[1], max(self.radices)
            valid = np.arange(width)[None, :] < np.array(self.radices)[:, None]
            self._values = np.where(valid, 0.5, 0.0) * np.ones((self.size, n_p, n_i, width))
            self._weights = np.ones((self.size, n_p, n_i))
            self._seen = {p: np.full(self.size, -1, dtype=np.int64) for p in principals}
        return self._values, self._weights

    def _learn(self, state: PublicState) -> None:
        values, weights = self._ensure(state.principals)
        rows, issues = state.rows, np.arange(self.ranks.shape[1])
        for p, party in enumerate(state.principals):
            offer = state.last_offer[party][rows]
            new = (offer >= 0) & (offer != self._seen[party][rows])
            sel = rows[new]
            chosen = self.ranks[offer[new]]
            values[sel[:, None], p, issues[None, :], chosen] += 0.5
            self._seen[party][sel] = offer[new]
            objection = state.objection[party][rows]
            has = (objection >= 0) & (state.text[rows] >= 0)
            sel = rows[has]
            issue = objection[has]
            option = self.ranks[state.text[sel], issue]
            values[sel, p, issue, option] *= 0.5
            weights[sel, p, issue] += 0.25

    def beliefs(self, state: PublicState) -> Floats:
        """Believed utilities ``u[row, p, k]`` of every outcome, for the active runs."""
        values, weights = self._ensure(state.principals)
        rows = state.rows
        peak = values[rows].max(axis=3, keepdims=True)
        scaled = values[rows] / peak
        total = np.zeros(weights.shape[:2])[rows]
        for i in range(weights.shape[2]):
            total = total + weights[rows, :, i]
        share = weights[rows] / total[:, :, None]
        return additive_sum(share[:, :, :, None] * scaled, self.ranks)

    def propose(self, state: PublicState) -> Ints:
        """The next text per active run (never one already tabled in that run)."""
        self._learn(state)
        rows = state.rows
        utility = self.beliefs(state)
        if self.policy == "nash":
            score = np.zeros(utility.shape[::2])
            for p in range(utility.shape[1]):
                score += np.log(np.maximum(utility[:, p, :], 1e-9))
        else:
            score = -self._split_distance(state, utility)
        score = np.where(self._tried[rows], -np.inf, score)
        text = np.asarray(np.argmax(score, axis=1), dtype=np.int64)
        self._tried[rows, text] = True
        return text

    def _split_distance(self, state: PublicState, utility: Floats) -> Floats:
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
