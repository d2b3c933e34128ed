"""The BDM expected-utility group decision model: rounds until a stop rule (spec §1–§7).

:func:`run_bdm` repeats :func:`detente.engines.forecast.rounds.bdm_round` and records, per
round, the positions, the median-voter forecast, the weighted mean, the risk exponents, every
ordered pair's classification and each actor's move. It stops (§7) when
``max_i |x_i,t − x_i,t−1| / R < ε`` for K rounds running (``converged``), when the positions
repeat an earlier round's to ε·R (``cycle``, with its period), or after ``max_rounds``
(``round limit``). The model forecast is the median of the last round; on a cycle, report the
range of the cycle's medians too (:attr:`BdmRun.cycle_medians`).

References: Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in
Bueno de Mesquita & Stokman (eds), *European Community Decides*; Scholz, Calbert & Smith
(2011), "Unravelling Bueno De Mesquita's group decision model", *J. Theoretical Politics* 23(4).

Examples
--------
>>> from detente.engines.forecast.actors import make_table
>>> t = make_table(["A", "B", "C"], [0.0, 0.0, 0.0], [1, 1, 1], [0.5, 0.5, 0.5])
>>> run = run_bdm(t)
>>> run.stop_reason, run.forecast
('converged', 0.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.forecast.actors import ActorTable
from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.rounds import RoundResult, bdm_round
from detente.engines.forecast.votes import condorcet_median, weighted_mean

__all__ = ["BdmRun", "run_bdm"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class BdmRun:
    """A finished run. Round t = 0 is the start; arrays over rounds have T + 1 rows
    (positions, median, mean) or T rows (risk, classes, partner, move: round t at row t − 1).

    ``partner[t, i]`` is the actor whose offer i took (−1: none); ``move[t, i]`` is the class
    code of that offer (see :data:`~detente.engines.forecast.rounds.CLASS_NAMES`).
    """

    names: tuple[str, ...]
    capability: FloatArray
    salience: FloatArray
    positions: FloatArray
    median: FloatArray
    mean: FloatArray
    risk: FloatArray
    classes: npt.NDArray[np.int8]
    partner: npt.NDArray[np.int64]
    move: npt.NDArray[np.int8]
    stop_reason: str
    period: int | None
    position_range: float
    options: BdmOptions

    @property
    def rounds(self) -> int:
        return int(self.positions.shape[0] - 1)

    @property
    def forecast(self) -> float:
        """The median-voter position after the last round."""
        return float(self.median[-1])

    @property
    def cycle_medians(self) -> tuple[float, float] | None:
        """(lowest, highest) median over the detected cycle, or None without a cycle."""
        if self.period is None:
            return None
        tail = self.median[-self.period :]
        return float(tail.min()), float(tail.max())


def _range(x: FloatArray) -> float:
    span = float(x.max() - x.min())
    return span if span > 0 else 1.0


def _cycle(history: list[FloatArray], R: float, epsilon: float) -> int | None:
    # The dynamics are deterministic in the positions (r is recomputed from scratch each
    # round), so a repeat of an earlier state repeats from there on. Period 1 is convergence.
    if len(history) < 3:
        return None
    past = np.asarray(history[:-2])
    gaps = np.abs(past - history[-1]).max(axis=1) / R
    hits = np.flatnonzero(gaps < epsilon)
    return int(len(history) - 1 - hits[-1]) if hits.size else None


def _iterate(
    x: FloatArray, c: FloatArray, s: FloatArray, o: BdmOptions
) -> tuple[list[FloatArray], list[RoundResult], str, int | None]:
    """The rounds among the active actors: positions per round, round results, stop."""
    history: list[FloatArray] = [x]
    steps: list[RoundResult] = []
    reason, period, calm = "round limit", None, 0
    if x.size < 2 or float(x.max() - x.min()) == 0.0:
        return history, steps, "converged", None  # nobody (or no one active) can contest
    R0 = _range(x)
    for _ in range(o.max_rounds):
        R = R0 if o.range_basis == "initial" else _range(history[-1])
        steps.append(bdm_round(history[-1], c, s, R, o))
        history.append(steps[-1].positions)
        calm = calm + 1 if np.abs(history[-1] - history[-2]).max() / R0 < o.epsilon else 0
        if calm >= o.K:
            return history, steps, "converged", None
        period = _cycle(history, R0, o.epsilon)
        if period is not None:
            return history, steps, "cycle", period
    return history, steps, reason, period


def run_bdm(table: ActorTable, options: BdmOptions | None = None) -> BdmRun:
    """Run the model on ``table`` with ``options`` (the defaults when None).

    Actors with zero effective weight (c·s = 0) are bystanders: they neither vote, challenge
    nor get challenged, do not enter the range R or the security levels, and keep their
    positions (so adding one changes nothing for the others).
    """
    o = options or BdmOptions()
    c, s = table.capability, table.salience
    x = table.position.astype(np.float64)
    n = x.size
    if n == 0:
        raise ValueError("an actor table needs at least one actor")
    act = np.flatnonzero(c * s > 0)
    history, steps, reason, period = _iterate(x[act], c[act], s[act], o)
    T = len(steps)
    positions = np.repeat(x[None, :], T + 1, axis=0)
    positions[:, act] = np.asarray(history)
    risk, classes = np.ones((T, n)), np.zeros((T, n, n), dtype=np.int8)
    partner, move = np.full((T, n), -1, dtype=np.int64), np.zeros((T, n), dtype=np.int8)
    for t, step in enumerate(steps):  # a loop over rounds, to scatter back to all actors
        risk[t, act] = step.risk
        classes[t][np.ix_(act, act)] = step.classes
        partner[t, act] = np.where(step.partner >= 0, act[np.maximum(step.partner, 0)], -1)
        move[t, act] = step.move
    R0 = _range(x[act]) if act.size else 1.0
    cs, ss, rule = (c[act], s[act], o.median_rule) if act.size else (c, s, "lower")
    median_of = positions[:, act] if act.size else positions
    R_of = [R0 if o.range_basis == "initial" else _range(p) for p in median_of]
    medians = [condorcet_median(p, cs, ss, R, rule) for p, R in zip(median_of, R_of, strict=True)]
    return BdmRun(
        names=table.names,
        capability=c,
        salience=s,
        positions=positions,
        median=np.asarray(medians),
        mean=np.asarray([weighted_mean(p, c * s) for p in positions]),
        risk=risk,
        classes=classes,
        partner=partner,
        move=move,
        stop_reason=reason,
        period=period,
        position_range=R0,
        options=o,
    )
