"""Summaries of a stored sweep: agreement rate, outcomes, rounds, utilities.

The 95% interval of the agreement rate is Wilson's score interval (Wilson, "Probable
inference, the law of succession, and statistical inference", JASA 22, 1927):

.. math:: \\frac{\\hat p + z^2/2n \\pm z \\sqrt{\\hat p (1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n},
          \\quad z = 1.96
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from detente.engines.statistics import wilson_interval

Floats = npt.NDArray[np.float64]

__all__ = ["SweepRuns", "SweepSummary", "summarise", "summary_of", "wilson_interval"]


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
        """The summary as JSON data; each deal by name with its count and share of the runs."""
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
            "top_outcomes": [
                {"outcome": o, "count": c, "share": c / self.runs if self.runs else 0.0}
                for o, c in self.top_outcomes
            ],
            "rounds_to_agreement": {"mean": self.rounds_mean, "median": self.rounds_median},
            "mean_utility_given_deal": self.utilities,
            "ends": self.ends,
        }


@dataclass(frozen=True)
class SweepRuns:
    """The runs of a sweep in run order, as the store or an in-process run gives them.

    ``deals`` holds one hashable key per run that reached a deal (in run order) and ``name``
    turns a key into the outcome by name; ``utilities`` has one row per deal.
    """

    sweep_id: str
    scenario: str
    seed: int
    protocol: str
    strategies: str
    parties: tuple[str, ...]
    runs: int
    deals: tuple[Hashable, ...]
    name: Callable[[Hashable], dict[str, str]]
    rounds: Floats
    utilities: Floats
    ends: tuple[str, ...]


def summary_of(runs: SweepRuns, top: int = 5) -> SweepSummary:
    """The summary of ``runs``; the ``top`` most frequent deals (ties: the earliest run first)."""
    counts = Counter(runs.deals)
    deals = len(runs.deals)
    utilities = runs.utilities.reshape(-1, len(runs.parties))
    return SweepSummary(
        sweep_id=runs.sweep_id,
        scenario=runs.scenario,
        seed=int(runs.seed),
        runs=runs.runs,
        protocol=runs.protocol,
        strategies=runs.strategies,
        agreements=deals,
        interval=wilson_interval(deals, runs.runs),
        top_outcomes=tuple((runs.name(o), c) for o, c in counts.most_common(top)),
        rounds_mean=float(runs.rounds.mean()) if deals else None,
        rounds_median=float(np.median(runs.rounds)) if deals else None,
        utilities={p: float(utilities[:, k].mean()) for k, p in enumerate(runs.parties)}
        if deals
        else {},
        ends=dict(Counter(runs.ends)),
    )


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
    runs = SweepRuns(
        sweep_id=sweep_id,
        scenario=scenario,
        seed=int(seed),
        protocol=protocol,
        strategies=strategies,
        parties=tuple(json.loads(parties)),
        runs=len(rows),
        deals=tuple(r[1] for r in deals),
        name=lambda key: dict(json.loads(str(key))),
        rounds=np.array([r[2] for r in deals], dtype=np.float64),
        utilities=np.array([r[4] for r in deals], dtype=np.float64),
        ends=tuple(r[3] for r in rows),
    )
    return summary_of(runs, top)
