"""The ZOPA and Nash deal of many parameter settings at once, without recompiling.

A parameter setting changes numbers only (reservation values, weights, option values, linkage
bonuses; see :mod:`detente.model.parameters`); conditions (feasibility, red lines, linkage
conditions) stay fixed. So each block of outcomes is decoded and its masks computed once, and
the principals' utilities of a batch of ``S`` settings are evaluated together as an ``(S, P, n)``
array from per-setting tables ``T_s[p, i, r] = w_{s,p,i} / sum_j w_{s,p,j} * v_{s,p,i}(r)``
by the shared kernel (:mod:`detente.engines.kernel`: the compiled raw numbers, the parameter
slots, the normalisation and the additive sum, as every engine computes them). Settings are batched
so that an ``(S, n)`` slab stays under ``SLAB`` elements: memory is bounded by the chunk and the
slab, whatever the number of settings. The Nash deal follows the one rule of
:mod:`detente.engines.nash`. Paths that do not enter the bargaining space (process,
capability, a non-principal's preferences) are accepted and have no effect here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled, Floats
from detente.engines.kernel import Numbers, apply, slot, utilities
from detente.engines.nash import NashBatch
from detente.engines.space import DEFAULT_CHUNK
from detente.model.parameters import parameter_ref

__all__ = ["SLAB", "BatchResult", "Progress", "affects_analysis", "evaluate_settings"]

SLAB = 1 << 21
Progress = Callable[[int, int], None]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class BatchResult:
    """Per setting: ZOPA size, Nash outcome index (-1 when the ZOPA is empty) and deal margin.

    The *deal margin* is ``max_o min_p (u_p(o) - r_p)`` over the feasible outcomes meeting every
    principal's red lines: how far the best compromise lies above (>= 0: a ZOPA exists) or below
    (< 0: every principal would have to give up that much no-deal value at least) the principals'
    reservation values; ``-inf`` when no outcome meets the red lines.
    """

    zopa: Ints
    nash: Ints
    margin: Floats


def affects_analysis(compiled: Compiled, path: str) -> bool:
    """Whether the parameter at ``path`` changes the principals' utilities or reservations."""
    ref = parameter_ref(path)
    numeric = ref.field != "red_lines"  # credibility: which red lines hold (holds.py)
    return ref.section == "preferences" and ref.party in compiled.principals and numeric


def _settings(compiled: Compiled, paths: Sequence[str], values: Floats) -> Numbers:
    """The principals' numbers ``(S, P, ...)`` under each setting (one row of ``values``)."""
    numbers = compiled.numbers.batch(values.shape[0])
    for k, path in enumerate(paths):
        where = slot(compiled, path)
        if where is not None and affects_analysis(compiled, path):
            apply(numbers, where, values[:, k])
    rows = slice(0, len(compiled.principals))  # principals come first
    return Numbers(
        numbers.weights[:, rows], numbers.values[:, rows], numbers.bonuses[:, rows],
        numbers.reservations[:, rows], numbers.hazard,
    )  # fmt: skip


def evaluate_settings(
    compiled: Compiled,
    paths: Sequence[str],
    values: npt.ArrayLike,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> BatchResult:
    """ZOPA size and Nash outcome for each row of ``values`` (one value per path).

    ``progress(done, total)`` counts (setting, block) pairs evaluated.
    """
    vals = np.asarray(values, dtype=np.float64)
    if vals.ndim != 2 or vals.shape[1] != len(paths):
        raise ValueError(f"values must have shape (settings, {len(paths)}), not {vals.shape}")
    numbers = _settings(compiled, paths, vals)
    tables, res, bonuses = numbers.tables(), numbers.reservations, numbers.bonuses
    n = vals.shape[0]
    best = NashBatch(n)
    margin = np.full(n, -np.inf)
    total = n * -(-compiled.space.size // chunk)
    done = 0
    for start, ranks in compiled.chunks(chunk):
        fixed = compiled.feasible(ranks)
        for line in compiled.red_lines:
            if line.party in compiled.principals:
                fixed &= compiled.mask(line.condition, ranks)
        # Red lines and feasibility do not depend on the parameters: drop what they exclude.
        index = np.arange(start, start + ranks.shape[0], dtype=np.int64)[fixed]
        ranks = ranks[fixed]
        masks = _link_masks(compiled, bonuses.shape[2], ranks)
        step = n if ranks.shape[0] == 0 else max(1, SLAB // ranks.shape[0])
        for lo in range(0, n, step):
            sl = slice(lo, min(lo + step, n))
            u = utilities(tables[sl], bonuses[sl], masks, ranks)
            best.update(lo, index, u, res[sl])
            if u.shape[2]:
                gains = u - res[sl][:, :, None]
                margin[sl] = np.maximum(margin[sl], gains.min(axis=1).max(axis=1))
            done += sl.stop - sl.start
            if progress is not None:
                progress(done, total)
    return BatchResult(best.zopa, best.index, margin)


def _link_masks(compiled: Compiled, lines: int, ranks: npt.NDArray[np.int16]) -> Bools:
    """``masks[p, l, k]``: whether outcome ``k`` meets principal ``p``'s linkage term ``l``."""
    n_p = len(compiled.principals)
    masks = np.zeros((n_p, lines, ranks.shape[0]), dtype=bool)
    for p in range(n_p):
        for line, (condition, _) in enumerate(compiled.linkages[p]):
            masks[p, line] = compiled.mask(condition, ranks)
    return masks
