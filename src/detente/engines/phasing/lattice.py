"""The sub-lattice of outcomes between the status quo and a final outcome, and its moves.

A state is a point ``x`` with every issue between its status-quo option and its final option:
``x_i = o0_i + sign_i * d_i`` with progress ``0 <= d_i <= D_i = |f_i - o0_i|``. States are
numbered in mixed radix over the progress vector ``d`` (state 0 is the status quo, the last state
the final outcome). A *move* ``x -> y`` is a pair with ``d(x) <= d(y)`` componentwise and
``x != y``: every issue moves toward the final outcome or stays, never back. A state may lie on a
path only if it is feasible (and, if asked, meets every principal's red line); the status quo
is always allowed (it is where the parties stand).

Size: ``N = prod_i (D_i + 1)`` states and ``prod_i (D_i + 1)(D_i + 2) / 2 - N`` moves. When the
moves exceed :data:`MAX_MOVES`, steps are restricted to moving *whole issues* (``D_i`` becomes 1:
each issue jumps from its status-quo option straight to its final option in one step), and the
result says so; beyond that the lattice is refused with :class:`LatticeTooLargeError`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Floats
from detente.engines.phasing.errors import LatticeTooLargeError
from detente.engines.phasing.learning import (
    CERTAIN,
    PRIOR,
    detection,
    stuck_values,
    temptations,
)
from detente.engines.phasing.values import PhaseContext, gives, stop_values
from detente.engines.space import Ranks

__all__ = [
    "MAX_MOVES",
    "Lattice",
    "allowed_states",
    "build_lattice",
    "move_count",
]

#: Largest number of moves searched exactly (memory ~ 100 bytes per move).
MAX_MOVES = 3_000_000

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Lattice:
    """States and moves of the sub-lattice, with the path-independent model arrays.

    ``ranks[x]`` are state ``x``'s option ranks; ``allowed[x]`` whether it may lie on a path;
    ``stops[p, x] = S_p(x)``. Moves are sorted by their target: the moves into ``y`` are
    ``source[start[y]:start[y + 1]]``; ``movers[e, p]`` whether ``p`` gives in move ``e``,
    ``classes[e, p]`` its compliance class (:mod:`.learning`; without learning: the prior for a
    mover, certain otherwise), ``fallback[e, p]`` the value ``R_p`` of ``p`` if a co-mover fails
    (snapback or stuck, by the detection probability) and ``tempted[e, p]`` whether ``p``'s
    untrustworthy type would cheat on the move. With ``learning`` the states are pairs of an
    outcome and the set of principals that have made a tempting step (:mod:`.beliefs`).
    """

    mode: str  # "exact" | "whole-issue"
    ranks: Ranks
    allowed: npt.NDArray[np.bool_]
    stops: Floats
    final_utilities: Floats
    source: Ints
    target: Ints
    start: Ints
    movers: npt.NDArray[np.bool_]
    classes: npt.NDArray[np.int8]
    fallback: Floats
    tempted: npt.NDArray[np.bool_]
    verification: Floats
    learning: bool = False

    @property
    def size(self) -> int:
        return int(self.ranks.shape[0])


def move_count(spans: list[int]) -> int:
    """Number of moves of a lattice with progress spans ``D_i`` (pairs ``x < y``)."""
    states, pairs = 1, 1
    for d in spans:
        states *= d + 1
        pairs *= (d + 1) * (d + 2) // 2
    return pairs - states


def _levels(start: Ranks, final: Ranks, whole: bool) -> list[npt.NDArray[np.int16]]:
    levels = []
    for a, b in zip(start.tolist(), final.tolist(), strict=True):
        if whole or a == b:
            row = [a] if a == b else [a, b]
        else:
            row = list(range(a, b + 1)) if b > a else list(range(a, b - 1, -1))
        levels.append(np.array(row, dtype=np.int16))
    return levels


def _strides(radices: list[int]) -> Ints:
    strides = np.ones(len(radices), dtype=np.int64)
    for i in range(len(radices) - 2, -1, -1):
        strides[i] = strides[i + 1] * radices[i + 1]
    return strides


def _states(levels: list[npt.NDArray[np.int16]]) -> tuple[Ranks, Ints]:
    radices = [len(lv) for lv in levels]
    strides = _strides(radices)
    k = np.arange(int(np.prod(radices)), dtype=np.int64)[:, None]
    progress = (k // strides) % np.array(radices)
    ranks = np.stack([lv[progress[:, i]] for i, lv in enumerate(levels)], axis=1)
    return ranks.astype(np.int16), strides


def _pairs(radices: list[int], strides: Ints) -> tuple[Ints, Ints]:
    """All ``(x, y)`` with progress ``d(x) <= d(y)``, ``x != y`` (vectorised over combinations)."""
    local = [np.triu_indices(r) for r in radices]
    counts = [len(a) for a, _ in local]
    total = int(np.prod(counts))
    combo = np.arange(total, dtype=np.int64)
    x = np.zeros(total, dtype=np.int64)
    y = np.zeros(total, dtype=np.int64)
    for i in range(len(radices) - 1, -1, -1):  # one pass per issue, vectorised over pairs
        digit = combo % counts[i]
        combo //= counts[i]
        x += local[i][0][digit] * strides[i]
        y += local[i][1][digit] * strides[i]
    keep = x != y
    return x[keep], y[keep]


def build_lattice(
    ctx: PhaseContext,
    final: Ranks,
    path_red_lines: bool = False,
    whole_issues: bool = False,
    verification: Floats | None = None,
) -> Lattice:
    """The sub-lattice from ``ctx.start`` to ``final`` and its moves.

    States on a path must be feasible; with ``path_red_lines`` they must also meet every
    principal's red line (by default red lines bind the final agreement only).
    ``verification`` (default 1 for everyone) enters the fallback values.
    """
    spans = [abs(int(b) - int(a)) for a, b in zip(ctx.start.tolist(), final.tolist(), strict=True)]
    mode = "whole-issue" if whole_issues else "exact"
    if mode == "exact" and move_count(spans) > MAX_MOVES:
        mode = "whole-issue"
    if mode == "whole-issue" and move_count([min(d, 1) for d in spans]) > MAX_MOVES:
        raise LatticeTooLargeError(
            f"{sum(d > 0 for d in spans)} issues change: even whole-issue steps give "
            f"{move_count([min(d, 1) for d in spans]):,} moves (cap {MAX_MOVES:,})"
        )
    levels = _levels(ctx.start, final, mode == "whole-issue")
    ranks, strides = _states(levels)
    allowed = allowed_states(ctx, ranks, path_red_lines)
    v = np.ones(len(ctx.principals)) if verification is None else verification
    return _with_moves(ctx, mode, ranks, (strides, [len(lv) for lv in levels]), allowed, v)


def allowed_states(ctx: PhaseContext, ranks: Ranks, path_red_lines: bool) -> npt.NDArray[np.bool_]:
    """Which states may lie on a path: feasible, and meeting the red lines if asked."""
    compiled = ctx.compiled
    allowed = compiled.feasible(ranks)
    if path_red_lines:
        for line in compiled.red_lines:
            if line.party in ctx.principals:
                allowed &= compiled.mask(line.condition, ranks)
    return allowed


def _with_moves(
    ctx: PhaseContext,
    mode: str,
    ranks: Ranks,
    layout: tuple[Ints, list[int]],
    allowed: npt.NDArray[np.bool_],
    verification: Floats,
) -> Lattice:
    strides, radices = layout  # mixed-radix strides and radices of the progress vector
    allowed = allowed.copy()
    allowed[0] = True
    x, y = _pairs(radices, strides)
    keep = allowed[x] & allowed[y]
    x, y = x[keep], y[keep]
    order = np.argsort(y, kind="stable")
    x, y = x[order], y[order]
    start = np.searchsorted(y, np.arange(ranks.shape[0] + 1)).astype(np.int64)
    giving = gives(ctx, ranks[x], ranks[y])  # (moves, principals, issues)
    progress = (np.arange(ranks.shape[0])[:, None] // strides) % np.array(radices)
    fail = np.stack(
        [
            np.where(giving[:, p, :], progress[y], progress[x]) @ strides
            for p in range(len(ctx.principals))
        ],
        axis=1,
    )
    movers = np.asarray(giving.any(axis=2), dtype=bool)
    stops = stop_values(ctx, ranks)
    stuck = stuck_values(ctx, ranks)
    columns = np.arange(len(ctx.principals))
    seen = detection(movers, verification)
    fallback = seen * stops.T[fail, columns] + (1.0 - seen) * stuck.T[fail, columns]
    return Lattice(
        mode=mode,
        ranks=ranks,
        allowed=allowed,
        stops=stops,
        final_utilities=np.asarray(ctx.compiled.utilities(ranks[-1:])[ctx.rows, 0]),
        source=x,
        target=y,
        start=start,
        movers=movers,
        classes=np.where(movers, PRIOR, CERTAIN).astype(np.int8),
        fallback=np.asarray(fallback, dtype=np.float64),
        tempted=temptations(ctx, ranks[x], ranks[y], giving, verification),
        verification=verification,
    )
