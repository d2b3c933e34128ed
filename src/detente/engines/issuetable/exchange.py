"""The exchange model of Stokman & Van Oosten (1994), as applied to DEU by Arregui, Stokman &
Thomson (2006, ch. 5 of *The European Union Decides*).

Actors trade *voting positions* between two issues of one proposal. Start from the compromise
outcomes ``O_a = Σ_i w_ia x_ia / W_a`` (w_ia = c_i s_ia, W_a = Σ_i w_ia). Actors i and j can
trade on issues a and b when they stand on opposite sides of the outcome on both
(``σ_ia = −σ_ja``, ``σ_ib = −σ_jb`` with σ = sign(x − O)) and value them differently:
``s_ia s_jb > s_ib s_ja``. Then j shifts its position on a towards i's side, moving O_a by
``A ≥ 0`` towards i, and i shifts its position on b towards j's side, moving O_b by ``B ≥ 0``
towards j. With salience-weighted linear utilities the gains are
``G_i = s_ia A − s_ib B`` and ``G_j = s_jb B − s_ja A``; the *equal gain* exchange rate
(Stokman & Van Oosten) sets G_i = G_j, i.e. ``B = A (s_ia + s_ja) / (s_ib + s_jb)``, and both
gain. A shift stops when the shifting actor reaches the outcome: ``A ≤ c_j s_ja |x_ja − O_a| /
W_a`` and ``B ≤ c_i s_ib |x_ib − O_b| / W_b``; the binding limit fixes the volume.

Exchanges are carried out one at a time, the largest gain first, recomputing the outcomes,
until no exchange gains more than ``tolerance`` (in salience × scale units) or after
``max_exchanges``; the forecasts are the final outcomes. Proposals with a single issue get the
compromise. (The original model also lets exchanges run simultaneously and weighs the
"realised" exchanges; this sequential equal-gain version is a simplification.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from detente.engines.issuetable.models import compromise
from detente.engines.issuetable.table import Issue

__all__ = ["exchange"]

FloatArray = npt.NDArray[np.float64]


def _align(issues: Sequence[Issue]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Positions, saliences, capabilities as (issues × actors) arrays; an actor absent from an
    issue has salience 0 there (so it neither weighs nor trades)."""
    names = sorted({a for i in issues for a in i.actors})
    col = {a: k for k, a in enumerate(names)}
    shape = (len(issues), len(names))
    x, s, c = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for r, issue in enumerate(issues):
        idx = [col[a] for a in issue.actors]
        x[r, idx], s[r, idx], c[r, idx] = issue.position, issue.salience, issue.capability
    return x, s, c


def _best_trade(
    x: FloatArray, s: FloatArray, c: FloatArray, a: int, b: int
) -> tuple[float, int, int, float, float]:
    """The largest-gain trade between issues a and b: (gain, i, j, A, B); gain 0 if none."""
    W = (c * s).sum(axis=1)
    out = (c * s * x).sum(axis=1) / np.where(W > 0, W, 1.0)
    sig = np.sign(x - out[:, None]) * (s > 0)
    ok = (sig[a][:, None] * sig[a][None, :] < 0) & (sig[b][:, None] * sig[b][None, :] < 0)
    ok &= s[a][:, None] * s[b][None, :] > s[b][:, None] * s[a][None, :]
    cap_a = c[a] * s[a] * np.abs(x[a] - out[a]) / max(W[a], 1e-300)  # j's room on a
    cap_b = c[b] * s[b] * np.abs(x[b] - out[b]) / max(W[b], 1e-300)  # i's room on b
    rate = (s[a][:, None] + s[a][None, :]) / np.maximum(s[b][:, None] + s[b][None, :], 1e-300)
    A = np.minimum(cap_a[None, :], cap_b[:, None] / np.maximum(rate, 1e-300))
    gain = np.where(ok, s[a][:, None] * A - s[b][:, None] * A * rate, 0.0)
    i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
    return float(gain[i, j]), int(i), int(j), float(A[i, j]), float(A[i, j] * rate[i, j])


def _apply(
    x: FloatArray, s: FloatArray, c: FloatArray, trade: tuple[int, int, int, int, float, float]
) -> None:
    a, b, i, j, A, B = trade
    W = (c * s).sum(axis=1)
    out = (c * s * x).sum(axis=1) / np.where(W > 0, W, 1.0)
    # j moves on a towards i's side (towards O_a), i on b towards j's side: each by the
    # amount that moves the outcome by A (resp. B).
    x[a, j] += np.sign(out[a] - x[a, j]) * A * W[a] / (c[a, j] * s[a, j])
    x[b, i] += np.sign(out[b] - x[b, i]) * B * W[b] / (c[b, i] * s[b, i])


def exchange(
    issues: Sequence[Issue], tolerance: float = 1e-6, max_exchanges: int = 500
) -> FloatArray:
    """The exchange-model forecasts of the issues of one proposal (module docstring)."""
    if len(issues) < 2:
        return np.array([compromise(i) for i in issues])
    x, s, c = _align(issues)
    for _ in range(max_exchanges):
        best = (tolerance, -1, -1, -1, -1, 0.0, 0.0)
        for a in range(len(issues)):
            for b in range(len(issues)):
                if a != b:
                    gain, i, j, A, B = _best_trade(x, s, c, a, b)
                    if gain > best[0]:
                        best = (gain, a, b, i, j, A, B)
        if best[1] < 0:
            break
        _apply(x, s, c, (best[1], best[2], best[3], best[4], best[5], best[6]))
    W = (c * s).sum(axis=1)
    result: FloatArray = (c * s * x).sum(axis=1) / np.where(W > 0, W, 1.0)
    return result
