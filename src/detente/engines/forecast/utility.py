"""Expected utility of a challenge, and risk exponents from security levels (spec §4–§5).

For a challenge by i against j seen with exponent r, Δ = |x_i − x_j| / R and
d_μ = |x_i − μ| / R:

    U_s  = 2 − 4 (0.5 − 0.5 Δ)^r            U_f = 2 − 4 (0.5 + 0.5 Δ)^r
    U_b  = 2 − 4 (0.5 − 0.25 (d_μ + Δ))^r    U_w = 2 − 4 (0.5 + 0.25 (d_μ + Δ))^r
    U_sq = 2 − 4 (0.5)^r
    EU   = s_j [P U_s + (1 − P) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q) [T U_b + (1 − T) U_w]

(the subtraction of the (1 − Q) term is the spec's; dmasad's code adds it, harmless at Q = 1).
Risk: S_i = Σ_{j≠i} EU_j(i) at r = 1, R_i = (2 S_i − S_max − S_min) / (S_max − S_min),
r_i = (1 − R_i/3) / (1 + R_i/3) ∈ [0.5, 2]. References: Bueno de Mesquita (1994); Scholz,
Calbert & Smith (2011) as reconstructed in jmckib's and dmasad's code.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["SPAN_TOLERANCE", "expected_utility", "risk_exponents", "support_between"]

FloatArray = npt.NDArray[np.float64]


def expected_utility(
    P: FloatArray,
    delta: FloatArray,
    s_resist: FloatArray,
    d_mu: FloatArray,
    rho: FloatArray | float,
    Q: float,
    T: float,
) -> FloatArray:
    """EU of a challenge (broadcasting every argument), the formula of the module docstring.

    >>> float(expected_utility(np.array(0.5), np.array(1.0), np.array(1.0), np.array(0.0),
    ...                        1.0, 1.0, 1.0))
    0.0
    """
    u_s = 2.0 - 4.0 * (0.5 - 0.5 * delta) ** rho
    u_f = 2.0 - 4.0 * (0.5 + 0.5 * delta) ** rho
    u_sq = 2.0 - 4.0 * 0.5**rho
    eu = s_resist * (P * u_s + (1.0 - P) * u_f) + (1.0 - s_resist) * u_s - Q * u_sq
    if Q < 1.0:
        z = 0.25 * (d_mu + delta)
        u_b = 2.0 - 4.0 * (0.5 - z) ** rho
        u_w = 2.0 - 4.0 * (0.5 + z) ** rho
        eu = eu - (1.0 - Q) * (T * u_b + (1.0 - T) * u_w)
    result: FloatArray = np.asarray(eu, dtype=np.float64)
    return result


#: Relative size below which S_max - S_min counts as zero (see :func:`risk_exponents`).
SPAN_TOLERANCE = 1e-9


def risk_exponents(danger: FloatArray, high: FloatArray, low: FloatArray) -> FloatArray:
    """``r = (1 − R/3)/(1 + R/3)`` with ``R = (2 S − S_max − S_min)/(S_max − S_min)``.

    ``high``/``low`` are S_max/S_min (scalars across actors, or per actor for the own basis).
    Where S_max = S_min nobody is more endangered than another: R = 0 and r = 1. "Equal" is
    up to a relative ``SPAN_TOLERANCE``: sums of the same terms in another order (another
    labelling of the actors) differ by rounding, and dividing that noise by itself would turn
    a tie into r = 0.5 or 2 for no reason.

    >>> risk_exponents(np.array([0.0, 1.0, 2.0]), np.array(2.0), np.array(0.0)).round(3).tolist()
    [2.0, 1.0, 0.5]
    """
    span = np.broadcast_to(high - low, danger.shape)
    scale = np.maximum(np.abs(np.broadcast_to(high, danger.shape)), np.abs(low))
    real = span > SPAN_TOLERANCE * np.maximum(scale, np.finfo(float).tiny)
    R = np.divide(2.0 * danger - high - low, span, out=np.zeros_like(danger), where=real)
    R = np.clip(R, -1.0, 1.0)
    result: FloatArray = (1.0 - R / 3.0) / (1.0 + R / 3.0)
    return result


def support_between(a: FloatArray, b: FloatArray, x: FloatArray, w: FloatArray) -> FloatArray:
    """``Σ_k w_k max(0, |x_k − b| − |x_k − a|)`` for any points a, b (linear votes).

    A closed form over prefix sums of the voters sorted by position: for a < b the voters at
    or below a give (b − a) each and those in (a, (a+b)/2) give a + b − 2 x_k; mirrored for
    a > b.

    >>> x = np.array([0.0, 1.0, 2.0]); w = np.ones(3)
    >>> support_between(np.array([0.0]), np.array([2.0]), x, w).tolist()
    [2.0]
    """
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    cw = np.concatenate(([0.0], np.cumsum(ws)))
    cwx = np.concatenate(([0.0], np.cumsum(ws * xs)))

    def below(t: FloatArray, side: str) -> tuple[FloatArray, FloatArray]:
        k = np.searchsorted(xs, t, side=side)  # type: ignore[call-overload]
        return cw[k], cwx[k]

    m = (a + b) / 2.0
    w_le_a, wx_le_a = below(a, "right")
    w_lt_a, wx_lt_a = below(a, "left")
    w_lt_m, wx_lt_m = below(m, "left")
    w_le_m, wx_le_m = below(m, "right")
    up = (b - a) * w_le_a + (a + b) * (w_lt_m - w_le_a) - 2.0 * (wx_lt_m - wx_le_a)
    down = (a - b) * (cw[-1] - w_lt_a) + 2.0 * (wx_lt_a - wx_le_m) - (a + b) * (w_lt_a - w_le_m)
    result: FloatArray = np.where(a < b, up, np.where(a > b, down, 0.0))
    return np.maximum(result, 0.0)
