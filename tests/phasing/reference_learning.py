"""A scalar reference of verification and learning (``docs/phased-deals.md``), one outcome and
one step at a time, independent of the engine's vectorised code."""

from __future__ import annotations

import itertools
from typing import Any

from detente.engines.compile import Compiled

from .reference import Outcome, reversal, status_quo, stop_value, table, utility


def stop_snapback(c: Compiled, party: str, z: Outcome) -> float:
    """Stop value when every principal takes back its reversible gives (p pays its own costs)."""
    sq = status_quo(c)
    kept, lost = list(z), 0.0
    for i, r in enumerate(z):
        ok, cost = reversal(c, i, r)
        below = [q for q in c.principals if table(c, q, i, r) < table(c, q, i, sq[i]) - 1e-12]
        if ok and below:
            kept[i] = sq[i]
            if party in below:
                lost += cost * (table(c, party, i, sq[i]) - table(c, party, i, r))
    reservation = float(c.reservations[c.party_index(party)])
    return reservation + utility(c, party, tuple(kept)) - lost - utility(c, party, sq)


def _stuck(c: Compiled, party: str, z: Outcome) -> float:
    reservation = float(c.reservations[c.party_index(party)])
    return reservation + utility(c, party, z) - utility(c, party, status_quo(c))


def _tempted(c: Compiled, r: str, x: Outcome, y: Outcome, give: dict[str, set[int]],
             v: float) -> bool:  # fmt: skip
    own = give[r]
    if not own:
        return False
    others = set().union(*(g for q, g in give.items() if q != r)) - own
    grab = tuple(x[i] if i in own else y[i] for i in range(len(x)))
    snap = tuple(x[i] if i in others and reversal(c, i, y[i])[0] else grab[i]
                 for i in range(len(x)))  # fmt: skip
    cheat = v * utility(c, r, snap) + (1 - v) * utility(c, r, grab)
    return cheat > utility(c, r, y) + 1e-12


def evaluate_learning(
    c: Compiled,
    path: list[Outcome],
    trust: dict[str, float],
    discount: dict[str, float],
    verification: dict[str, float],
    learning: bool,
    snapback: bool = False,
) -> dict[str, Any]:
    """Margins of a path with detection, snapback and (optionally) Bayesian learning."""
    stop = stop_snapback if snapback else stop_value
    parties = c.principals
    steps = list(itertools.pairwise(path))
    give = [
        {p: {i for i in range(len(x)) if table(c, p, i, y[i]) < table(c, p, i, x[i]) - 1e-12}
         for p in parties}
        for x, y in steps
    ]  # fmt: skip
    factor: list[dict[str, float]] = []
    proven: set[str] = set()
    for (x, y), g in zip(steps, give, strict=True):
        row = {}
        for r in parties:
            t, v = trust[r], verification[r]
            hit = bool(g[r]) and (not learning or _tempted(c, r, x, y, g, v))
            belief = t / (t + (1 - t) * (1 - v)) if t + (1 - t) * (1 - v) > 0 else t
            row[r] = (belief if learning and r in proven else t) if hit else 1.0
            if hit and learning:
                proven.add(r)
        factor.append(row)
    value = {p: utility(c, p, path[-1]) for p in parties}
    margins: list[dict[str, float]] = [{} for _ in steps]
    for k in range(len(steps) - 1, -1, -1):
        x, y = steps[k]
        for p in parties:
            others = [r for r in parties if r != p and give[k][r]]
            q = 1.0
            for r in others:
                q *= factor[k][r]
            d = min((verification[r] for r in others), default=1.0)
            fail = tuple(y[i] if i in give[k][p] else x[i] for i in range(len(x)))
            back = d * stop(c, p, fail) + (1 - d) * _stuck(c, p, fail)
            value[p] = q * discount[p] * value[p] + (1 - q) * back
            margins[k][p] = value[p] - stop(c, p, x)
    return {"margins": margins}
