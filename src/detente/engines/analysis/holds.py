"""Which red lines hold: seeded draws per sample and line, and the samples evaluated with them.

A principal's red line ``l`` holds at the table with probability ``c_l`` (its ``credibility``).
Sample ``i`` draws ``U_{i,l}`` uniform in ``[0, 1)`` from a counter-based hash (the SplitMix64
finaliser; Steele, Lea & Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014)
of ``(seed, i, PARTY:ID)``, and the line holds when ``U_{i,l} < c_{i,l}`` (``c_{i,l}`` drawn
from the scenario's uncertainty when the path ``preferences.PARTY.red_lines.ID.credibility`` has
a range). The draws of a line depend only on the seed, the sample index and the line's name —
not on the batch, the workers or the other lines — and the same uniforms serve every
credibility (common random numbers): a sampled P(ZOPA) is monotone in each credibility, and a
line at credibility 0 is exactly a dropped line.

:func:`evaluate_with_holds` evaluates parameter samples together with their hold masks: the
samples are grouped by the set of lines that hold (at most ``2^L`` groups) and each group is
evaluated with exactly those red lines by :func:`detente.engines.analysis.batched.
evaluate_settings`. The work that grows with samples times outcomes (the utilities) is done
once per sample as before; only the per-block decoding and masks are repeated per group.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.batched import BatchResult, Progress, evaluate_settings
from detente.engines.compile import Compiled, Constraint, Floats
from detente.engines.space import DEFAULT_CHUNK
from detente.model.scenario import RedLine, Scenario

__all__ = [
    "credibility_path",
    "evaluate_with_holds",
    "hard_red_lines",
    "hold_uniforms",
    "principal_lines",
    "red_line",
    "sample_holds",
]

Bools = npt.NDArray[np.bool_]
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def credibility_path(party: str, line: str) -> str:
    """The parameter path of a red line's credibility."""
    return f"preferences.{party}.red_lines.{line}.credibility"


def hard_red_lines(scenario: Scenario) -> Scenario:
    """``scenario`` with every red line a wall: credibility 1 and no credibility range.

    The reading before credibility existed; the analysis of the result equals the analysis of
    a scenario that never stated a credibility.
    """
    data = scenario.model_dump(mode="python")
    for party in data["parties"]:
        for line in (party.get("preferences") or {}).get("red_lines", []):
            line["credibility"] = 1.0
    data["uncertainty"] = [
        u for u in data["uncertainty"] if not u["parameter"].endswith(".credibility")
    ]
    return Scenario.model_validate(data)


def red_line(compiled: Compiled, constraint: Constraint) -> RedLine:
    """The scenario's red line behind a compiled constraint."""
    prefs = compiled.scenario.party(constraint.party or "").preferences
    assert prefs is not None
    return next(r for r in prefs.red_lines if r.id == constraint.id)


def principal_lines(compiled: Compiled) -> tuple[Constraint, ...]:
    """The principals' red lines, in the order of :func:`acceptability.requirements`."""
    return tuple(
        line for party in compiled.principals for line in compiled.red_lines if line.party == party
    )


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
    return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def hold_uniforms(seed: int, labels: Sequence[str], n: int, start: int = 0) -> Floats:
    """``U[i, l]`` in ``[0, 1)`` for samples ``start .. start + n - 1`` and lines ``labels``.

    A function of ``(seed, start + i, labels[l])`` only (SplitMix64 finaliser of a combined
    counter), so any split of the samples gives the same numbers.

    Examples
    --------
    >>> a = hold_uniforms(7, ["usa:x", "dprk:y"], 5)
    >>> b = hold_uniforms(7, ["dprk:y"], 2, start=3)
    >>> bool((a[3:, 1] == b[:, 0]).all()), bool(((a >= 0) & (a < 1)).all())
    (True, True)
    """
    keys = np.array([zlib.crc32(label.encode()) for label in labels], dtype=np.uint64)
    index = np.arange(start, start + n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        base = _mix(np.array([seed % (1 << 64)], dtype=np.uint64) + _GOLDEN)
        lines = _mix(base ^ (keys * _GOLDEN + _M1))
        mixed = _mix(lines[None, :] + (index[:, None] + np.uint64(1)) * _GOLDEN)
    return np.asarray((mixed >> np.uint64(11)).astype(np.float64) * 2.0**-53, dtype=np.float64)


def sample_holds(
    compiled: Compiled,
    paths: Sequence[str],
    values: npt.ArrayLike,
    seed: int,
    start: int = 0,
) -> Bools:
    """Which principal red lines hold in each parameter sample (shape ``(N, L)``).

    ``values[i, k]`` is sample ``i`` of ``paths[k]`` (:func:`detente.engines.uncertainty.
    sample_parameters`); a line whose credibility path is among ``paths`` uses the sampled
    credibility, the others their stated one.
    """
    vals = np.asarray(values, dtype=np.float64)
    lines = principal_lines(compiled)
    n = vals.shape[0]
    cred = np.empty((n, len(lines)))
    for k, line in enumerate(lines):
        path = credibility_path(line.party or "", line.id)
        column = list(paths).index(path) if path in paths else None
        stated = red_line(compiled, line).credibility
        cred[:, k] = stated if column is None else np.clip(vals[:, column], 0.0, 1.0)
    labels = [f"{line.party}:{line.id}" for line in lines]
    return np.asarray(hold_uniforms(seed, labels, n, start) < cred, dtype=bool)


def evaluate_with_holds(
    compiled: Compiled,
    paths: Sequence[str],
    values: npt.ArrayLike,
    holds: Bools,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> BatchResult:
    """:func:`evaluate_settings` where sample ``i`` keeps only the principal red lines
    ``holds[i]`` (the other parties' lines are kept; they do not enter the ZOPA)."""
    vals = np.asarray(values, dtype=np.float64)
    lines = principal_lines(compiled)
    if holds.all():
        return evaluate_settings(compiled, paths, vals, chunk, progress)
    others = tuple(c for c in compiled.red_lines if c not in lines)
    groups, inverse = np.unique(holds, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    n = vals.shape[0]
    zopa, nash, margin = np.zeros(n, np.int64), np.full(n, -1, np.int64), np.full(n, -np.inf)
    done = [0]
    grand = n * -(-compiled.space.size // chunk)
    for g, row in enumerate(groups):
        sel = np.flatnonzero(inverse == g)
        kept = others + tuple(line for line, keep in zip(lines, row, strict=True) if keep)
        sub = dataclasses.replace(compiled, red_lines=kept)
        offset = done[0]

        def report(d: int, _t: int, offset: int = offset) -> None:
            done[0] = offset + d
            if progress is not None:
                progress(done[0], grand)

        result = evaluate_settings(sub, paths, vals[sel], chunk, report)
        zopa[sel], nash[sel], margin[sel] = result.zopa, result.nash, result.margin
    return BatchResult(zopa, nash, margin)
