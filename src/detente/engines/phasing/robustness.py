"""How the verdict depends on the uncertain trust and discount factors.

Over ``n`` seeded samples of the scenario's ``uncertainty`` (:mod:`detente.engines.uncertainty`),
only the parameters ``process.trust.PARTY`` and ``process.discount.PARTY`` are varied (the others
keep their stated values, so that the outcome lattice and its stop values are computed once):
the share of samples in which some path of at most ``K`` steps is self-enforcing, and the share
in which the big-bang deal is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.phasing.lattice import Lattice
from detente.engines.phasing.paths import path_numbers
from detente.engines.phasing.search import search
from detente.engines.phasing.values import PhaseContext, discount_vector, trust_vector
from detente.engines.uncertainty import sample_parameters

__all__ = ["Robustness", "robustness"]


@dataclass(frozen=True)
class Robustness:
    """Shares of samples in which each form is self-enforcing, and what was varied."""

    samples: int
    seed: int
    varied: tuple[str, ...]
    phased_share: float
    big_bang_share: float


def robustness(
    ctx: PhaseContext, lat: Lattice, max_steps: int, samples: int, seed: int
) -> Robustness:
    """Vary trust and discount over ``samples`` draws under ``seed`` (same seed, same result)."""
    drawn = sample_parameters(ctx.compiled.scenario, samples, seed)
    varied = tuple(p for p in drawn.paths if p.startswith(("process.trust.", "process.discount.")))
    ends = np.stack([lat.ranks[0], lat.ranks[-1]])
    phased = big_bang = 0
    for i in range(samples):  # each sample is one backward induction, vectorised inside
        row = drawn.row(i)
        t = trust_vector(ctx, {k.split(".")[2]: row[k] for k in varied if ".trust." in k})
        d = discount_vector(ctx, {k.split(".")[2]: row[k] for k in varied if ".discount." in k})
        phased += bool(search(lat, t, d, 0.0, max_steps, True).lengths())
        big_bang += path_numbers(ctx, ends, t, d, lat.verification, lat.learning).feasible
    return Robustness(samples, seed, varied, phased / max(samples, 1), big_bang / max(samples, 1))
