"""The quantities of the phased-deal model that do not depend on the path: utilities, gives,
reversal profiles and stop values, vectorised over blocks of outcomes.

Notation (see :mod:`detente.engines.phasing` for the whole model): ``T[p, i, r]`` is principal
``p``'s weighted value of option rank ``r`` on issue ``i`` (:mod:`detente.engines.compile`),
``o0`` the status quo, ``r_p`` the reservation value (utility of no deal).

- Principal ``p`` *gives* on issue ``i`` in a move ``x -> y`` when ``T[p, i, y_i] < T[p, i, x_i]``.
- Reversal profile of issue ``i``: an option ``o`` reached from ``o0_i`` can be taken back to
  ``o0_i`` iff every option from ``o0_i`` (exclusive) to ``o`` (inclusive) is reversible, and doing
  so loses the largest ``reversal_cost`` on the way, as a fraction of the value given:
  ``rev(o) = AND_{o' in (o0_i, o]} reversible(o')``, ``c(o) = max_{o' in (o0_i, o]} cost(o')``.
  (Undoing ``o`` passes back through every option before it; our formulation.)
- Stop value of ``p`` at ``z``: ``p`` keeps what it received and takes back, where it can, each
  issue on which it stands below the status quo (``G_p(z) = {i : T[p,i,z_i] < T[p,i,o0_i]}``):
  ``z^p_i = o0_i`` if ``i in G_p(z)`` and ``rev(z_i)``, else ``z_i``;
  ``S_p(z) = r_p + u_p(z^p) - sum_{i reversed} c(z_i) (T[p,i,o0_i] - T[p,i,z_i]) - u_p(o0)``.
  So ``S_p(o0) = r_p``: stopping at the status quo is no deal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Compiled, Floats
from detente.engines.space import Ranks

__all__ = [
    "EPS",
    "PhaseContext",
    "discount_vector",
    "gives",
    "phase_context",
    "principal_utilities",
    "reversal_profile",
    "status_quo_ranks",
    "stop_values",
    "trust_vector",
]

#: Value differences below this are ties (no give, constraint met).
EPS = 1e-12

Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class PhaseContext:
    """A compiled scenario with what the phased-deal model needs, computed once.

    ``rows[k]`` is the row in ``compiled.tables`` of principal ``principals[k]``;
    ``reversible[i, r]`` and ``cost[i, r]`` the reversal profile of option ``r`` of issue ``i``
    relative to the status quo ``start``.
    """

    compiled: Compiled
    principals: tuple[str, ...]
    rows: npt.NDArray[np.int64]
    start: Ranks
    reversible: Bools
    cost: Floats
    reservations: Floats
    start_utilities: Floats
    snapback: bool = False


def status_quo_ranks(compiled: Compiled) -> Ranks:
    """Ranks ``(n_issues,)`` of the status quo; an issue it does not name is at its first option.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> from detente.engines.compile import compile_scenario
    >>> status_quo_ranks(compile_scenario(resolve_scenario("hanoi-2019"))).tolist()
    [0, 0, 0, 1, 1, 0, 0]
    """
    space, given = compiled.space, compiled.scenario.status_quo
    row = [space.rank_of(issue, given[issue]) if issue in given else 0 for issue in space.issues]
    return np.array(row, dtype=np.int16)


def reversal_profile(compiled: Compiled, start: Ranks) -> tuple[Bools, Floats]:
    """``rev(o)`` and ``c(o)`` for every option, running outward from the status quo."""
    width = compiled.tables.shape[2]
    n = len(compiled.space.issues)
    reversible = np.ones((n, width), dtype=bool)
    cost = np.zeros((n, width))
    for i, issue in enumerate(compiled.scenario.issues):
        options = issue.ordered_options
        a = int(start[i])
        for direction in (range(a + 1, len(options)), range(a - 1, -1, -1)):
            ok, worst = True, 0.0
            for r in direction:
                ok = ok and options[r].reversible
                worst = max(worst, options[r].reversal_cost)
                reversible[i, r], cost[i, r] = ok, worst
    return reversible, cost


def phase_context(compiled: Compiled, snapback: bool = False) -> PhaseContext:
    """Build the :class:`PhaseContext` of a compiled scenario.

    With ``snapback``, ending the process is a response: every principal takes back its
    reversible gives, not only the one that stops (see :func:`stop_values`).
    """
    rows = np.array([compiled.party_index(p) for p in compiled.principals], dtype=np.int64)
    start = status_quo_ranks(compiled)
    reversible, cost = reversal_profile(compiled, start)
    start_utilities = compiled.utilities(start[None, :])[rows, 0]
    return PhaseContext(
        compiled=compiled,
        principals=compiled.principals,
        rows=rows,
        start=start,
        reversible=reversible,
        cost=cost,
        reservations=compiled.reservations[rows].astype(np.float64),
        start_utilities=np.asarray(start_utilities, dtype=np.float64),
        snapback=snapback,
    )


def principal_utilities(ctx: PhaseContext, ranks: Ranks) -> Floats:
    """``u_p(o)``, shape ``(n_principals, n)``, of the outcomes in ``ranks``."""
    return np.asarray(ctx.compiled.utilities(ranks)[ctx.rows], dtype=np.float64)


def _issue_values(ctx: PhaseContext, ranks: Ranks) -> Floats:
    """``T[p, i, ranks[:, i]]``, shape ``(n_principals, n, n_issues)``."""
    issues = np.arange(ranks.shape[1])
    return np.asarray(ctx.compiled.tables[ctx.rows][:, issues, ranks], dtype=np.float64)


def stop_values(ctx: PhaseContext, ranks: Ranks) -> Floats:
    """``S_p(z)``, shape ``(n_principals, n)``: each principal's value of stopping at ``z``.

    With ``ctx.snapback`` the others respond to the end of the process by taking back their
    reversible gives too: issue ``i`` returns to the status quo when it is reversible and *some*
    principal stands below the status quo on it; ``p`` still pays only its own reversal costs.
    """
    issues = np.arange(ranks.shape[1])
    values = _issue_values(ctx, ranks)
    v0 = _issue_values(ctx, ctx.start[None, :])[:, 0, :]
    can = ctx.reversible[issues, ranks]
    cost = ctx.cost[issues, ranks]
    anyone = (values < v0[:, None, :] - EPS).any(axis=0) & can
    result = np.empty((len(ctx.principals), ranks.shape[0]))
    for k in range(len(ctx.principals)):  # principals are few; outcomes are vectorised
        taken_back = (values[k] < v0[k] - EPS) & can
        undone = anyone if ctx.snapback else taken_back
        stop_ranks = np.where(undone, ctx.start, ranks).astype(np.int16)
        u_stop = ctx.compiled.utilities(stop_ranks)[ctx.rows[k]]
        lost = (taken_back * cost * (v0[k] - values[k])).sum(axis=1)
        result[k] = ctx.reservations[k] + u_stop - lost - ctx.start_utilities[k]
    return result


def gives(ctx: PhaseContext, before: Ranks, after: Ranks) -> Bools:
    """``g[n, p, i]``: whether principal ``p`` gives on issue ``i`` in ``before[n] -> after[n]``."""
    drop = _issue_values(ctx, after) < _issue_values(ctx, before) - EPS
    return np.ascontiguousarray(drop.transpose(1, 0, 2))


def _per_principal(
    ctx: PhaseContext, table: dict[str, float], override: float | dict[str, float] | None
) -> Floats:
    if isinstance(override, int | float):
        return np.full(len(ctx.principals), float(override))
    merged = {**table, **(override or {})}
    return np.array([float(merged.get(p, 1.0)) for p in ctx.principals])


def trust_vector(ctx: PhaseContext, override: float | dict[str, float] | None = None) -> Floats:
    """``t_p``: probability that principal ``p`` complies with a step (scenario, default 1)."""
    return _per_principal(ctx, ctx.compiled.scenario.process.trust, override)


def discount_vector(ctx: PhaseContext, override: float | dict[str, float] | None = None) -> Floats:
    """``delta_p``: principal ``p``'s per-step discount factor (scenario, default 1)."""
    return _per_principal(ctx, ctx.compiled.scenario.process.discount, override)
