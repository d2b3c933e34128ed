"""The proposals on the table: each principal's stated offer and demand postures as finals.

When there is no zone of possible agreement there is no Nash deal to phase toward, but the
parties did put proposals on the table; ``detente phase`` then evaluates those.

- **Offer posture**: a principal's posture of kind ``offer`` that names a (partial) ``outcome``;
  the final is that outcome completed by the status quo (:func:`.finals.complete_final`), e.g.
  the DPRK's "Yongbyon for five resolutions".
- **Demand posture** of principal ``p``: what ``p`` holds out for, made concrete as the outcome
  that ``p`` itself could sign and that is best for the others. Among feasible outcomes ``o``
  meeting every condition of ``p``'s ``demand`` and ``red_line`` postures and of ``p``'s red
  lines, with ``u_p(o) >= r_p``, it first breaks as few of the other principals' red lines as
  possible, then maximises ``min_{q != p} (u_q(o) - r_q)`` (the other side's worst shortfall),
  ties broken by ``u_p`` then by the lowest outcome index — e.g. the U.S.
  "big bang": relief only with complete denuclearization.

Each proposal is analysed by :func:`.analysis.analyse_phasing`: which constraint it fails (a
reservation, a red line, or a participation / stop constraint of the big-bang or the best phased
path) and at what trust it would pass (the thresholds; ``None`` when it fails even at full trust,
a failure of substance rather than of trust). Our formulation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.engines.compile import Compiled
from detente.engines.phasing.analysis import PhaseResult, analyse_phasing
from detente.engines.phasing.errors import FinalSpecError
from detente.engines.phasing.finals import Final, complete_final
from detente.engines.phasing.values import status_quo_ranks
from detente.model.conditions import parse_condition

__all__ = [
    "PhaseOptions",
    "Proposal",
    "ProposalVerdict",
    "demand_posture",
    "evaluate_proposals",
    "table_proposals",
]

_DEMAND_KINDS = ("demand", "red_line")
_BIG = 1e6  # one broken red line of another side outweighs any utility shortfall


@dataclass(frozen=True)
class Proposal:
    """A proposal on the table: whose, what kind, the posture ids it rests on, and its final.

    ``final`` is ``None`` when the posture cannot be made an outcome; ``problem`` says why.
    """

    party: str
    kind: str  # "offer" | "demand"
    postures: tuple[str, ...]
    text: str
    final: Final | None
    problem: str | None = None


def _offers(compiled: Compiled) -> list[Proposal]:
    found = []
    for posture in compiled.scenario.postures:
        if posture.kind != "offer" or not posture.outcome:
            continue
        if posture.party not in compiled.principals:
            continue
        named = ", ".join(f"{k}={v}" for k, v in posture.outcome.items())
        try:
            ranks = complete_final(compiled, posture.outcome)
        except FinalSpecError as error:
            found.append(Proposal(posture.party, "offer", (posture.id,), posture.text, None,
                                  str(error)))  # fmt: skip
            continue
        source = (
            f"{posture.party}'s offer {posture.id}: {named}, the other issues at the status quo"
        )
        final = Final(ranks, source, tuple(posture.outcome))
        found.append(Proposal(posture.party, "offer", (posture.id,), posture.text, final))
    return found


def demand_posture(compiled: Compiled, party: str) -> tuple[np.ndarray | None, tuple[str, ...]]:
    """Ranks of ``party``'s demand posture (see the module) and the posture ids it rests on.

    ``None`` when no outcome meets ``party``'s conditions and its reservation.
    """
    postures = [
        p
        for p in compiled.scenario.postures
        if p.party == party and p.kind in _DEMAND_KINDS and p.condition
    ]
    conditions = [parse_condition(p.condition or "") for p in postures]
    conditions += [line.condition for line in compiled.red_lines if line.party == party]
    row = compiled.party_index(party)
    others = [compiled.party_index(q) for q in compiled.principals if q != party]
    best: tuple[float, float, int] | None = None
    for start, ranks in compiled.chunks():
        ok = compiled.feasible(ranks)
        for condition in conditions:
            ok &= compiled.mask(condition, ranks)
        u = compiled.utilities(ranks)
        ok &= u[row] >= compiled.reservations[row] - 1e-12
        if not ok.any():
            continue
        shortfall = (u[others] - compiled.reservations[others][:, None]).min(axis=0)
        broken = sum(
            (~compiled.mask(line.condition, ranks)).astype(np.int64)
            for line in compiled.red_lines
            if line.party != party and line.party in compiled.principals
        )
        key = np.where(ok, shortfall - _BIG * broken, -np.inf)
        top = np.flatnonzero(key >= key.max() - 1e-12)
        k = int(top[np.argmax(u[row][top] >= u[row][top].max() - 1e-12)])
        candidate = (float(key[k]), float(u[row][k]), start + k)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None, tuple(p.id for p in postures)
    ranks = compiled.space.decode(np.array([best[2]]))[0]
    return np.asarray(ranks, dtype=np.int16), tuple(p.id for p in postures)


def _demands(compiled: Compiled) -> list[Proposal]:
    found = []
    start = status_quo_ranks(compiled)
    for party in compiled.principals:
        ranks, ids = demand_posture(compiled, party)
        if not ids:
            continue
        text = (
            f"the outcome {party} could sign under its stated demands and red lines, "
            "best for the others"
        )
        if ranks is None:
            problem = f"no feasible outcome meets {party}'s demands, red lines and reservation"
            found.append(Proposal(party, "demand", ids, text, None, problem))
            continue
        if np.array_equal(ranks, start):
            problem = f"{party}'s demand posture is the status quo: nothing to phase"
            found.append(Proposal(party, "demand", ids, text, None, problem))
            continue
        moved = [i for i in range(ranks.size) if ranks[i] != start[i]]
        labels = compiled.space.labels(ranks.tolist())
        named = ", ".join(f"{compiled.space.issues[i]}={labels[compiled.space.issues[i]]}"
                          for i in moved)  # fmt: skip
        source = f"{party}'s demand posture ({', '.join(ids)}): {named}, the rest at the status quo"
        final = Final(ranks, source, tuple(compiled.space.issues[i] for i in moved))
        found.append(Proposal(party, "demand", ids, text, final))
    return found


def table_proposals(compiled: Compiled) -> list[Proposal]:
    """Every principal's offer postures, then every principal's demand posture."""
    return _offers(compiled) + _demands(compiled)


@dataclass(frozen=True)
class ProposalVerdict:
    """A proposal with its phased-deal analysis (``None`` when it could not be made a final)
    and the issues its final changes from the status quo."""

    proposal: Proposal
    result: PhaseResult | None
    changes: dict[str, str]


@dataclass(frozen=True)
class PhaseOptions:
    """The options of :func:`.analysis.analyse_phasing` other than the final, as one value."""

    max_steps: int = 5
    trust: float | None = None
    path_red_lines: bool = False
    samples: int = 0
    seed: int = 0
    learning: bool = False
    verification: float | None = None
    snapback: bool = False

    def keywords(self) -> dict[str, Any]:
        """The options as keyword arguments of :func:`.analysis.analyse_phasing`."""
        return dataclasses.asdict(self)


def evaluate_proposals(
    compiled: Compiled, options: PhaseOptions | None = None
) -> tuple[ProposalVerdict, ...]:
    """:func:`.analysis.analyse_phasing` of every proposal on the table (same options)."""
    start = status_quo_ranks(compiled)
    verdicts = []
    for proposal in table_proposals(compiled):
        if proposal.final is None:
            verdicts.append(ProposalVerdict(proposal, None, {}))
            continue
        ranks = proposal.final.ranks
        labels = compiled.space.labels(ranks.tolist())
        changes = {k: v for i, (k, v) in enumerate(labels.items()) if ranks[i] != start[i]}
        result = analyse_phasing(compiled, proposal.final, **(options or PhaseOptions()).keywords())
        verdicts.append(ProposalVerdict(proposal, result, changes))
    return tuple(verdicts)
