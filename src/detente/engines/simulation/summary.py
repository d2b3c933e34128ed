"""Summaries of a stored sweep: agreement rate, outcomes, rounds, utilities.

The 95% interval of the agreement rate is Wilson's score interval (Wilson, "Probable
inference, the law of succession, and statistical inference", JASA 22, 1927):

.. math:: \\frac{\\hat p + z^2/2n \\pm z \\sqrt{\\hat p (1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n},
          \\quad z = 1.96
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.engines.statistics import wilson_interval

__all__ = ["SweepSummary", "summarise", "wilson_interval"]


@dataclass(frozen=True)
class SweepSummary:
    """What a sweep found; ``utilities`` are means over the runs that reached a deal."""

    sweep_id: str
    scenario: str
    seed: int
    runs: int
    protocol: str
    strategies: str
    agreements: int
    interval: tuple[float, float]
    top_outcomes: tuple[tuple[dict[str, str], int], ...]
    rounds_mean: float | None
    rounds_median: float | None
    utilities: dict[str, float]
    ends: dict[str, int]

    @property
    def rate(self) -> float:
        return self.agreements / self.runs if self.runs else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "sweep_id": self.sweep_id,
            "scenario": self.scenario,
            "seed": self.seed,
            "runs": self.runs,
            "protocol": self.protocol,
            "strategies": self.strategies,
            "agreement_rate": self.rate,
            "agreement_interval_95": list(self.interval),
            "agreements": self.agreements,
            "top_outcomes": [{"outcome": o, "count": c} for o, c in self.top_outcomes],
            "rounds_to_agreement": {"mean": self.rounds_mean, "median": self.rounds_median},
            "mean_utility_given_deal": self.utilities,
            "ends": self.ends,
        }


def summarise(con: Any, sweep_id: str, top: int = 5) -> SweepSummary:
    """Summarise the runs ``0 .. N-1`` of a stored sweep."""
    meta = con.execute(
        "SELECT scenario, seed, runs, protocol, strategies, parties FROM sweeps WHERE id = ?",
        [sweep_id],
    ).fetchone()
    scenario, seed, n, protocol, strategies, parties = meta
    rows = con.execute(
        'SELECT agreement, options, round, "end", utilities FROM runs '
        "WHERE sweep_id = ? AND run_id < ? ORDER BY run_id",
        [sweep_id, n],
    ).fetchall()
    deals = [r for r in rows if r[0]]
    rounds = np.array([r[2] for r in deals], dtype=np.float64)
    counts = Counter(r[1] for r in deals)
    names = json.loads(parties)
    utilities = np.array([r[4] for r in deals], dtype=np.float64).reshape(-1, len(names))
    return SweepSummary(
        sweep_id=sweep_id,
        scenario=scenario,
        seed=int(seed),
        runs=len(rows),
        protocol=protocol,
        strategies=strategies,
        agreements=len(deals),
        interval=wilson_interval(len(deals), len(rows)),
        top_outcomes=tuple((json.loads(o), c) for o, c in counts.most_common(top)),
        rounds_mean=float(rounds.mean()) if deals else None,
        rounds_median=float(np.median(rounds)) if deals else None,
        utilities={p: float(utilities[:, k].mean()) for k, p in enumerate(names)} if deals else {},
        ends=dict(Counter(r[3] for r in rows)),
    )
