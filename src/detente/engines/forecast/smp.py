"""KTAB's Spatial Model of Politics (SMP) with its CSV defaults (spec ``forecast.md`` §9).

Written from the spec and a reading of KAPSARC's KTAB (``examples/smp``; Wise, Lester et al.,
KAPSARC 2015–2016, MIT licence); the defaults of its CSV input: Linear victory
probabilities, Proportional voting, Conditional PCE, Deterministic transitions, Mid risk range,
OneThird risk adjustment, SemiCommit third parties, S2P2 interpolation, InitOnlyInterp.

Notation: n actors, D dimensions; positions x_i ∈ [0, 1]^D (input on 0–100), saliences
s_id ∈ [0, 1] (input on 0–100, row total ≤ 1), capability c_i, total salience σ_i = Σ_d s_id.

* Distance (i's view of point y): ``d_i(y) = sqrt(Σ_d (s_id (x_id − y_d))² / Σ_d s_id²)``;
  utility ``u(d, ρ) = (1 − d)(1 + d ρ)`` (``(1 − d)(1 + ρ)`` past d = 1).
* Coalitions over options a, b with weights w_k and utilities u_k:
  ``C_ab = 10⁻⁸ + Σ_k max(0, w_k (u_ka − u_kb))``; victory ``p(a > b) = C_ab / (C_ab + C_ba)``
  (½ on the diagonal); conditional PCE ``P_a ∝ Π_b p(a > b)``.
* Risk attitudes: with risk-neutral utilities 1 − d_i(x_j) and weights c, the PCE P_i of every
  actor's position gives ``ρ_i = (3 P_i − (P_max + 2 P_min)) / (2 (P_max − P_min))``; actor h
  sees i's as ``(2 ρ_h + ρ_i)/3`` and ``U^h[i, j] = u(d_i(x_j), (2ρ_h + ρ_i)/3)``.
* Challenge of i against j as h sees it (for k): principal contributions
  ``σ_i c_i (U_ii − U_ij)`` and ``σ_j c_j (U_ji − U_jj)`` start the two coalitions (from
  10⁻⁸); each third party n weighs the "little conflict" ``p_n = (C_i + v⁺)/(C_i + v⁺ + C_j +
  v⁻)`` with ``v = σ_n c_n (U_ni − U_nj)``, then votes ``σ_n c_n (E_n(ik > j) − E_n(i > jk))``
  with SemiCommit outcomes ``p_n (2U_ni + U_nn) + (1 − p_n) 3U_nj`` against
  ``p_n 3U_ni + (1 − p_n)(2U_nj + U_nn)``; ``P = C_i/(C_i + C_j)`` and the expected gain
  ``(1 − σ_j) 2U_ki + σ_j (P 2U_ki + (1 − P) 2U_kj) − (U_ki + U_kj)``.
* Turn: each i picks the target j with the largest own expected gain (> 10⁻⁵) and proposes
  the S2P2 bargain: per dimension, weights ``s_id² P²`` and ``s_jd² (1 − P)²`` interpolate
  x_i, x_j (10⁻⁶ added to the proposer's weight, rounded to 10⁻⁴). Each actor k then chooses
  among the status quo and the bargains involving it by a PCE with weights c over actors'
  average utilities of the resulting states, taking the most probable (first on ties).
* Stop: at iteration t ≥ 100, or t ≥ 2 and ``dist(s_t, s_{t−1}) / (dist(s_0, s_1) + 10⁻⁴) <
  0.02``, dist = Σ_i ‖x_i,t − x_i,t'‖.
* Output: positions per state and the PCE probability of each actor's position (weights c,
  own utilities U^i[i, ·], over the distinct positions, equal within 10⁻³).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["SmpRun", "run_smp"]

FloatArray = npt.NDArray[np.float64]
MIN_COALITION = 1e-8
MIN_GAIN = 1e-5
POSITION_TOLERANCE = 1e-3


@dataclass(frozen=True)
class SmpRun:
    """``positions[t, i, d]`` on the input's 0–100 scale and ``probability[t, i]``, the PCE
    probability of actor i's position in state t; ``stop`` is the reason the run ended."""

    positions: FloatArray
    probability: FloatArray
    stop: str


def distances(x: FloatArray, s: FloatArray) -> FloatArray:
    """``V[i, j] = d_i(x_j)``: i's salience-weighted distance to j's position."""
    diff = (x[:, None, :] - x[None, :, :]) * s[:, None, :]
    norm = (s * s).sum(axis=1)
    result: FloatArray = np.sqrt((diff * diff).sum(axis=2) / norm[:, None])
    return result


def utility(d: FloatArray, rho: FloatArray | float) -> FloatArray:
    """``(1 − d)(1 + d ρ)``, and ``(1 − d)(1 + ρ)`` where d > 1."""
    result: FloatArray = np.where(d <= 1.0, (1.0 - d) * (1.0 + d * rho), (1.0 - d) * (1.0 + rho))
    return result


def pce(u: FloatArray, w: FloatArray) -> FloatArray:
    """Conditional PCE over the columns of ``u`` (actors × options) with voting weights w."""
    votes = w[:, None, None] * (u[:, :, None] - u[:, None, :])
    C = MIN_COALITION + np.maximum(votes, 0.0).sum(axis=0)
    np.fill_diagonal(C, MIN_COALITION)
    p = C / (C + C.T)
    np.fill_diagonal(p, 0.5)
    prod = p.prod(axis=1)
    result: FloatArray = prod / prod.sum()
    return result


def risk_attitudes(V: FloatArray, c: FloatArray) -> FloatArray:
    """ρ from the risk-neutral PCE of every actor's position (Mid range)."""
    p = pce(1.0 - V, c)
    low, high = float(p.min()), float(p.max())
    result: FloatArray = (3.0 * p - (high + 2.0 * low)) / (2.0 * (high - low))
    return result


def perceived_utilities(V: FloatArray, rho: FloatArray) -> FloatArray:
    """``U[h, i, j] = u(d_i(x_j), (2ρ_h + ρ_i)/3)`` (OneThird adjustment)."""
    seen = (2.0 * rho[:, None] + rho[None, :]) / 3.0
    return utility(V[None, :, :], seen[:, :, None])


def challenge(
    U: FloatArray, weight: FloatArray, sigma: FloatArray, h: int, i: int, j: int
) -> tuple[float, float]:
    """h's estimate of (P[i beats j], i's expected gain from challenging j) (SemiCommit)."""
    u = U[h]
    c_i, c_j = MIN_COALITION, MIN_COALITION
    for vote_ij in (weight[i] * (u[i, i] - u[i, j]), weight[j] * (u[j, i] - u[j, j])):
        c_i += max(vote_ij, 0.0)
        c_j += max(-vote_ij, 0.0)
    base_i, base_j = c_i, c_j
    third = np.array([n for n in range(u.shape[0]) if n not in (i, j)], dtype=np.int64)
    if third.size:
        uni, unj, unn = u[third, i], u[third, j], u[third, third]
        wn = weight[third]
        v = wn * (uni - unj)
        ci = base_i + np.maximum(v, 0.0)
        cj = base_j + np.maximum(-v, 0.0)
        p = ci / (ci + cj)
        win = p * (2 * uni + unn) + (1 - p) * (3 * unj)
        lose = p * (3 * uni) + (1 - p) * (2 * unj + unn)
        vote = wn * (win - lose)
        c_i += float(np.maximum(vote, 0.0).sum())
        c_j += float(np.maximum(-vote, 0.0).sum())
    P = c_i / (c_i + c_j)
    victory, defeat = 2 * u[i, i], 2 * u[i, j]
    gain = (1 - sigma[j]) * victory + sigma[j] * (P * victory + (1 - P) * defeat)
    return P, float(gain - (u[i, i] + u[i, j]))


def _round4(value: FloatArray) -> FloatArray:
    result: FloatArray = np.floor(0.5 + value * 10000.0) / 10000.0
    return result


def bargain(
    x: FloatArray, s: FloatArray, i: int, j: int, P: float
) -> tuple[FloatArray, FloatArray]:
    """The S2P2 bargain i proposes to j: (i's new position, j's new position)."""
    wi, wj = s[i] ** 2 * P**2, s[j] ** 2 * (1.0 - P) ** 2
    total = wi + 1e-6 + wj
    new_i = _round4(((wi + 1e-6) * x[i] + wj * x[j]) / total)
    new_j = _round4((wi * x[i] + (1e-6 + wj) * x[j]) / total)
    return new_i, new_j


def _proposals(
    x: FloatArray, s: FloatArray, U: FloatArray, weight: FloatArray, sigma: FloatArray
) -> list[tuple[int, int, FloatArray, FloatArray]]:
    """Every actor's bargain with its best target: (initiator, receiver, x_init, x_rcvr)."""
    n = x.shape[0]
    out = []
    for i in range(n):
        best, target, prob = -1.0, -1, 0.0
        for j in range(n):
            if j == i:
                continue
            P, gain = challenge(U, weight, sigma, i, i, j)
            if gain > MIN_GAIN and gain > best:
                best, target, prob = gain, j, P
        if target >= 0:
            out.append((i, target, *bargain(x, s, i, target, prob)))
    return out


def _state_utility(
    x: FloatArray,
    s: FloatArray,
    U: FloatArray,
    rho: FloatArray,
    option: tuple[int, int, FloatArray, FloatArray] | None,
) -> FloatArray:
    """Every actor's average utility of the state after ``option`` (None: status quo)."""
    n = x.shape[0]
    own = U[np.arange(n), np.arange(n), :]  # own[a, m] = U^a[a, m]
    if option is None:
        result: FloatArray = own.sum(axis=1) / n
        return result
    init, rcvr, y_i, y_r = option
    keep = np.ones(n, dtype=bool)
    keep[[init, rcvr]] = False
    norm = (s * s).sum(axis=1)
    d_i = np.sqrt((((x - y_i) * s) ** 2).sum(axis=1) / norm)
    d_r = np.sqrt((((x - y_r) * s) ** 2).sum(axis=1) / norm)
    total = utility(d_i, rho) + utility(d_r, rho) + own[:, keep].sum(axis=1)
    result = total / n
    return result


def _step(x: FloatArray, s: FloatArray, c: FloatArray) -> tuple[FloatArray, FloatArray]:
    """One turn: the next positions and the current probability of each actor's position."""
    n = x.shape[0]
    V = distances(x, s)
    rho = risk_attitudes(V, c)
    U = perceived_utilities(V, rho)
    sigma = s.sum(axis=1)
    proposals = _proposals(x, s, U, sigma * c, sigma)
    new = x.copy()
    for k in range(n):
        options: list[tuple[int, int, FloatArray, FloatArray] | None] = [None]
        options += [b for b in proposals if k in (b[0], b[1])]
        u = np.column_stack([_state_utility(x, s, U, rho, b) for b in options])
        chosen = options[int(np.argmax(pce(u, c)))]
        if chosen is not None:
            new[k] = chosen[2] if chosen[0] == k else chosen[3]
    return new, position_probability(x, U, c)


def position_probability(x: FloatArray, U: FloatArray, c: FloatArray) -> FloatArray:
    """PCE probability of each actor's position among the distinct positions (within 10⁻³)."""
    n = x.shape[0]
    reps: list[int] = []
    for i in range(n):
        if not any(np.linalg.norm(x[i] - x[r]) < POSITION_TOLERANCE for r in reps):
            reps.append(i)
    own = U[np.arange(n), np.arange(n), :]
    p = pce(own[:, reps], c)
    index = [
        max(k for k, r in enumerate(reps) if np.linalg.norm(x[i] - x[r]) < POSITION_TOLERANCE)
        for i in range(n)
    ]
    result: FloatArray = p[index]
    return result


def run_smp(
    position: FloatArray, salience: FloatArray, capability: FloatArray, max_iterations: int = 100
) -> SmpRun:
    """Run the SMP from ``position`` and ``salience`` (actors × dimensions, 0–100) and
    ``capability`` (actors) until the stop rule of the module docstring."""
    x = np.asarray(position, dtype=np.float64) / 100.0
    s = np.asarray(salience, dtype=np.float64) / 100.0
    c = np.asarray(capability, dtype=np.float64)
    states, probs = [x], []
    stop = "iteration limit"
    for t in range(1, max_iterations + 1):
        new, prob = _step(states[-1], s, c)
        states.append(new)
        probs.append(prob)
        first = np.linalg.norm(states[1] - states[0], axis=1).sum() + 1e-4
        last = np.linalg.norm(states[-1] - states[-2], axis=1).sum()
        if t >= 2 and last / first < 0.02:
            stop = "converged"
            break
    V = distances(states[-1], s)
    U = perceived_utilities(V, risk_attitudes(V, c))
    probs.append(position_probability(states[-1], U, c))
    return SmpRun(np.array(states) * 100.0, np.array(probs), stop)
