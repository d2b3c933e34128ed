"""Votes over positions: the Condorcet median, the weighted mean and win probabilities.

Notation of the spec (``forecast.md`` §1–§3): actors k with position x_k and effective weight
w_k = c_k s_k; distances are normalised by the range R. Actor k's vote between a and b is
``v_k(a,b) = w_k (|x_k − b| − |x_k − a|) / R``.

Everything is vectorised over actor pairs. The probability numerators
``N[i, j] = Σ_k w_k max(0, D[k, j] − D[k, i])`` (D[k, a] = (|x_k − x_a| / R)^ρ_k) would cost
n³ done naively; because the sign of ``D[k, j] − D[k, i]`` depends only on which of x_i, x_j
is nearer to x_k (any ρ_k > 0), the sum runs over the voters on i's side of the midpoint
(x_i + x_j)/2, and prefix sums over the voters sorted by position give every N[i, j] in
O(n² log n) time and O(n²) memory.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "condorcet_median",
    "distance_powers",
    "pair_support",
    "vote_totals",
    "weighted_mean",
    "win_probability",
]

FloatArray = npt.NDArray[np.float64]


def weighted_mean(x: FloatArray, w: FloatArray) -> float:
    """``M = Σ w_i x_i / Σ w_i`` (§2); the plain mean when every weight is zero.

    >>> weighted_mean(np.array([0.0, 10.0]), np.array([3.0, 1.0]))
    2.5
    """
    total = float(w.sum())
    if total <= 0.0:
        return float(x.mean())
    return float((w * x).sum() / total)


def vote_totals(x: FloatArray, w: FloatArray, R: float) -> FloatArray:
    """``V[a, b] = Σ_k v_k(x_a, x_b)``: positive when the actors prefer x_a to x_b (§2)."""
    unique, inverse = np.unique(x, return_inverse=True)
    F = (w[None, :] * np.abs(x[None, :] - unique[:, None])).sum(axis=1)[inverse]
    result: FloatArray = (F[None, :] - F[:, None]) / R
    return result


def _scan_median(x: FloatArray, c: FloatArray, s: FloatArray, R: float) -> float:
    # jmckib's median: a sequential pairwise scan over the distinct positions in the iteration
    # order of a CPython set, replacing the incumbent on a strictly positive vote total summed
    # in actor order. Reproduction only: the order is an implementation detail of CPython.
    w = c * s
    order = list({float(v) for v in x})
    median = order[0]
    for position in order[1:]:
        terms = w * (np.abs(x - median) / R - np.abs(x - position) / R)
        if np.cumsum(terms)[-1] > 0:
            median = position
    return median


def condorcet_median(
    x: FloatArray, c: FloatArray, s: FloatArray, R: float, rule: str = "lower"
) -> float:
    """The median-voter (Condorcet) position among the actor positions (§2).

    An exhaustive pairwise check: x_a wins when ``V[a, b] ≥ 0`` for every b (to a relative
    tolerance of 1e-12). In one dimension with linear votes the winners are the w-weighted
    median positions. ``rule`` picks among tied winners: ``lower`` (the default, the lower
    median of §10), ``upper``; ``scan`` and ``argmax`` reproduce jmckib and dmasad.

    >>> x = np.array([4.0, 7.0, 10.0]); c = np.ones(3)
    >>> condorcet_median(x, c, np.array([0.2, 0.1, 0.3]), 6.0)
    7.0
    >>> condorcet_median(x, c, np.array([0.5, 0.0, 0.5]), 6.0, "upper")
    10.0
    """
    if rule == "scan":
        return _scan_median(x, c, s, R)
    V = vote_totals(x, c * s, R)
    scale = float(np.abs(V).max()) or 1.0
    wins = (-1e-12 * scale <= V).all(axis=1)
    if rule == "argmax":
        return float(x[np.flatnonzero(wins)[0]])
    return float(x[wins].max() if rule == "upper" else x[wins].min())


def distance_powers(x: FloatArray, R: float, rho: FloatArray | None = None) -> FloatArray:
    """``D[k, u] = (|x_k − y_u| / R)^ρ_k`` to the distinct positions ``y = np.unique(x)``;
    linear (ρ = 1) when ``rho`` is None. (Distances to actor a are ``D[:, inverse[a]]``.)"""
    D: FloatArray = np.abs(x[:, None] - np.unique(x)[None, :]) / R
    if rho is not None:
        D = D ** rho[:, None]
    return D


def pair_support(x: FloatArray, w: FloatArray, D: FloatArray) -> FloatArray:
    """``N[i, j] = Σ_k w_k max(0, D[k, j] − D[k, i])``: the weight backing i against j.

    ``D`` holds the voters' distances to the distinct positions (:func:`distance_powers`).

    Voters strictly nearer x_i than x_j are the only ones with a positive term; they lie on
    i's side of the midpoint, a prefix (or suffix) of the voters sorted by position. N[i, j]
    depends on i and j only through x_i and x_j, so it is computed on the U distinct positions
    (often few: coded scales, option ranks, actors that joined another) and expanded.
    """
    n = x.size
    order = np.argsort(x, kind="stable")
    xs = x[order]
    unique, inverse = np.unique(x, return_inverse=True)
    U = unique.size
    C = np.zeros((n + 1, U))
    np.cumsum(w[order, None] * D[order], axis=0, out=C[1:])
    mid = (unique[:, None] + unique[None, :]) / 2.0
    below = np.searchsorted(xs, mid, side="left")
    upto = np.searchsorted(xs, mid, side="right")
    col_i = np.broadcast_to(np.arange(U)[:, None], (U, U))
    col_j = np.broadcast_to(np.arange(U)[None, :], (U, U))
    left = C[below, col_j] - C[below, col_i]
    right = (C[n, col_j] - C[upto, col_j]) - (C[n, col_i] - C[upto, col_i])
    less = unique[:, None] < unique[None, :]
    more = unique[:, None] > unique[None, :]
    N_u = np.maximum(np.where(less, left, np.where(more, right, 0.0)), 0.0)
    N: FloatArray = N_u[np.ix_(inverse, inverse)]
    return N


def win_probability(N: FloatArray, x: FloatArray, kind: str) -> FloatArray:
    """``P[i, j]``, the probability that i beats j, from the supports ``N`` (§3).

    ``pair``: N_ij / (N_ij + N_ji); ``net``: max(0, N_ij − N_ji) / (N_ij + N_ji); ``global``:
    N_ij / Σ_ab (N_ab + N_ba). Zero when x_i = x_j or nobody cares.

    >>> N = np.array([[0.0, 3.0], [1.0, 0.0]]); x = np.array([0.0, 1.0])
    >>> float(win_probability(N, x, "pair")[0, 1]), float(win_probability(N, x, "net")[0, 1])
    (0.75, 0.5)
    """
    both = N + N.T
    if kind == "global":
        total = float(both.sum())
        P = N / total if total > 0 else np.zeros_like(N)
    else:
        top = N if kind == "pair" else np.maximum(N - N.T, 0.0)
        P = np.divide(top, both, out=np.zeros_like(N), where=both > 0)
    P[x[:, None] == x[None, :]] = 0.0
    return P
