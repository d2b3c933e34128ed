"""The ZOPA and Nash deal of many parameter settings at once, without recompiling.

A parameter setting changes numbers only (reservation values, weights, option values, linkage
bonuses; see :mod:`detente.model.parameters`); conditions (feasibility, red lines, linkage
conditions) stay fixed. So each block of outcomes is decoded and its masks computed once, and
the principals' utilities of a batch of ``S`` settings are evaluated together as an ``(S, P, n)``
array from per-setting tables ``T_s[p, i, r] = w_{s,p,i} / sum_j w_{s,p,j} * v_{s,p,i}(r)``
(Keeney & Raiffa's additive model, as in :mod:`detente.engines.compile`). Settings are batched
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

from detente.engines.compile import Compiled, Floats, value_table
from detente.engines.nash import NashBatch
from detente.engines.space import DEFAULT_CHUNK
from detente.model.parameters import parameter_bounds
from detente.model.scenario import Preferences

__all__ = ["SLAB", "BatchResult", "Progress", "affects_analysis", "evaluate_settings"]

SLAB = 1 << 21
Progress = Callable[[int, int], None]
Ints = npt.NDArray[np.int64]


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


@dataclass(frozen=True)
class _Base:
    weights: Floats  # (P, I) raw weights of the principals
    values: Floats  # (P, I, W)
    reservations: Floats  # (P,)
    bonuses: Floats  # (L,)
    links: tuple[tuple[int, int], ...]  # (principal row, linkage position) per bonus column


def _base(compiled: Compiled) -> _Base:
    scenario, space = compiled.scenario, compiled.space
    width = compiled.tables.shape[2]
    n_p, n_i = len(compiled.principals), len(space.issues)
    weights, values = np.zeros((n_p, n_i)), np.zeros((n_p, n_i, width))
    links, bonuses = [], []
    for p, party in enumerate(compiled.principals):
        prefs = scenario.party(party).preferences
        assert prefs is not None
        for i, issue in enumerate(scenario.issues):
            weights[p, i] = prefs.weights.get(issue.id, 0.0)
            row = value_table(issue, prefs)
            values[p, i, : len(row)] = row
        for k, link in enumerate(prefs.linkage):
            links.append((p, k))
            bonuses.append(link.bonus)
    res = np.array([compiled.reservations[compiled.party_index(p)] for p in compiled.principals])
    return _Base(weights, values, res, np.array(bonuses, dtype=np.float64), tuple(links))


def affects_analysis(compiled: Compiled, path: str) -> bool:
    """Whether the parameter at ``path`` changes the principals' utilities or reservations."""
    parts = path.split(".")
    return len(parts) >= 3 and parts[0] == "preferences" and parts[1] in compiled.principals


def _apply(
    compiled: Compiled, base: _Base, paths: Sequence[str], values: Floats
) -> tuple[Floats, Floats, Floats]:
    """Tables ``(S, P, I, W)``, reservations ``(S, P)`` and bonuses ``(S, L)`` of settings."""
    n = values.shape[0]
    w = np.repeat(base.weights[None], n, axis=0)
    v = np.repeat(base.values[None], n, axis=0)
    r = np.repeat(base.reservations[None], n, axis=0)
    b = np.repeat(base.bonuses[None], n, axis=0)
    for k, path in enumerate(paths):
        if not affects_analysis(compiled, path):
            continue
        low, high = parameter_bounds(path)
        x = np.clip(values[:, k], low, high)
        parts = path.split(".")
        p = compiled.principals.index(parts[1])
        if parts[2] == "reservation":
            r[:, p] = x
        elif parts[2] == "weights":
            w[:, p, compiled.space.issues.index(parts[3])] = x
        elif parts[2] == "values":
            v[:, p, compiled.space.issues.index(parts[3])][:, _rank(compiled, parts)] = x
        else:
            ids = [link.id for link in _prefs(compiled, parts[1]).linkage]
            b[:, base.links.index((p, ids.index(parts[3])))] = x
    total = w.sum(axis=2, keepdims=True)
    w = np.divide(w, total, out=w.copy(), where=total > 0)
    return w[..., None] * v, r, b


def _rank(compiled: Compiled, parts: list[str]) -> int:
    return compiled.space.rank_of(parts[3], parts[4])


def _prefs(compiled: Compiled, party: str) -> Preferences:
    prefs = compiled.scenario.party(party).preferences
    assert prefs is not None
    return prefs


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
    base = _base(compiled)
    tables, res, bonuses = _apply(compiled, base, paths, vals)
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
        link_masks = [_link_mask(compiled, p, k, ranks) for p, k in base.links]
        step = n if ranks.shape[0] == 0 else max(1, SLAB // ranks.shape[0])
        for lo in range(0, n, step):
            sl = slice(lo, min(lo + step, n))
            u = np.zeros((sl.stop - sl.start, tables.shape[1], ranks.shape[0]))
            for i in range(ranks.shape[1]):
                u += tables[sl, :, i, ranks[:, i]]
            for col, (p, _) in enumerate(base.links):
                u[:, p] += bonuses[sl, col][:, None] * link_masks[col]
            gains = u - res[sl][:, :, None]
            best.update(lo, index, u, res[sl])
            if gains.shape[2]:
                margin[sl] = np.maximum(margin[sl], gains.min(axis=1).max(axis=1))
            done += sl.stop - sl.start
            if progress is not None:
                progress(done, total)
    return BatchResult(best.zopa, best.index, margin)


def _link_mask(compiled: Compiled, p: int, k: int, ranks: npt.NDArray[np.int16]) -> Floats:
    condition = compiled.linkages[compiled.party_index(compiled.principals[p])][k][0]
    return compiled.mask(condition, ranks).astype(np.float64)
