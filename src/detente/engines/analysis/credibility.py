"""Red-line credibility: the chance that each stated red line holds, and what follows from it.

A principal's red line ``l`` holds at the table with probability ``c_l`` (its ``credibility``,
a judgment; 1 is a wall, 0 a posture that will bend), independently of the other lines. Given
the set ``H`` of lines that hold, a deal exists when some feasible outcome meets every
principal's reservation value and every line in ``H``. With the requirement patterns of the
feasible outcomes (:class:`detente.engines.analysis.conflicts.PatternScan`), ``sat(H)`` — some
pattern meets every reservation and contains ``H`` — is the downward closure of the patterns
projected on the lines, computed for all ``2^L`` sets by one superset-sum pass per line. Then

.. math::  P(\\text{ZOPA}) = \\sum_{H} \\prod_{l \\in H} c_l \\prod_{l \\notin H} (1 - c_l)
           \\, [\\text{sat}(H)]

exactly (``L <= EXACT_LIMIT``), and ``P(ZOPA | l bends)`` likewise over the sets without
``l``. A minimal conflict set (MIS) *binds* when all its red lines hold: ``prod_{l in S} c_l``.

Monte Carlo (with ``samples``, as a check, and beyond ``EXACT_LIMIT`` lines): the seeded hold
draws of :mod:`detente.engines.analysis.holds`, looked up in the same ``sat`` table.

The firmness reasons are the literature's: public commitment and the audience costs of backing
down (Schelling, *The Strategy of Conflict*, 1960; Fearon, "Domestic Political Audiences and the
Escalation of International Disputes", *APSR* 88(3), 1994), costly signals, repetition by the
top leader, past walk-outs. The formulation as independent Bernoulli holds is ours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Requirement
from detente.engines.analysis.bridges import Bridges
from detente.engines.analysis.conflicts import EXACT_LIMIT, Conflicts, Patterns
from detente.engines.analysis.holds import hold_uniforms, principal_lines, red_line
from detente.engines.compile import Compiled, Constraint, Floats
from detente.engines.statistics import wilson_interval
from detente.model.scenario import Distribution

__all__ = [
    "BridgeOdds",
    "ConflictOdds",
    "Credibility",
    "LineOdds",
    "credibility_analysis",
    "distribution_cdf",
    "line_satisfiable",
    "zopa_probability",
]

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class LineOdds:
    """One principal red line: its credibility, the evidence of commitment, what bending opens.

    ``zopa_if_bends`` is ``P(ZOPA | the line bends)`` (None when it cannot bend, ``c = 1``).
    """

    label: str
    party: str
    party_name: str
    id: str
    credibility: float
    commitment: tuple[str, ...]
    bend: float
    zopa_if_bends: float | None


@dataclass(frozen=True)
class ConflictOdds:
    """A minimal conflict set and the probability that it binds (all its red lines hold)."""

    lines: tuple[str, ...]
    sentence: str
    binds: float
    binds_sampled: float | None


@dataclass(frozen=True)
class BridgeOdds:
    """A bridge with the mover's cost and the chance that the mover accepts the move.

    ``acceptance`` is ``1 - c`` for dropping or relaxing a red line of credibility ``c``, and
    for lowering a reservation value ``P(r <= new value)`` under the scenario's uncertainty
    range of that reservation (None without one).
    """

    description: str
    kind: str
    party: str
    zopa: int
    mover_cost: float
    acceptance: float | None


@dataclass(frozen=True)
class Credibility:
    """P(ZOPA) over which red lines hold, per line and per conflict; bridges by acceptance."""

    lines: tuple[LineOdds, ...]
    zopa_probability: float
    exact: bool
    samples: int
    seed: int
    sampled_zopa_probability: float | None
    sampled_interval: tuple[float, float] | None
    conflicts: tuple[ConflictOdds, ...]
    most_likely_to_bend: str | None
    reading: str
    bridges: tuple[BridgeOdds, ...]


def line_satisfiable(reqs: Sequence[Requirement], patterns: Patterns) -> Bools:
    """``sat[code]`` for every subset ``code`` of the red lines (bit ``l`` = ``l``-th line of
    ``reqs``): some pattern meets every reservation and every line in the subset."""
    res = [k for k, r in enumerate(reqs) if r.kind == "reservation"]
    pos = [k for k, r in enumerate(reqs) if r.kind == "red_line"]
    sat = np.zeros(1 << len(pos), dtype=bool)
    rows = patterns[patterns[:, res].all(axis=1)] if patterns.shape[0] else patterns
    if rows.shape[0]:
        codes = rows[:, pos].astype(np.int64) @ (1 << np.arange(len(pos), dtype=np.int64))
        sat[codes] = True
    for i in range(len(pos)):
        view = sat.reshape(-1, 2, 1 << i)
        view[:, 0, :] |= view[:, 1, :]
    return sat


def _set_probabilities(cred: Floats) -> Floats:
    probs = np.ones(1)
    for c in cred:
        probs = np.concatenate([probs * (1.0 - c), probs * c])
    return probs


def zopa_probability(sat: Bools, cred: Floats) -> float:
    """Exact ``P(ZOPA)`` from :func:`line_satisfiable` and the lines' credibilities.

    Examples
    --------
    >>> sat = np.array([True, True, True, False])  # both lines together leave no deal
    >>> round(zopa_probability(sat, np.array([0.8, 0.5])), 6)
    0.6
    """
    return float(np.clip((_set_probabilities(cred) * sat).sum(), 0.0, 1.0))


def _sampled_sat(reqs: Sequence[Requirement], patterns: Patterns, holds: Bools) -> Bools:
    """Per sample: some pattern meets every reservation and every line that holds."""
    res = np.array([r.kind == "reservation" for r in reqs])
    pos = [k for k, r in enumerate(reqs) if r.kind == "red_line"]
    out = np.zeros(holds.shape[0], dtype=bool)
    if patterns.shape[0] == 0:
        return out
    missing = (~patterns).astype(np.int64)
    for lo in range(0, holds.shape[0], 4096):
        need = np.repeat(res[None], holds[lo : lo + 4096].shape[0], axis=0)
        need[:, pos] = holds[lo : lo + 4096]
        out[lo : lo + 4096] = ((need.astype(np.int64) @ missing.T) == 0).any(axis=1)
    return out


def distribution_cdf(dist: Distribution, x: float) -> float:
    """``P(X <= x)`` for a scenario distribution (uniform, triangular, truncated normal).

    Examples
    --------
    >>> round(distribution_cdf(Distribution(kind="uniform", low=0.2, high=0.6), 0.3), 12)
    0.25
    """
    low, high = dist.low, dist.high
    if x < low:
        return 0.0
    if x >= high or high == low:
        return 1.0
    if dist.kind == "uniform":
        return (x - low) / (high - low)
    if dist.kind == "triangular":
        mode = float(dist.mode if dist.mode is not None else low)
        if x <= mode:
            return (x - low) ** 2 / ((high - low) * (mode - low)) if mode > low else 0.0
        return 1.0 - (high - x) ** 2 / ((high - low) * (high - mode))
    assert dist.mean is not None and dist.sd is not None
    phi = [0.5 * (1 + math.erf((v - dist.mean) / (dist.sd * math.sqrt(2)))) for v in (low, x, high)]
    return (phi[1] - phi[0]) / (phi[2] - phi[0]) if phi[2] > phi[0] else 1.0


def _line_odds(
    compiled: Compiled, lines: Sequence[Constraint], sat: Bools | None
) -> list[LineOdds]:
    cred = np.array([red_line(compiled, line).credibility for line in lines])
    out = []
    for k, line in enumerate(lines):
        red = red_line(compiled, line)
        given: float | None = None
        if sat is not None and cred[k] < 1.0:
            others = np.delete(cred, k)
            without = sat.reshape(-1, 2, 1 << k)[:, 0, :].reshape(-1)
            given = zopa_probability(without, others)
        party = line.party or ""
        out.append(
            LineOdds(
                f"{party}:{line.id}",
                party,
                compiled.scenario.party(party).name,
                line.id,
                float(red.credibility),
                tuple(red.commitment),
                1.0 - float(red.credibility),
                given,
            )
        )
    return out


def _bridge_odds(compiled: Compiled, bridges: Bridges | None) -> tuple[BridgeOdds, ...]:
    if bridges is None:
        return ()
    cred = {f"{c.party}:{c.id}": red_line(compiled, c).credibility for c in compiled.red_lines}
    ranges = {u.parameter: u.distribution for u in compiled.scenario.uncertainty}
    out = []
    for b in bridges.bridges:
        move = b.move
        accept: float | None = None
        if move.kind in ("drop_red_line", "relax_red_line"):
            accept = 1.0 - cred[move.requirement]
        elif move.new_reservation is not None:
            dist = ranges.get(f"preferences.{move.party}.reservation")
            accept = None if dist is None else distribution_cdf(dist, move.new_reservation)
        out.append(
            BridgeOdds(move.description, move.kind, move.party, b.zopa, b.mover_cost, accept)
        )
    out.sort(key=lambda o: (o.acceptance is None, -(o.acceptance or 0.0), o.mover_cost))
    return tuple(out)


def _conflict_odds(
    conflicts: Conflicts, cred: dict[str, float], held: dict[str, Bools] | None
) -> tuple[ConflictOdds, ...]:
    out = []
    for conflict in conflicts.conflicts:
        labels = tuple(r.label for r in conflict.requirements if r.kind == "red_line")
        binds = float(np.prod([cred[label] for label in labels])) if labels else 1.0
        sampled = None
        if held is not None:
            together = np.ones(next(iter(held.values())).shape[0] if held else 0, dtype=bool)
            for label in labels:
                together &= held[label]
            sampled = float(together.mean()) if together.size else binds
        out.append(ConflictOdds(labels, conflict.sentence, binds, sampled))
    return tuple(out)


def _most_likely(
    lines: Sequence[LineOdds], conflicts: Sequence[ConflictOdds], bridges: Bridges | None
) -> tuple[str | None, str]:
    """The line in a conflict most likely to bend, and a sentence on what that opens."""
    involved = {label for c in conflicts for label in c.lines}
    candidates = [line for line in lines if line.label in involved and line.bend > 0]
    if not conflicts:
        return None, "There is a zone of agreement even if every red line holds."
    if not involved:
        return None, "No red line is in a conflict: no-deal values alone leave no deal."
    if not candidates:
        return None, "Every red line in a conflict is judged certain to hold (credibility 1)."
    best = min(candidates, key=lambda x: (-x.bend, -(x.zopa_if_bends or 0.0), x.label))
    name = f"the red line '{best.id.replace('_', ' ')}' ({best.party_name})"
    text = f"Most likely to bend: {name}, credibility {best.credibility:.2f}"
    text += f" (bends with probability {best.bend:.2f})"
    drop = next(
        (
            b
            for b in (bridges.bridges if bridges else ())
            if b.move.kind == "drop_red_line" and b.move.requirement == best.label
        ),
        None,
    )
    if drop is not None:
        deal = ", ".join(f"{k}={v}" for k, v in drop.deal.outcome.items())
        text += f"; dropping it opens {drop.zopa} outcomes (Nash deal: {deal})"
    elif bridges is not None:
        text += "; dropping it alone opens no zone of agreement"
    if best.zopa_if_bends is not None:
        text += f"; P(ZOPA | it bends) = {best.zopa_if_bends:.2f}"
    return best.label, text + "."


def credibility_analysis(
    compiled: Compiled,
    found: tuple[Sequence[Requirement], Patterns],
    conflicts: Conflicts,
    bridges: Bridges | None,
    samples: int = 0,
    seed: int = 0,
) -> Credibility:
    """P(ZOPA) over which red lines hold, at the scenario's numbers (see module docstring).

    Exact by enumeration of the ``2^L`` hold sets up to ``EXACT_LIMIT`` lines; beyond, and
    always as a check when ``samples > 0``, by ``samples`` seeded Monte Carlo draws (without
    samples beyond the limit, 4096 draws are used). ``found`` is the requirements and their met
    patterns (:func:`detente.engines.analysis.conflicts.requirement_patterns`).
    """
    reqs, patterns = found
    lines = principal_lines(compiled)
    cred = np.array([red_line(compiled, line).credibility for line in lines], dtype=np.float64)
    labels = [f"{line.party}:{line.id}" for line in lines]
    exact = len(lines) <= EXACT_LIMIT
    sat = line_satisfiable(reqs, patterns) if exact else None
    n = samples if samples or exact else 4096
    held: dict[str, Bools] | None = None
    sampled_p, interval = None, None
    if n:
        holds = hold_uniforms(seed, labels, n) < cred[None, :]
        if sat is not None:
            ok = sat[holds.astype(np.int64) @ (1 << np.arange(len(lines), dtype=np.int64))]
        else:
            ok = _sampled_sat(reqs, patterns, holds)
        sampled_p, interval = float(ok.mean()), wilson_interval(int(ok.sum()), n)
        held = {label: holds[:, k] for k, label in enumerate(labels)}
    p = zopa_probability(sat, cred) if sat is not None else float(sampled_p or 0.0)
    odds = _line_odds(compiled, lines, sat)
    conflict_odds = _conflict_odds(conflicts, dict(zip(labels, cred, strict=True)), held)
    best, reading = _most_likely(odds, conflict_odds, bridges)
    how = "exact" if exact else f"{n} seeded samples"
    reading = f"P(ZOPA) over which red lines hold = {p:.3f} ({how}). " + reading
    return Credibility(
        tuple(odds),
        p,
        exact,
        n,
        seed,
        sampled_p,
        interval,
        conflict_odds,
        best,
        reading,
        _bridge_odds(compiled, bridges),
    )
