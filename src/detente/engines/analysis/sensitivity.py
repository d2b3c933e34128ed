"""How much the bargaining-space conclusions depend on the analyst's uncertain numbers.

Over the scenario's ``uncertainty``, ``N`` parameter samples are drawn with a seed
(:func:`detente.engines.uncertainty.sample_parameters`; sample ``i`` depends only on
``(seed, i)``) and evaluated in batches (:func:`detente.engines.analysis.batched.
evaluate_settings`). The result gives:

- the probability that a ZOPA exists, ``k / N``, with the 95% Wilson score interval
  (Wilson, *JASA* 22, 1927): ``(p + z²/2N ± z sqrt(p(1-p)/N + z²/4N²)) / (1 + z²/N)``,
  ``z = 1.959964``;
- the most frequent Nash outcomes and their frequencies (share of all samples);
- per parameter, the *point-biserial correlation* between its sampled value and the indicator
  "a ZOPA exists" (the Pearson correlation with a 0/1 variable; Tate, *Ann. Math. Stat.* 25,
  1954), and the difference of the parameter's mean between samples with and without a ZOPA;
  both are None when either variable is constant. Parameters are ranked by ``|r|``;
- the *deal margin* ``max_o min_p (u_p(o) - r_p)`` over the outcomes meeting every red line
  (:class:`detente.engines.analysis.batched.BatchResult`): at the scenario's values and its
  5%, 50% and 95% quantiles over the samples — a continuous "how far from a deal" that moves
  even where the ZOPA stays empty;
- with red lines of credibility below 1 (or with a credibility range), each sample also draws
  which principal red lines hold (:func:`detente.engines.analysis.holds.sample_holds`),
  and its ZOPA, Nash deal and margin are those of the red lines that hold; with every
  credibility 1 the results are exactly those without credibility;
- a one-at-a-time *tornado*: ZOPA size, deal margin and Nash outcome with one parameter at the
  low, then the high end of its distribution, every other parameter at its value in the
  scenario.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.batched import Progress, affects_analysis, evaluate_settings
from detente.engines.analysis.holds import evaluate_with_holds, sample_holds
from detente.engines.compile import Compiled, Floats
from detente.engines.space import DEFAULT_CHUNK
from detente.engines.statistics import wilson_interval
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import get_parameter

__all__ = [
    "Importance",
    "NashFrequency",
    "Sensitivity",
    "TornadoBar",
    "margin_quantiles",
    "point_biserial",
    "sensitivity",
]


@dataclass(frozen=True)
class NashFrequency:
    """A Nash outcome and the number and share of samples in which it is the Nash deal."""

    outcome: dict[str, str]
    count: int
    share: float


@dataclass(frozen=True)
class Importance:
    """How a parameter relates to "a ZOPA exists" across the samples."""

    parameter: str
    affects_analysis: bool
    correlation: float | None
    mean_difference: float | None


@dataclass(frozen=True)
class TornadoBar:
    """ZOPA size and Nash outcome at a parameter's low and high end, others at base."""

    parameter: str
    base: float
    low: float
    high: float
    zopa_low: int
    zopa_high: int
    margin_low: float
    margin_high: float
    nash_low: dict[str, str] | None
    nash_high: dict[str, str] | None


@dataclass(frozen=True)
class Sensitivity:
    """Monte Carlo and one-at-a-time sensitivity of the ZOPA and the Nash deal."""

    samples: int
    seed: int
    zopa_probability: float
    zopa_interval: tuple[float, float]
    nash: tuple[NashFrequency, ...]
    importance: tuple[Importance, ...]
    tornado: tuple[TornadoBar, ...]
    mean_zopa_size: float
    margin: float
    margin_quantiles: tuple[float, float, float]


def point_biserial(x: Floats, flag: npt.NDArray[np.bool_]) -> tuple[float | None, float | None]:
    """Point-biserial correlation of ``x`` with ``flag`` and ``mean(x|flag) - mean(x|~flag)``.

    Examples
    --------
    >>> r, d = point_biserial(np.array([1.0, 2.0, 3.0, 4.0]), np.array([False, False, True, True]))
    >>> round(r, 4), d
    (0.8944, 2.0)
    """
    if flag.all() or not flag.any() or np.ptp(x) == 0:
        return None, None
    difference = float(x[flag].mean() - x[~flag].mean())
    p = flag.mean()
    return float(difference * np.sqrt(p * (1 - p)) / x.std()), difference


def _is_credibility(path: str) -> bool:
    parts = path.split(".")
    return len(parts) == 5 and parts[2] == "red_lines" and parts[4] == "credibility"


def margin_quantiles(
    margins: Floats, levels: tuple[float, ...] = (0.05, 0.5, 0.95)
) -> tuple[float, ...]:
    """Quantiles of the deal margins, linear between order statistics (numpy's default).

    A margin is ``-inf`` when no outcome meets every red line; linear interpolation from
    ``-inf`` is ``-inf`` here (``np.quantile`` gives nan: ``-inf + (b + inf) f``).

    Examples
    --------
    >>> margin_quantiles(np.array([-np.inf, -np.inf, 0.1, 0.3]), (0.0, 0.5, 1.0))
    (-inf, -inf, 0.3)
    >>> margin_quantiles(np.array([0.0, 1.0, 2.0]), (0.25,))
    (0.5,)
    """
    x = np.sort(np.asarray(margins, dtype=np.float64))
    h = (x.size - 1) * np.asarray(levels)
    lo, hi = np.floor(h).astype(np.int64), np.ceil(h).astype(np.int64)
    a, b, f = x[lo], x[hi], h - lo
    with np.errstate(invalid="ignore"):
        linear = a + (b - a) * f
    return tuple(float(v) for v in np.where(np.isneginf(a) | (f == 0), a, linear))


def _labels(compiled: Compiled, index: int) -> dict[str, str] | None:
    if index < 0:
        return None
    return compiled.space.labels(compiled.space.decode(np.array([index]))[0])


def _tornado(compiled: Compiled, chunk: int) -> tuple[tuple[TornadoBar, ...], float]:
    """The bars, and the deal margin at the scenario's values (the last row evaluated)."""
    items = [u for u in compiled.scenario.uncertainty if not _is_credibility(u.parameter)]
    paths = [u.parameter for u in items]
    base = np.array([get_parameter(compiled.scenario, p) for p in paths])
    rows = np.repeat(base[None], 2 * len(paths) + 1, axis=0)
    for k, item in enumerate(items):
        rows[2 * k, k] = item.distribution.low
        rows[2 * k + 1, k] = item.distribution.high
    result = evaluate_settings(compiled, paths, rows, chunk)
    bars = tuple(
        TornadoBar(
            path,
            float(base[k]),
            float(rows[2 * k, k]),
            float(rows[2 * k + 1, k]),
            int(result.zopa[2 * k]),
            int(result.zopa[2 * k + 1]),
            float(result.margin[2 * k]),
            float(result.margin[2 * k + 1]),
            _labels(compiled, int(result.nash[2 * k])),
            _labels(compiled, int(result.nash[2 * k + 1])),
        )
        for k, path in enumerate(paths)
    )
    return bars, float(result.margin[-1])


def sensitivity(
    compiled: Compiled,
    samples: int,
    seed: int,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
    top: int = 5,
) -> Sensitivity:
    """Monte Carlo over the scenario's uncertainty and a tornado (see module docstring)."""
    drawn = sample_parameters(compiled.scenario, samples, seed)
    holds = sample_holds(compiled, drawn.paths, drawn.values, seed)
    result = evaluate_with_holds(compiled, drawn.paths, drawn.values, holds, chunk, progress)
    exists = result.zopa > 0
    k = int(exists.sum())
    counts = Counter(int(i) for i in result.nash[exists])
    nash = tuple(
        NashFrequency(_labels(compiled, i) or {}, c, c / samples)
        for i, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    )
    importance = []
    for col, path in enumerate(drawn.paths):
        r, diff = point_biserial(drawn.values[:, col], exists)
        affects = affects_analysis(compiled, path) or (
            _is_credibility(path) and path.split(".")[1] in compiled.principals
        )
        importance.append(Importance(path, affects, r, diff))
    importance.sort(key=lambda i: -abs(i.correlation or 0.0))
    bars, margin = _tornado(compiled, chunk)
    q05, q50, q95 = margin_quantiles(result.margin) if samples else (margin,) * 3
    return Sensitivity(
        samples,
        seed,
        k / samples if samples else 0.0,
        wilson_interval(k, samples),
        nash,
        tuple(importance),
        bars,
        float(result.zopa.mean()) if samples else 0.0,
        margin,
        (float(q05), float(q50), float(q95)),
    )
