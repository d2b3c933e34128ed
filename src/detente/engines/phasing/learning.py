"""Verification, snapback and trust that grows: per-move quantities of the phased-deal model.

*Verification* (``process.verification[r] = v_r``, default 1): the probability that principal
``r``'s cheating on a step (not carrying out its gives while the others carry out theirs) is
detected. When a co-mover of ``p`` fails, ``p`` detects it with probability
``d_{p,k} = min_{r in M_k, r != p} v_r`` (the least-verified co-mover) and then *snaps back*:
it stops and takes back its reversible gives, with their costs, worth ``S_p`` (:mod:`.values`).
Undetected, ``p`` is stuck where it stands, without taking anything back (and the process ends
there), worth ``W_p(z) = r_p + u_p(z) - u_p(s_0)``. The fallback of step ``k`` is

    ``R_{p,k} = d_{p,k} S_p(s_{k-1} ⊕ G_{p,k}) + (1 - d_{p,k}) W_p(s_{k-1} ⊕ G_{p,k})``,

which is today's ``S_p`` when ``v = 1`` (``W_p <= S_p``: taking back is an option).

*Trust that grows* (Kydd, "Trust, reassurance, and cooperation", *International Organization*
54(2), 2000; *Trust and Mistrust in International Relations*, 2005). Each principal ``r`` is
*trustworthy* (carries out every step) with prior probability ``mu_r = process.trust[r]``, or
*untrustworthy*: an opportunist that, on each step, cheats when cheating is worth more to it
than the step. Complying gives it ``u_r(s_k)``; cheating gives it the others' gives of the step
without its own (``grab``), snapped back if detected (``snap``: the others' reversible gives of
the step undone):

    ``tempted_{r,k}  <=>  v_r u_r(snap) + (1 - v_r) u_r(grab) > u_r(s_k)``.

On a step that does not tempt it both types comply (compliance 1, nothing learnt: *pooling*);
on a tempting step only the trustworthy type complies (compliance ``mu``), and when no cheating
is detected Bayes' rule gives the posterior

    ``mu' = mu / (mu + (1 - mu)(1 - v_r))``        (``= 1`` when ``v_r = 1``).

The belief is tracked as "has ``r`` made a tempting step yet" (so ``mu`` or ``mu'``): exact when
``v_r = 1`` (the belief is then 1) and a lower bound on the belief otherwise (later tempting
steps would raise it further), the same in the path evaluation and in the search so that both
agree. Compliance classes per move and mover: 0 certain (not tempted, or not a mover), 1 at the
prior, 2 at the posterior. Without learning every mover is class 1 (today's model).

The untrustworthy type's rule (myopic opportunism, with detection) and the fallback with and
without detection are our formulation of Kydd's types for issue-by-issue steps.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from detente.engines.compile import Floats
from detente.engines.phasing.values import EPS, PhaseContext, principal_utilities
from detente.engines.space import Ranks

__all__ = [
    "CERTAIN",
    "LEARNT",
    "PRIOR",
    "compliance_factors",
    "detection",
    "posterior",
    "stuck_values",
    "temptations",
    "verification_vector",
]

CERTAIN, PRIOR, LEARNT = 0, 1, 2

Bools = npt.NDArray[np.bool_]


def verification_vector(
    ctx: PhaseContext, override: float | dict[str, float] | None = None
) -> Floats:
    """``v_r``: probability that ``r``'s cheating is detected (scenario, default 1)."""
    table = ctx.compiled.scenario.process.verification
    if isinstance(override, int | float):
        return np.full(len(ctx.principals), float(override))
    merged = {**table, **(override or {})}
    return np.array([float(merged.get(p, 1.0)) for p in ctx.principals])


def posterior(trust: Floats, verification: Floats) -> Floats:
    """``mu / (mu + (1 - mu)(1 - v))``: the belief after a tempting step, no cheating detected.

    Examples
    --------
    >>> posterior(np.array([0.5, 0.5, 0.0]), np.array([0.5, 1.0, 1.0])).round(4).tolist()
    [0.6667, 1.0, 0.0]
    """
    denominator = trust + (1.0 - trust) * (1.0 - verification)
    safe = np.where(denominator > 0, denominator, 1.0)
    # 0/0 only when mu = 0 and v = 1: an impossible observation; keep the prior.
    return np.asarray(np.where(denominator > 0, trust / safe, trust), dtype=np.float64)


def compliance_factors(classes: npt.NDArray[np.int8], trust: Floats, learnt: Floats) -> Floats:
    """Per move and principal the probability that it complies: 1, ``mu`` or ``mu'``."""
    return np.asarray(
        np.where(classes == CERTAIN, 1.0, np.where(classes == PRIOR, trust, learnt)),
        dtype=np.float64,
    )


def others_product(factors: Floats) -> Floats:
    """``q[..., p] = prod_{r != p} factors[..., r]`` (vectorised over leading axes)."""
    n = factors.shape[-1]
    others = np.where(np.eye(n, dtype=bool), 1.0, factors[..., None, :])
    return np.asarray(others.prod(axis=-1), dtype=np.float64)


def detection(movers: Bools, verification: Floats) -> Floats:
    """``d[..., p] = min_{r in movers, r != p} v_r`` (1 when ``p`` has no co-mover)."""
    n = movers.shape[-1]
    v = np.where(movers, verification, 1.0)
    others = np.where(np.eye(n, dtype=bool), 1.0, v[..., None, :])
    return np.asarray(others.min(axis=-1), dtype=np.float64)


def stuck_values(ctx: PhaseContext, ranks: Ranks) -> Floats:
    """``W_p(z) = r_p + u_p(z) - u_p(s_0)``, shape ``(n_principals, n)``: stuck, nothing back."""
    u = principal_utilities(ctx, ranks)
    return np.asarray(
        ctx.reservations[:, None] + u - ctx.start_utilities[:, None], dtype=np.float64
    )


def temptations(
    ctx: PhaseContext,
    before: Ranks,
    after: Ranks,
    giving: Bools,
    verification: Floats,
) -> Bools:
    """``tempted[n, r]``: would the untrustworthy type of ``r`` cheat on move ``n``?

    ``giving[n, p, i]`` is whether ``p`` gives on issue ``i`` in the move (:func:`.values.gives`);
    ``verification`` is ``(n_principals,)`` or per move ``(n_moves, n_principals)``. Only movers
    can be tempted (a principal that gives nothing has nothing to withhold).
    """
    v = np.broadcast_to(verification, giving.shape[:2])
    n_moves, n_principals, _ = giving.shape
    issues = np.arange(before.shape[1])
    comply = principal_utilities(ctx, after)
    tempted = np.zeros((n_moves, n_principals), dtype=bool)
    for r in range(n_principals):  # principals are few; moves are vectorised
        own = giving[:, r, :]
        others = giving.any(axis=1) & ~own
        grab = np.where(own, before, after).astype(np.int16)
        undo = others & ctx.reversible[issues, after]
        snap = np.where(undo, before, grab).astype(np.int16)
        u_grab = principal_utilities(ctx, grab)[r]
        u_snap = principal_utilities(ctx, snap)[r]
        cheat = v[:, r] * u_snap + (1.0 - v[:, r]) * u_grab
        tempted[:, r] = own.any(axis=1) & (cheat > comply[r] + EPS)
    return tempted


def classes_along(movers: Bools, tempted: Bools, learning: bool) -> npt.NDArray[np.int8]:
    """Compliance classes of the steps of one path (rows: steps), learning as the module says."""
    if not learning:
        return np.where(movers, PRIOR, CERTAIN).astype(np.int8)
    classes = np.zeros(movers.shape, dtype=np.int8)
    proven = np.zeros(movers.shape[1], dtype=bool)
    for k in range(movers.shape[0]):  # along one path of <= K steps
        hit = movers[k] & tempted[k]
        classes[k] = np.where(hit, np.where(proven, LEARNT, PRIOR), CERTAIN)
        proven |= hit
    return classes
