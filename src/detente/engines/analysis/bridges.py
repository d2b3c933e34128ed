"""Bridges: single moves by one principal that open a zone of possible agreement.

Moves considered (each changes one requirement of
:func:`detente.engines.analysis.acceptability.requirements`, everything else as stated):

- ``drop_red_line``: a principal gives up one red line;
- ``relax_red_line``: one option threshold of a red line moves by the fewest ranks that open a
  ZOPA (see :mod:`detente.engines.analysis.relaxations` for what "relax" means), one bridge per
  relaxable comparison;
- ``lower_reservation``: a principal lowers its reservation value ``r_p`` by the least amount
  that opens a ZOPA. That amount is exact: with ``m_p`` the largest ``u_p`` over feasible
  outcomes meeting every *other* requirement, lowering ``r_p`` to ``m_p`` (by ``r_p - m_p``)
  opens a ZOPA and any smaller drop does not; no drop helps when no such outcome exists.

For each move the result gives the ZOPA it opens (its size), its Nash deal (by the one rule of
:mod:`detente.engines.nash`, with the mover's disagreement value lowered for a reservation
move) and what the move costs.

Cost, in utility units and comparable across move types. A party's *aspiration* ``a_q`` is its
best utility over the feasible outcomes it accepts under its stated position (its red lines and
``u_q >= r_q``; over all feasible outcomes if it accepts none). The cost of a bridge to party
``q`` is ``a_q - u_q(deal)``, what ``q`` gives up from its stated position to reach the deal;
the *mover's cost* ranks the bridges (ascending). A reservation move also reports the amount
lowered. Each party's *gain* is ``u_q(deal) - r_q`` against its stated reservation value
(negative for the mover of a reservation move).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.analysis.acceptability import (
    Block,
    Requirement,
    blocks,
    requirements,
    scan,
)
from detente.engines.analysis.counts import acceptable_masks
from detente.engines.analysis.deals import Deal, NashTracker, deal_of
from detente.engines.analysis.relaxations import relaxations
from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.space import DEFAULT_CHUNK
from detente.model.conditions import Condition, to_text
from detente.model.scenario import Scenario

__all__ = [
    "Bridge",
    "Bridges",
    "Limits",
    "LimitsScan",
    "Move",
    "apply_move",
    "find_bridges",
    "limits",
]


@dataclass(frozen=True)
class Move:
    """A single change to one requirement (``before`` / ``after`` in the scenario's terms)."""

    kind: str  # "drop_red_line" | "relax_red_line" | "lower_reservation"
    party: str
    requirement: str
    description: str
    before: str
    after: str
    amount: float | None = None
    new_reservation: float | None = None  # exact ``m_p`` for a reservation move
    condition: str | None = None  # the whole relaxed red line, for a relax move


@dataclass(frozen=True)
class Bridge:
    """A move that opens a ZOPA, its Nash deal and what it costs each party."""

    move: Move
    zopa: int
    deal: Deal
    mover_cost: float
    costs: dict[str, float]
    gains: dict[str, float]


@dataclass(frozen=True)
class Limits:
    """``best_other[p]``: max ``u_p`` meeting every requirement but ``p``'s reservation (None
    if none does); ``aspirations[q]``: max ``u_q`` over what ``q`` accepts as stated."""

    best_other: dict[str, float | None]
    aspirations: dict[str, float]

    def least_drop(self, party: str, reservation: float) -> float | None:
        """The least drop of ``party``'s reservation that opens a ZOPA (0 if one exists)."""
        best = self.best_other[party]
        return None if best is None else max(0.0, reservation - best)


@dataclass(frozen=True)
class Bridges:
    """Bridges ranked by the mover's cost, and the moves that open nothing."""

    bridges: tuple[Bridge, ...]
    no_effect: tuple[Move, ...]
    limits: Limits


@dataclass(frozen=True)
class _Candidate:
    move: Move
    k: int  # the requirement replaced
    condition: Condition | None = None  # relaxed red line (None: dropped)
    reservation: float | None = None


def _max(current: float, values: Floats, mask: Mask) -> float:
    return max(current, float(values[mask].max())) if mask.any() else current


class LimitsScan:
    """Accumulates :class:`Limits` block by block (a ``BlockScan``)."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        reqs = requirements(compiled)
        self.res = {r.party: k for k, r in enumerate(reqs) if r.kind == "reservation"}
        self.best = dict.fromkeys(compiled.principals, -np.inf)
        self.aspire = np.full(len(compiled.parties), -np.inf)
        self.fallback = np.full(len(compiled.parties), -np.inf)

    def update(self, block: Block) -> None:
        compiled = self.compiled
        for party, k in self.res.items():
            others = block.feasible & np.delete(block.met, k, axis=0).all(axis=0)
            row = block.utilities[compiled.party_index(party)]
            self.best[party] = _max(self.best[party], row, others)
        accept = acceptable_masks(compiled, block)
        for q in range(len(compiled.parties)):
            self.aspire[q] = _max(self.aspire[q], block.utilities[q], accept[q])
            self.fallback[q] = _max(self.fallback[q], block.utilities[q], block.feasible)

    def result(self) -> Limits:
        aspire = np.where(np.isfinite(self.aspire), self.aspire, self.fallback)
        return Limits(
            {p: (None if not np.isfinite(v) else float(v)) for p, v in self.best.items()},
            {p: float(aspire[q]) for q, p in enumerate(self.compiled.parties)},
        )


def limits(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> Limits:
    """One pass: each principal's best utility under the other requirements; aspirations."""
    scanner = LimitsScan(compiled)
    scan(compiled, [scanner], chunk)
    return scanner.result()


def _label(compiled: Compiled, req: Requirement) -> str:
    return f"{compiled.scenario.party(req.party).name} red line '{req.id.replace('_', ' ')}'"


def _candidates(compiled: Compiled, lim: Limits) -> list[_Candidate]:
    reqs = requirements(compiled)
    lines = {(c.party, c.id): c for c in compiled.red_lines}
    out: list[_Candidate] = []
    for k, req in enumerate(reqs):
        if req.kind == "reservation":
            r = float(compiled.reservations[compiled.party_index(req.party)])
            best = lim.best_other[req.party]
            if best is not None and best < r:
                name = compiled.scenario.party(req.party).name
                text = f"{name} lowers its no-deal value from {r:.3g} to {best:.3g}"
                move = Move(
                    "lower_reservation",
                    req.party,
                    req.label,
                    text,
                    f"{r:.6g}",
                    f"{best:.6g}",
                    r - best,
                    best,
                )
                out.append(_Candidate(move, k, reservation=best))
            continue
        line = lines[(req.party, req.id)]
        before = " ".join(line.text.split()) or req.id
        drop = Move(
            "drop_red_line", req.party, req.label, f"drop {_label(compiled, req)}", before, ""
        )
        out.append(_Candidate(drop, k))
        for relax in relaxations(line.condition, compiled.space):
            text = f"relax {_label(compiled, req)}: {relax.before} -> {relax.after}"
            move = Move(
                "relax_red_line",
                req.party,
                req.label,
                text,
                relax.before,
                relax.after,
                float(relax.steps),
                condition=to_text(relax.condition),
            )
            out.append(_Candidate(move, k, condition=relax.condition))
    return out


def _zopa(compiled: Compiled, cand: _Candidate, block: Block) -> Mask:
    met = np.delete(block.met, cand.k, axis=0).all(axis=0) & block.feasible
    if cand.condition is not None:
        met &= compiled.mask(cand.condition, block.ranks)
    if cand.reservation is not None:
        met &= block.utilities[compiled.party_index(cand.move.party)] >= cand.reservation
    return np.asarray(met, dtype=bool)


def _scan(compiled: Compiled, cands: list[_Candidate], chunk: int) -> list[NashTracker]:
    rows = [compiled.party_index(p) for p in compiled.principals]
    trackers = [NashTracker() for _ in cands]
    for block in blocks(compiled, chunk):
        u = block.utilities[rows]
        for cand, tracker in zip(cands, trackers, strict=True):
            d = compiled.reservations[rows].copy()
            if cand.reservation is not None:
                d[compiled.principals.index(cand.move.party)] = cand.reservation
            tracker.update(block.index, u, d, _zopa(compiled, cand, block))
    return trackers


def _bridge(compiled: Compiled, move: Move, tracker: NashTracker, lim: Limits) -> Bridge:
    deal = deal_of(compiled, tracker.index)
    costs = {q: lim.aspirations[q] - deal.utilities[q] for q in compiled.parties}
    gains = {
        q: deal.utilities[q] - float(compiled.reservations[compiled.party_index(q)])
        for q in compiled.parties
    }
    return Bridge(move, tracker.size, deal, costs[move.party], costs, gains)


def _keep(cands: list[_Candidate], trackers: list[NashTracker]) -> list[int]:
    """Positions of bridges: drops and reservation moves that open a ZOPA; per relaxable
    leaf, only the fewest steps that open one, unless it opens exactly what dropping the whole
    red line opens (then it is the drop in other words)."""
    kept: list[int] = []
    seen: set[tuple[str, str]] = set()
    dropped: dict[str, tuple[int, int]] = {}
    for pos, (cand, tracker) in enumerate(zip(cands, trackers, strict=True)):
        if not tracker.found:
            continue
        key = (tracker.size, tracker.index)
        if cand.move.kind == "drop_red_line":
            dropped[cand.move.requirement] = key
        if cand.move.kind == "relax_red_line":
            leaf = (cand.move.requirement, cand.move.before)
            if leaf in seen:
                continue
            seen.add(leaf)
            if dropped.get(cand.move.requirement) == key:
                continue
        kept.append(pos)
    return kept


def find_bridges(
    compiled: Compiled, chunk: int = DEFAULT_CHUNK, *, lim: Limits | None = None
) -> Bridges:
    """Every single move that opens a ZOPA, ranked by the mover's cost (see module docstring).

    ``lim`` is ``limits(compiled)`` if already computed (it then saves one pass).
    """
    lim = limits(compiled, chunk) if lim is None else lim
    cands = _candidates(compiled, lim)
    trackers = _scan(compiled, cands, chunk)
    kept = _keep(cands, trackers)
    bridges = [_bridge(compiled, cands[i].move, trackers[i], lim) for i in kept]
    bridges.sort(key=lambda b: (b.mover_cost, -b.zopa, b.move.description))
    closed = tuple(c.move for c, t in zip(cands, trackers, strict=True) if not t.found)
    return Bridges(tuple(bridges), closed, lim)


def apply_move(scenario: Scenario, move: Move) -> Scenario:
    """``scenario`` with ``move`` made: the red line dropped or relaxed, or the reservation
    lowered — so that other engines (simulation, phased deals) can run on the bridged case."""
    data = scenario.model_dump(mode="python")
    party = next(p for p in data["parties"] if p["id"] == move.party)
    prefs = party["preferences"]
    line_id = move.requirement.split(":", 1)[1]
    if move.kind == "lower_reservation":
        assert move.new_reservation is not None
        prefs["reservation"] = max(0.0, move.new_reservation)
    elif move.kind == "drop_red_line":
        prefs["red_lines"] = [r for r in prefs["red_lines"] if r["id"] != line_id]
    else:
        for line in prefs["red_lines"]:
            if line["id"] == line_id:
                line["condition"] = move.condition
    return Scenario.model_validate(data)
