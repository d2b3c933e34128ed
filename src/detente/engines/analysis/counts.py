"""How many outcomes exist, are feasible, are acceptable to each party, and lie in the ZOPA.

Party ``p`` *accepts* a feasible outcome ``o`` when ``u_p(o) >= r_p`` and ``o`` meets every red
line of ``p`` (Raiffa, *The Art and Science of Negotiation*, 1982). Counts are taken over the
feasible outcomes. Principals must all accept a deal (the ZOPA is the set of feasible outcomes
every principal accepts); mediators and stakeholders with preferences are counted too, for
information, but are not required.

Beside each reservation ``r_p`` stands ``u_p(s_0)``, the party's utility of the status quo
(an issue the status quo does not name at its first option): what no deal would leave if
nothing changed, the usual anchor for judging ``r_p``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.analysis.acceptability import Block, scan
from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.space import DEFAULT_CHUNK

__all__ = [
    "CountScan",
    "Counts",
    "PartyCount",
    "acceptable_masks",
    "count_outcomes",
    "status_quo_utilities",
]


@dataclass(frozen=True)
class PartyCount:
    """Feasible outcomes acceptable to one party; ``required`` is True for principals.

    ``status_quo_utility`` is the party's utility of the status quo, beside its reservation.
    """

    party: str
    role: str
    reservation: float
    acceptable: int
    required: bool
    status_quo_utility: float


@dataclass(frozen=True)
class Counts:
    """Sizes of the outcome space, the feasible set, each party's acceptable set and the ZOPA."""

    outcomes: int
    feasible: int
    parties: tuple[PartyCount, ...]
    zopa: int

    @property
    def has_zopa(self) -> bool:
        return self.zopa > 0


def acceptable_masks(compiled: Compiled, block: Block) -> Mask:
    """Shape ``(n_parties, n)``: which feasible outcomes of ``block`` each party accepts."""
    ok = block.utilities >= compiled.reservations[:, None]
    for line in compiled.red_lines:
        assert line.party is not None
        ok[compiled.party_index(line.party)] &= compiled.mask(line.condition, block.ranks)
    return np.asarray(ok & block.feasible, dtype=bool)


def status_quo_utilities(compiled: Compiled) -> Floats:
    """``u_p(s_0)`` per party (the rows of ``compiled.parties``).

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    >>> [round(float(u), 3) for u in status_quo_utilities(compiled)]  # usa, dprk, rok
    [0.345, 0.636, 0.17]
    """
    space, given = compiled.space, compiled.scenario.status_quo
    row = [space.rank_of(issue, given[issue]) if issue in given else 0 for issue in space.issues]
    return compiled.utilities(np.array([row], dtype=np.int16))[:, 0]


class CountScan:
    """Accumulates :class:`Counts` block by block (a :class:`BlockScan`)."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.feasible = 0
        self.zopa = 0
        self.acceptable = np.zeros(len(compiled.parties), dtype=np.int64)

    def update(self, block: Block) -> None:
        self.feasible += int(block.feasible.sum())
        self.zopa += int(block.zopa.sum())
        self.acceptable += acceptable_masks(self.compiled, block).sum(axis=1)

    def result(self) -> Counts:
        compiled = self.compiled
        roles = {p.id: p.role for p in compiled.scenario.parties}
        status_quo = status_quo_utilities(compiled)
        parties = tuple(
            PartyCount(
                party,
                roles[party],
                float(compiled.reservations[k]),
                int(self.acceptable[k]),
                party in compiled.principals,
                float(status_quo[k]),
            )
            for k, party in enumerate(compiled.parties)
        )
        return Counts(compiled.space.size, self.feasible, parties, self.zopa)


def count_outcomes(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> Counts:
    """Count outcomes, feasible outcomes, each party's acceptable outcomes and the ZOPA.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> c = count_outcomes(compile_scenario(resolve_scenario("hanoi-2019")))
    >>> c.outcomes, c.has_zopa
    (6480, False)
    """
    counter = CountScan(compiled)
    scan(compiled, [counter], chunk)
    return counter.result()
