"""One bargaining round of the BDM expected-utility model, vectorised over actor pairs.

A round (spec §5–§7): with every r = 1 and μ = the median, compute P and EU for every ordered
pair, the danger S_i = Σ_{j≠i} EU_j(i) and the risk exponents r; recompute P and EU with r;
classify every ordered pair (receiver i, other j) by a = EU_i(j) and b = EU_j(i), both as i
sees them; let each actor take its best offer; apply all moves at once.

Classification codes (:data:`CLASS_NAMES`), for receiver i against j with x_i ≠ x_j:
1 conflict, i loses (b > a > 0); 2 conflict, i wins (a > b > 0); 3 compromise (b > 0 > a,
b > |a|); 4 capitulation (b > 0 > a, b < |a|); 5 i dominates (a > 0 > b); 6 stalemate (both
negative, or a boundary case); 0 no contest (same position, or i itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.utility import expected_utility, risk_exponents, support_between
from detente.engines.forecast.votes import (
    condorcet_median,
    distance_powers,
    pair_support,
    weighted_mean,
    win_probability,
)

__all__ = ["CLASS_NAMES", "RoundResult", "bdm_round", "classify", "pair_eu"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

CLASS_NAMES = (
    "no contest",
    "conflict (loses)",
    "conflict (wins)",
    "compromise",
    "capitulation",
    "dominates",
    "stalemate",
)


@dataclass(frozen=True)
class RoundResult:
    """The outcome of one round: new positions, the risk exponents used, every pair's class,
    each actor's chosen partner (−1 for none) and the class of the offer it took (0 for none)."""

    positions: FloatArray
    risk: FloatArray
    classes: npt.NDArray[np.int8]
    partner: IntArray
    move: npt.NDArray[np.int8]


def pair_eu(
    x: FloatArray, s: FloatArray, P: FloatArray, R: float, mu: float, r: FloatArray, o: BdmOptions
) -> tuple[FloatArray, FloatArray]:
    """``(a, b)``: a[i, j] = EU_i(j) with r_i; b[i, j] = EU_j(i) as i sees it (perspective).

    With Q = 1 the utilities U_s, U_f depend on j only through x_j: the powers are taken on
    the n × U distinct positions and gathered, and shared by a and b (both use r_i).
    """
    delta = np.abs(x[:, None] - x[None, :]) / R
    if o.Q < 1.0:
        d_mu = np.abs(x - mu) / R
        a = expected_utility(P, delta, s[None, :], d_mu[:, None], r[:, None], o.Q, o.T)
        if o.perspective == "own":
            return a, a.T
        b = expected_utility(P.T, delta, s[:, None], d_mu[None, :], r[:, None], o.Q, o.T)
        return a, b
    unique, inverse = np.unique(x, return_inverse=True)
    delta_u = np.abs(x[:, None] - unique[None, :]) / R
    rho = r[:, None]
    u_s = (2.0 - 4.0 * (0.5 - 0.5 * delta_u) ** rho)[:, inverse]
    u_f = (2.0 - 4.0 * (0.5 + 0.5 * delta_u) ** rho)[:, inverse]
    u_sq = 2.0 - 4.0 * 0.5**rho

    def eu(p: FloatArray, s_resist: FloatArray) -> FloatArray:
        value: FloatArray = (
            s_resist * (p * u_s + (1.0 - p) * u_f) + (1.0 - s_resist) * u_s - o.Q * u_sq
        )
        return value

    a = eu(P, s[None, :])
    if o.perspective == "own":
        return a, a.T
    return a, eu(P.T, s[:, None])


def _probability(
    x: FloatArray, w: FloatArray, R: float, rho: FloatArray | None, kind: str
) -> FloatArray:
    return win_probability(pair_support(x, w, distance_powers(x, R, rho)), x, kind)


def _own_danger_range(
    x: FloatArray, w: FloatArray, s: FloatArray, R: float, mu: float, o: BdmOptions
) -> tuple[FloatArray, FloatArray]:
    """S_i(y): actor i's danger were it at y (each distinct current position), others fixed;
    the max and min over y. Pairs with i and i's own vote change; μ and the global normaliser
    keep the round's values.

    At r = 1 the utilities are linear (U_s = 2Δ, U_f = −2Δ, U_sq = 0, T U_b + (1 − T) U_w =
    (2T − 1)(d_μ + Δ)), so with Δ_j = |x_j − y|/R the danger is the matrix–vector form

        S_i(y) = 2 (1 − 2 s_i) Σ_{j≠i} Δ_j + 4 s_i Σ_{j≠i} P_ji(y) Δ_j
                 − (1 − Q)(2T − 1) Σ_{j≠i} (d_μ,j + Δ_j),

    P_ji depends on j only through x_j, so the columns run over the U distinct positions
    (weighted by how many actors hold each, less i itself): one n × U probability matrix and
    one product per candidate y, O(n U²) per round (no powers).
    """
    n = x.size
    total = 0.0
    if o.probability == "global":
        N = pair_support(x, w, distance_powers(x, R))
        total = float((N + N.T).sum())
    high = np.full(n, -np.inf)
    low = np.full(n, np.inf)
    d_mu = np.abs(x - mu) / R
    unique, own, count = np.unique(x, return_inverse=True, return_counts=True)
    gap = np.abs(x[:, None] - unique[None, :])
    extra = (1.0 - o.Q) * (2.0 * o.T - 1.0)
    mu_others = d_mu.sum() - d_mu
    rows = np.arange(n)
    for y in unique:  # a loop over candidate positions; pairs stay vectorised
        ys = np.full(unique.size, y)
        rho, rho_u = np.abs(x - y), np.abs(unique - y)
        t = rho[:, None] - gap
        closer = np.maximum(t, 0.0)  # max(0, |x_i − y| − |x_i − x_j|): i's vote for j
        farther = closer - t  # max(0, |x_i − x_j| − |x_i − y|): i's vote for y
        n_ji = support_between(unique, ys, x, w)[None, :] - w[:, None] * closer
        n_ij = support_between(ys, unique, x, w)[None, :] - w[:, None] * (farther - rho_u)
        P_ji = _hypothetical_p(n_ji / R, n_ij / R, total, o.probability)
        delta_u, delta = rho_u / R, rho / R
        others = float(delta_u @ count) - delta
        pull = P_ji @ (delta_u * count) - P_ji[rows, own] * delta
        S = 2.0 * (1.0 - 2.0 * s) * others + 4.0 * s * pull
        if extra != 0.0:
            S = S - extra * (mu_others + others)
        high, low = np.maximum(high, S), np.minimum(low, S)
    return high, low


def _hypothetical_p(n_ji: FloatArray, n_ij: FloatArray, total: float, kind: str) -> FloatArray:
    both = n_ji + n_ij
    if kind == "global":
        return n_ji / total if total > 0 else np.zeros_like(n_ji)
    top = n_ji if kind == "pair" else np.maximum(n_ji - n_ij, 0.0)
    return np.divide(top, both, out=np.zeros_like(both), where=both > 0)


def _risk(
    x: FloatArray, c: FloatArray, s: FloatArray, R: float, mu: float, o: BdmOptions
) -> FloatArray:
    w = c * s
    ones = np.ones_like(x)
    P = _probability(x, w, R, None, o.probability)
    eu, _ = pair_eu(x, s, P, R, mu, ones, o)
    np.fill_diagonal(eu, 0.0)
    danger = eu.sum(axis=0)
    if o.risk_basis == "across":
        return risk_exponents(danger, np.asarray(danger.max()), np.asarray(danger.min()))
    high, low = _own_danger_range(x, w, s, R, mu, o)
    return risk_exponents(danger, np.maximum(high, danger), np.minimum(low, danger))


def classify(a: FloatArray, b: FloatArray, x: FloatArray) -> npt.NDArray[np.int8]:
    """The class code of every ordered pair (receiver i, other j) from a = EU_i(j), b = EU_j(i)."""
    codes = np.full(a.shape, 6, dtype=np.int8)
    codes[(a > 0) & (b < 0)] = 5
    codes[(b > 0) & (a < 0) & (b < np.abs(a))] = 4
    codes[(b > 0) & (a < 0) & (b > np.abs(a))] = 3
    codes[(a > b) & (b > 0)] = 2
    codes[(b > a) & (a > 0)] = 1
    codes[x[:, None] == x[None, :]] = 0
    return codes


def _pick(
    key: FloatArray,
    mask: npt.NDArray[np.bool_],
    b: FloatArray,
    x: FloatArray,
    ties: str,
) -> IntArray:
    """Per row, the column of the smallest ``key`` under ``mask``; ties go to the first column
    (``first``) or to the largest b, then the lowest position (``strongest``)."""
    keyed = np.where(mask, key, np.inf)
    tied = mask & (keyed == keyed.min(axis=1, keepdims=True))
    if ties == "strongest":
        strength = np.where(tied, b, -np.inf)
        tied &= strength == strength.max(axis=1, keepdims=True)
        index: IntArray = np.where(tied, x[None, :], np.inf).argmin(axis=1)
        return index
    first: IntArray = tied.argmax(axis=1)
    return first


def _choose(
    codes: npt.NDArray[np.int8], a: FloatArray, b: FloatArray, x: FloatArray, o: BdmOptions
) -> tuple[IntArray, FloatArray]:
    """Each receiver's chosen partner (−1: none) and the position it moves to."""
    n = x.size
    ratio = np.divide(np.abs(a), b, out=np.zeros_like(a), where=b != 0)
    target = np.where(codes == 3, x[:, None] + (x[None, :] - x[:, None]) * ratio, x[None, :])
    distance = np.abs(target - x[:, None])
    movable = (codes == 1) | (codes == 3) | ((codes == 4) & (o.capitulation == "abs_a"))
    if o.offer_rule == "max_eu":
        sent = (b > 0) & (codes != 0)
        best = np.where(sent, b, -np.inf).max(axis=1, keepdims=True)
        gap = np.abs(x[None, :] - x[:, None])
        chosen = _pick(gap, sent & (b == best), b, x, o.offer_ties)
        has = sent.any(axis=1) & movable[np.arange(n), chosen]
    else:
        chosen = np.full(n, -1)
        key = distance
        if o.compromise_key == "scholz":
            weight = np.abs(a) + np.abs(b)
            pull = np.abs(a) * x[:, None] + np.abs(b) * x[None, :]
            key = np.where(
                codes == 3,
                np.divide(pull, weight, out=np.zeros_like(pull), where=weight > 0),
                distance,
            )
        for code in (4, 3, 1):  # reversed priority: later assignments win
            mask = (codes == code) & movable
            rows = mask.any(axis=1)
            chosen = np.where(rows, _pick(key, mask, b, x, o.offer_ties), chosen)
        has = chosen >= 0
    rows = np.arange(n)
    new = np.where(has, target[rows, np.maximum(chosen, 0)], x)
    return np.where(has, chosen, -1), new


def bdm_round(x: FloatArray, c: FloatArray, s: FloatArray, R: float, o: BdmOptions) -> RoundResult:
    """One round from positions ``x`` (spec §7); every move applied simultaneously."""
    median = condorcet_median(x, c, s, R, o.median_rule)
    r = _risk(x, c, s, R, median, o)
    mu = median if o.mu == "median" else weighted_mean(x, c * s)
    P = _probability(x, c * s, R, r if o.vote_risk == "actor" else None, o.probability)
    a, b = pair_eu(x, s, P, R, mu, r, o)
    codes = classify(a, b, x)
    np.fill_diagonal(codes, 0)
    partner, new = _choose(codes, a, b, x, o)
    rows = np.arange(x.size)
    move = np.where(partner >= 0, codes[rows, np.maximum(partner, 0)], 0).astype(np.int8)
    return RoundResult(new, r, codes, partner, move)
