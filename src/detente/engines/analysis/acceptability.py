"""Who accepts which outcome: reservation thresholds, red lines and the zone of agreement.

An outcome ``o`` is *acceptable* to party ``p`` when ``u_p(o) >= r_p`` (its reservation value,
the utility of no deal; Raiffa, *The Art and Science of Negotiation*, 1982) and ``o`` meets every
red line of ``p``. The *zone of possible agreement* (ZOPA) is the set of feasible outcomes
acceptable to every principal.

The constraints that define the ZOPA are listed as :class:`Requirement` records (one
reservation threshold per principal, one per red line), and evaluated per block of outcomes as a
boolean matrix, so that the analysis of why there is no deal can combine them freely.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled, Floats
from detente.engines.masks import Mask
from detente.engines.space import DEFAULT_CHUNK, Ranks

__all__ = [
    "Block",
    "BlockScan",
    "Requirement",
    "blocks",
    "evaluate_block",
    "requirements",
    "scan",
    "zopa_mask",
]


@dataclass(frozen=True)
class Requirement:
    """One constraint on a deal: a principal's reservation threshold or one of its red lines."""

    kind: str  # "reservation" | "red_line"
    party: str
    id: str
    text: str
    evidence: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.party}:{self.id}"


def requirements(compiled: Compiled) -> tuple[Requirement, ...]:
    """The principals' reservation thresholds and red lines, in a fixed order."""
    result: list[Requirement] = []
    for party in compiled.principals:
        r = compiled.reservations[compiled.party_index(party)]
        result.append(
            Requirement("reservation", party, "reservation", f"utility at least {r:.3g} (no deal)")
        )
        result.extend(
            Requirement("red_line", c.party or "", c.id, c.text, c.evidence)
            for c in compiled.red_lines
            if c.party == party
        )
    return tuple(result)


@dataclass(frozen=True)
class Block:
    """A block of outcomes with everything the analysis needs about them.

    ``index`` are outcome indices; ``utilities[p]`` party ``p``'s utilities; ``feasible`` the
    feasibility mask; ``met[k]`` whether requirement ``k`` of :func:`requirements` holds.
    """

    index: npt.NDArray[np.int64]
    ranks: Ranks
    utilities: Floats
    feasible: Mask
    met: npt.NDArray[np.bool_]

    @cached_property
    def zopa(self) -> Mask:
        """Feasible outcomes meeting every requirement (computed once per block)."""
        return self.feasible & self.met.all(axis=0)


def evaluate_block(compiled: Compiled, start: int, ranks: Ranks) -> Block:
    """Utilities, feasibility and requirement masks of the contiguous block at ``start``.

    ``ranks`` must be the ranks of outcomes ``start, start + 1, ...`` (as yielded by
    :meth:`Compiled.chunks`): utilities are summed over shared prefixes.
    """
    index = np.arange(start, start + ranks.shape[0], dtype=np.int64)
    return _block(compiled, index, ranks, compiled.range_utilities(start, ranks))


def _block(
    compiled: Compiled, index: npt.NDArray[np.int64], ranks: Ranks, utilities: Floats
) -> Block:
    reqs = requirements(compiled)
    met = np.empty((len(reqs), ranks.shape[0]), dtype=bool)
    red = {(c.party, c.id): c for c in compiled.red_lines}
    for k, req in enumerate(reqs):
        p = compiled.party_index(req.party)
        if req.kind == "reservation":
            met[k] = utilities[p] >= compiled.reservations[p]
        else:
            met[k] = compiled.mask(red[(req.party, req.id)].condition, ranks)
    return Block(index, ranks, utilities, compiled.feasible(ranks), met)


def blocks(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> Iterator[Block]:
    """Evaluate the whole outcome space block by block (bounded memory)."""
    for start, ranks in compiled.chunks(chunk):
        yield evaluate_block(compiled, start, ranks)


class BlockScan(Protocol):
    """An analysis that accumulates its result block by block (see :func:`scan`)."""

    def update(self, block: Block) -> None: ...


def scan(compiled: Compiled, scans: Sequence[BlockScan], chunk: int = DEFAULT_CHUNK) -> None:
    """One pass over the outcome space: each block is evaluated once and given to every scan.

    The analyses are independent accumulators, so running several in one pass gives the same
    results as one pass each, while decoding ranks, summing utilities and evaluating the
    requirement masks only once per block.
    """
    for block in blocks(compiled, chunk):
        for accumulator in scans:
            accumulator.update(block)


def zopa_mask(compiled: Compiled, ranks: Ranks) -> Mask:
    """Which outcomes in ``ranks`` lie in the zone of possible agreement."""
    index = np.zeros(ranks.shape[0], dtype=np.int64)  # unknown here, and not needed
    return _block(compiled, index, ranks, compiled.utilities(ranks)).zopa
