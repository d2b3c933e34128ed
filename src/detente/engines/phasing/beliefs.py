"""The lattice with beliefs: states are (outcome, who has made a tempting step), for learning.

With learning (:mod:`.learning`), the compliance of a co-mover depends on whether it has already
made a tempting step (then the others believe it trustworthy with the posterior ``mu'``, else
with the prior ``mu``), which depends on the path so far, not on the outcome alone. The search
stays a backward induction over a graph if a state carries that set ``b`` (a bit per principal):
state ``(x, b)`` has index ``x * B + b`` (``B = 2^n``) for every outcome ``x`` but the final one,
and all ``(f, b)`` are one final state (nothing is left to comply with there), index
``(L - 1) B``. A move ``x -> y`` from ``(x, b)`` leads to ``(y, b | h)``, ``h`` the movers it
tempts; its compliance class for a tempted mover ``r`` is *learnt* if ``r in b``, else *prior*,
and *certain* for everyone else. The Pareto pruning stays exact (values still enter the earlier
constraints through increasing affine maps).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from detente.engines.phasing.lattice import Lattice
from detente.engines.phasing.learning import CERTAIN, LEARNT, PRIOR

__all__ = ["with_beliefs"]


def with_beliefs(lat: Lattice) -> Lattice:
    """The belief-augmented copy of ``lat`` (see the module); ``lat`` must be without learning."""
    n = lat.movers.shape[1]
    width, last = 1 << n, lat.size - 1
    bits = 1 << np.arange(n)
    b = np.arange(width)
    hit = lat.movers & lat.tempted  # (E, n)
    h = (hit * bits).sum(axis=1)
    moves = lat.source.size
    source = (lat.source[:, None] * width + b[None, :]).ravel()
    after = h[:, None] | b[None, :]
    target = np.where(
        lat.target[:, None] == last, last * width, lat.target[:, None] * width + after
    )
    known = (b[:, None] & bits[None, :]) > 0  # (B, n)
    classes = np.where(
        hit[:, None, :], np.where(known[None, :, :], LEARNT, PRIOR), CERTAIN
    ).reshape(moves * width, n)
    repeat = np.repeat(np.arange(moves), width)
    keep = source < last * width  # the final state has no outgoing moves
    order = np.argsort(target.ravel()[keep], kind="stable")
    chosen = np.flatnonzero(keep)[order]
    target_all = target.ravel()[chosen]
    base = np.minimum(np.arange(last * width + 1) // width, last)
    start = np.searchsorted(target_all, np.arange(base.size + 1)).astype(np.int64)
    return dataclasses.replace(
        lat,
        ranks=lat.ranks[base],
        allowed=lat.allowed[base],
        stops=lat.stops[:, base],
        source=source[chosen],
        target=target_all,
        start=start,
        movers=lat.movers[repeat[chosen]],
        classes=classes[chosen].astype(np.int8),
        fallback=lat.fallback[repeat[chosen]],
        tempted=lat.tempted[repeat[chosen]],
        learning=True,
    )
