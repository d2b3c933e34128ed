"""A straightforward per-pair loop implementation of the BDM model (the reference).

Written independently of :mod:`detente.engines.forecast` from the spec's formulas: a Python
loop over ordered actor pairs, with only the sum over third parties k done by NumPy. Used as
the reference of the equality test and as the baseline of ``bench/forecast.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.utility import SPAN_TOLERANCE

__all__ = ["loop_round", "loop_run"]

Array = Any


def _median(x: Array, w: Array, R: float, rule: str) -> float:
    n = len(x)
    winners = []
    for a in range(n):
        votes = [float(np.sum(w * (np.abs(x - x[b]) - np.abs(x - x[a]))) / R) for b in range(n)]
        scale = float(np.sum(w)) * float(np.ptp(x)) / R or 1.0
        if min(votes) >= -1e-9 * scale:
            winners.append(a)
    if rule == "argmax":
        return float(x[winners[0]])
    values = [float(x[a]) for a in winners]
    return max(values) if rule == "upper" else min(values)


def _probabilities(x: Array, w: Array, R: float, rho: Array, kind: str) -> Array:
    n = len(x)
    up, total = np.zeros((n, n)), np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            g = w * ((np.abs(x - x[j]) / R) ** rho - (np.abs(x - x[i]) / R) ** rho)
            up[i, j] = np.sum(g[g > 0]) if kind != "net" else max(0.0, float(np.sum(g)))
            total[i, j] = np.sum(np.abs(g))
    grand = total.sum()
    P = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if x[i] == x[j]:
                continue
            denominator = grand if kind == "global" else total[i, j]
            P[i, j] = up[i, j] / denominator if denominator > 0 else 0.0
    return P


def _eu(p: float, d: float, s_j: float, dmu: float, r: float, o: BdmOptions) -> float:
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_b = 2 - 4 * (0.5 - 0.25 * (dmu + d)) ** r
    u_w = 2 - 4 * (0.5 + 0.25 * (dmu + d)) ** r
    u_sq = 2 - 4 * 0.5**r
    eu = s_j * (p * u_s + (1 - p) * u_f) + (1 - s_j) * u_s - o.Q * u_sq
    return float(eu - (1 - o.Q) * (o.T * u_b + (1 - o.T) * u_w))


def _danger(x: Array, w: Array, s: Array, R: float, mu: float, i: int, o: BdmOptions) -> float:
    P = _probabilities(x, w, R, np.ones(len(x)), o.probability)
    return sum(
        _eu(P[j, i], abs(x[j] - x[i]) / R, s[i], abs(x[j] - mu) / R, 1.0, o)
        for j in range(len(x))
        if j != i
    )


def _own_danger(x: Array, w: Array, s: Array, R: float, mu: float, i: int, o: BdmOptions) -> list:
    # Hold the global normaliser at the actual state's value, as the engine documents.
    dangers = []
    for y in sorted(set(x.tolist())):
        moved = x.copy()
        moved[i] = y
        if o.probability == "global":
            total = _global_total(x, w, R)
            up = np.array([_support(moved, w, R, j, i) for j in range(len(x))])
            P_col = np.where(moved == y, 0.0, up / total if total > 0 else 0.0)
            d = sum(
                _eu(P_col[j], abs(x[j] - y) / R, s[i], abs(x[j] - mu) / R, 1.0, o)
                for j in range(len(x))
                if j != i
            )
            dangers.append(d)
        else:
            dangers.append(_danger(moved, w, s, R, mu, i, o))
    return dangers


def _support(x: Array, w: Array, R: float, i: int, j: int) -> float:
    g = w * (np.abs(x - x[j]) - np.abs(x - x[i])) / R
    return float(np.sum(g[g > 0]))


def _global_total(x: Array, w: Array, R: float) -> float:
    n = len(x)
    return sum(
        _support(x, w, R, i, j) + _support(x, w, R, j, i) for i in range(n) for j in range(n)
    )


def _risk(x: Array, w: Array, s: Array, R: float, mu: float, o: BdmOptions) -> Array:
    n = len(x)
    P = _probabilities(x, w, R, np.ones(n), o.probability)
    danger = np.array(
        [
            sum(
                _eu(P[j, i], abs(x[j] - x[i]) / R, s[i], abs(x[j] - mu) / R, 1.0, o)
                for j in range(n)
                if j != i
            )
            for i in range(n)
        ]
    )
    r = np.ones(n)
    for i in range(n):
        if o.risk_basis == "across":
            high, low = danger.max(), danger.min()
        else:
            own = [*_own_danger(x, w, s, R, mu, i, o), danger[i]]
            high, low = max(own), min(own)
        real = high - low > SPAN_TOLERANCE * max(abs(high), abs(low), np.finfo(float).tiny)
        big_r = (2 * danger[i] - high - low) / (high - low) if real else 0.0
        big_r = min(max(big_r, -1.0), 1.0)
        r[i] = (1 - big_r / 3) / (1 + big_r / 3)
    return r


def _offer(i: int, j: int, x: Array, a: Array, b: Array, o: BdmOptions) -> tuple[str, float]:
    aij, bij = a[i, j], b[i, j]
    if bij > aij > 0:
        return "conf", float(x[j])
    if bij > 0 > aij and bij > abs(aij):
        return "comp", float(x[i] + (x[j] - x[i]) * abs(aij / bij))
    if bij > 0 > aij and bij < abs(aij) and o.capitulation == "abs_a":
        return "cap", float(x[j])
    return "none", float(x[i])


def _best(i: int, x: Array, a: Array, b: Array, o: BdmOptions) -> float:
    others = [j for j in range(len(x)) if j != i and x[i] != x[j]]
    if o.offer_rule == "max_eu":
        senders = [j for j in others if b[i, j] > 0]
        if not senders:
            return float(x[i])
        top = max(b[i, j] for j in senders)
        tied = [j for j in senders if b[i, j] == top]
        if o.offer_ties == "strongest":
            chosen = min(tied, key=lambda j: (abs(x[j] - x[i]), x[j]))
        else:
            chosen = min(tied, key=lambda j: abs(x[j] - x[i]))
        return _offer(i, chosen, x, a, b, o)[1]
    offers: dict[str, list[tuple[float, float, float, float]]] = {"conf": [], "comp": [], "cap": []}
    for j in others:
        kind, new = _offer(i, j, x, a, b, o)
        if kind == "none":
            continue
        key = abs(new - x[i])
        if kind == "comp" and o.compromise_key == "scholz":
            key = (abs(a[i, j]) * x[i] + abs(b[i, j]) * x[j]) / (abs(a[i, j]) + abs(b[i, j]))
        offers[kind].append((key, -b[i, j], x[j], new))
    strongest = o.offer_ties == "strongest"
    for kind in ("conf", "comp", "cap"):
        if offers[kind]:
            return min(offers[kind], key=lambda f: f[:3] if strongest else f[0])[3]
    return float(x[i])


def loop_round(x: Array, c: Array, s: Array, R: float, o: BdmOptions) -> tuple[Array, Array]:
    """One round, pair by pair: the new positions and the risk exponents used."""
    w = c * s
    n = len(x)
    median = _median(x, w, R, o.median_rule)
    r = _risk(x, w, s, R, median, o)
    mu = median if o.mu == "median" else float(np.sum(w * x) / np.sum(w))
    rho = r if o.vote_risk == "actor" else np.ones(n)
    P = _probabilities(x, w, R, rho, o.probability)
    a, b = np.zeros((n, n)), np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            d = abs(x[i] - x[j]) / R
            a[i, j] = _eu(P[i, j], d, s[j], abs(x[i] - mu) / R, r[i], o)
            r_b = r[i] if o.perspective == "evaluator" else r[j]
            b[i, j] = _eu(P[j, i], d, s[i], abs(x[j] - mu) / R, r_b, o)
    return np.array([_best(i, x, a, b, o) for i in range(n)]), r


def loop_run(x: Array, c: Array, s: Array, o: BdmOptions, rounds: int) -> list[Array]:
    """Positions after each of ``rounds`` rounds (no stop rule)."""
    R = float(np.ptp(x)) or 1.0
    history = [np.asarray(x, dtype=float)]
    for _ in range(rounds):
        if o.range_basis == "current":
            R = float(np.ptp(history[-1])) or 1.0
        history.append(loop_round(history[-1], c, s, R, o)[0])
    return history
