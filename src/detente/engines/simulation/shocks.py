"""Seeded stochastic shocks to the principals' no-deal values.

With a shock size ``sigma > 0``, each principal's reservation value follows a random walk: at
every round ``t >= 1``, before any move,

.. math::  r_{p,t} = \\operatorname{clip}_{[0, 1]}\\left(r_{p,t-1} + \\sigma z_{p,t}\\right),
           \\qquad z_{p,t} \\sim N(0, 1),

so a shock persists, as news that changes what no deal is worth does; scenario events still
set or shift the value at their rounds. ``z`` comes from the run's own counter-based stream
(:func:`~detente.engines.simulation.state.splitmix_uniform` of the run key, the round and a
salt per principal) through the Box–Muller transform (Box & Muller, "A note on the generation
of random normal deviates", Ann. Math. Statist. 29, 1958), so it depends only on
``(seed, run, round)``. ``sigma = 0`` leaves every run exactly as without shocks.
"""

from __future__ import annotations

import numpy as np

from detente.engines.simulation.state import Floats, Ints, Keys, splitmix_uniform

__all__ = ["normal_draws", "shock_reservations"]

_SALT = 800  # counters round * 1024 + salt; 800 + 2p, 801 + 2p stay clear of the other salts


def normal_draws(keys: Keys, round_: int, principal: int) -> Floats:
    """Standard normal numbers, one per key, for ``principal``'s shock at ``round_``."""
    counter = round_ * 1024 + _SALT + 2 * principal
    u1 = splitmix_uniform(keys, counter)
    u2 = splitmix_uniform(keys, counter + 1)
    return np.asarray(np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2))


def shock_reservations(
    reservations: Floats, columns: list[int], keys: Keys, rows: Ints, round_: int, sigma: float
) -> None:
    """Shift ``reservations[rows, columns[p]]`` (principal ``p``) by ``sigma z`` in place."""
    if sigma <= 0 or round_ < 1 or not rows.size:
        return
    for p, column in enumerate(columns):
        z = normal_draws(keys[rows], round_, p)
        reservations[rows, column] = np.clip(reservations[rows, column] + sigma * z, 0.0, 1.0)
