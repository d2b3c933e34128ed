"""Backward induction over the sub-lattice: every self-enforcing suffix, vectorised over states.

Layer ``j`` holds, for each state ``x``, the continuation-value vectors ``V(x)`` of the paths
from ``x`` to the final outcome in exactly ``j`` steps whose constraints all hold with margin at
least ``floor`` (``m_{p,k} >= floor`` for every principal and every state of the suffix,
including ``x``). Layer 0 is the final outcome with ``V = u(final)``. A move ``x -> y`` extends a
record ``v`` at ``y`` to ``V_p = q_p delta_p v_p + (1 - q_p) R_p`` at ``x`` (see
:mod:`.paths`).

Exactness: ``V_p(x)`` enters the constraints of the states before ``x`` only through increasing
affine maps (coefficient ``q delta >= 0``), so a record whose value vector is weakly below another
record's at the same state can never complete a path the other cannot: dropping it (Pareto
pruning per state) keeps the search exact. With two principals the pruning is a sort and a
running maximum; with more, only duplicates are dropped. If a layer still exceeds
:data:`MAX_RECORDS`, the records with the smallest margins are cut (a beam) and the result is
marked approximate.

The weaker side's best minimum margin is found by bisection on ``floor`` (each feasible probe
jumps ``floor`` up to the margin of the path it found).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Floats
from detente.engines.phasing.lattice import Ints, Lattice
from detente.engines.phasing.learning import compliance_factors, others_product, posterior
from detente.engines.phasing.paths import TOLERANCE

__all__ = ["MAX_RECORDS", "Layer", "Search", "best_path", "search"]

#: Largest number of suffix records kept per layer before the beam cuts in.
MAX_RECORDS = 2_000_000
_OFFSET = 1e3  # larger than the spread of any value: separates groups in the running maximum


@dataclass(frozen=True)
class Layer:
    """Records of suffixes with ``j`` steps: state, value vector, min margin, next record."""

    state: Ints
    values: Floats
    margin: Floats
    next: Ints


@dataclass(frozen=True)
class Search:
    """All layers of one backward induction, and whether the beam cut records."""

    layers: tuple[Layer, ...]
    approximate: bool

    def complete(self, steps: int) -> npt.NDArray[np.int64]:
        """Records of layer ``steps`` that start at the status quo (complete paths)."""
        return np.flatnonzero(self.layers[steps].state == 0)

    def lengths(self) -> list[int]:
        """Numbers of steps for which a complete path exists."""
        return [j for j in range(1, len(self.layers)) if self.complete(j).size]

    def path(self, steps: int, record: int) -> list[int]:
        """States of the path from record ``record`` of layer ``steps`` to the final outcome."""
        states = []
        for j in range(steps, -1, -1):
            layer = self.layers[j]
            states.append(int(layer.state[record]))
            record = int(layer.next[record])
        return states


def _pareto(group: Ints, values: Floats) -> Ints:
    """Indices of the records not weakly dominated by another record of the same group."""
    if values.shape[1] != 2:
        _, keep = np.unique(np.column_stack([group, values]), axis=0, return_index=True)
        return np.asarray(keep, dtype=np.int64)
    # One float key orders by group, then by the first value descending (ties within 1e-9
    # may keep a dominated record, never drop an undominated one beyond that tolerance).
    order = np.argsort(group * _OFFSET - values[:, 0], kind="stable")
    g, v = group[order], values[order]
    rank = np.cumsum(np.r_[0, g[1:] != g[:-1]])
    key = v[:, 1] + _OFFSET * rank
    best_before = np.r_[-np.inf, np.maximum.accumulate(key)[:-1]]
    return np.asarray(order[key > best_before + TOLERANCE], dtype=np.int64)


def _extend(
    lat: Lattice, prev: Layer, trust: Floats, discount: Floats, floor: float
) -> tuple[Layer, bool]:
    counts = lat.start[prev.state + 1] - lat.start[prev.state]
    total = int(counts.sum())
    record = np.repeat(np.arange(prev.state.size), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    move = lat.start[prev.state][record] + offset
    x = lat.source[move]
    learnt = posterior(trust, lat.verification)
    q = others_product(compliance_factors(lat.classes[move], trust, learnt))
    stops = lat.stops.T
    values = q * discount * prev.values[record] + (1.0 - q) * lat.fallback[move]
    margin = (values - stops[x]).min(axis=1)
    ok = margin >= floor - TOLERANCE
    x, values, record = x[ok], values[ok], record[ok]
    margin = np.minimum(margin[ok], prev.margin[record])
    keep = _pareto(x, values)
    cut = keep.size > MAX_RECORDS
    if cut:
        keep = keep[np.argpartition(-margin[keep], MAX_RECORDS)[:MAX_RECORDS]]
    return Layer(x[keep], values[keep], margin[keep], record[keep]), cut


def search(
    lat: Lattice,
    trust: Floats,
    discount: Floats,
    floor: float = 0.0,
    max_steps: int = 5,
    stop_at_first: bool = False,
) -> Search:
    """Backward induction with every constraint's margin at least ``floor``."""
    final = lat.size - 1
    layers = [
        Layer(
            np.array([final], dtype=np.int64),
            lat.final_utilities[None, :].copy(),
            np.array([np.inf]),
            np.array([-1], dtype=np.int64),
        )
    ]
    approximate = False
    for _ in range(max_steps):
        layer, cut = _extend(lat, layers[-1], trust, discount, floor)
        layers.append(layer)
        approximate |= cut
        if layer.state.size == 0 or (stop_at_first and (layer.state == 0).any()):
            break
    return Search(tuple(layers), approximate)


def _best_complete(found: Search, steps: list[int]) -> tuple[list[int], float] | None:
    best: tuple[list[int], float] | None = None
    for j in steps:
        if j >= len(found.layers):
            continue
        for record in found.complete(j):
            margin = float(found.layers[j].margin[record])
            if best is None or margin > best[1] + TOLERANCE:
                best = (found.path(j, int(record)), margin)
    return best


def best_path(
    lat: Lattice, trust: Floats, discount: Floats, steps: list[int], precision: float = 1e-7
) -> tuple[list[int], float, bool] | None:
    """The path with ``len - 1`` in ``steps`` that maximises the smallest margin (maximin).

    Returns its states, its smallest margin and whether the search was approximate, or None
    when no such path exists at all.
    """
    top = max(steps)
    # Start from the best path of the fewest steps asked for (cheap), bounded above by the
    # margin at the status quo: V_p(0) never exceeds the largest utility or stop value.
    best, approximate = None, False
    for j in sorted(steps):
        found = search(lat, trust, discount, -np.inf, j)
        approximate |= found.approximate
        best = _best_complete(found, [j])
        if best is not None:
            break
    if best is None:
        return None
    ceiling = np.maximum(lat.final_utilities, lat.stops.max(axis=1))
    low, high = best[1], float((ceiling - lat.stops[:, 0]).min()) + precision
    while high - low > precision:
        mid = 0.5 * (low + high)
        probe = search(lat, trust, discount, mid, top)
        approximate |= probe.approximate
        hit = _best_complete(probe, steps)
        if hit is None:
            high = mid
        else:
            best, low = hit, max(mid, hit[1])
    return best[0], best[1], approximate
