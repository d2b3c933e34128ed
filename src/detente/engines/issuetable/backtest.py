"""Score collective-decision models on an issue table: errors, bootstrap intervals, shares.

For model m and scored issue k with outcome y_k, the error is ``e_mk = |f_mk − y_k|`` and the
model's mean absolute error ``MAE_m = mean_k e_mk``. Issues of one proposal share actors and
coders, so the 95 % interval is a *cluster* bootstrap over proposals (Field & Welsh 2007):
each replicate draws the proposals with replacement (multinomial multiplicities, seeded) and
takes the issue-weighted mean error of the drawn proposals; the interval is the 2.5 and 97.5
percentiles of the replicates. The paired difference against the baseline model uses the same
replicates: ``MAE_m − MAE_base`` per replicate, so the shared issue difficulty cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.issuetable.table import Issue, IssueTable

__all__ = ["Forecasts", "Model", "ModelScore", "error_rows", "per_issue", "run_models", "score"]

FloatArray = npt.NDArray[np.float64]
#: A model maps the issues of one group (proposal) to one forecast per issue.
Model = Callable[[Sequence[Issue]], FloatArray]


def per_issue(function: Callable[[Issue], float]) -> Model:
    """A group model from a model of one issue."""

    def model(issues: Sequence[Issue]) -> FloatArray:
        return np.array([function(i) for i in issues], dtype=np.float64)

    return model


@dataclass(frozen=True)
class Forecasts:
    """Every model's forecast of every scored issue: ``values[m, k]`` for model ``names[m]``."""

    names: tuple[str, ...]
    issue_ids: tuple[str, ...]
    groups: tuple[str, ...]
    outcome: FloatArray
    values: FloatArray

    @property
    def errors(self) -> FloatArray:
        result: FloatArray = np.abs(self.values - self.outcome[None, :])
        return result


@dataclass(frozen=True)
class ModelScore:
    """One model's record: MAE with its interval, the paired difference against the baseline
    with its interval, and the shares of issues forecast within 5 and 10 points."""

    name: str
    mae: float
    mae_low: float
    mae_high: float
    diff: float
    diff_low: float
    diff_high: float
    within5: float
    within10: float
    n_issues: int


def run_models(
    table: IssueTable,
    models: Mapping[str, Model],
    progress: Callable[[str], None] | None = None,
) -> Forecasts:
    """Forecast every scored issue of ``table`` with every model (group by group)."""
    scored = table.scored()
    groups = scored.groups
    by_group = {g: [i for i in scored.issues if i.group == g] for g in groups}
    ordered = [i for g in groups for i in by_group[g]]
    rows = []
    for name, model in models.items():
        rows.append(np.concatenate([model(by_group[g]) for g in groups]) if groups else np.zeros(0))
        if progress is not None:
            progress(name)
    return Forecasts(
        tuple(models),
        tuple(i.issue_id for i in ordered),
        tuple(i.group for i in ordered),
        np.array([i.outcome for i in ordered], dtype=np.float64),
        np.array(rows, dtype=np.float64).reshape(len(models), len(ordered)),
    )


def _replicates(forecasts: Forecasts, bootstrap: int, seed: int) -> FloatArray:
    """MAE of every model in every replicate: shape (models, replicates)."""
    names, index = np.unique(np.array(forecasts.groups), return_inverse=True)
    G = names.size
    sums = np.zeros((len(forecasts.names), G))
    np.add.at(sums.T, index, forecasts.errors.T)
    counts = np.bincount(index, minlength=G).astype(np.float64)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(G, np.full(G, 1.0 / G), size=bootstrap).astype(np.float64)
    result: FloatArray = (sums @ draws.T) / (draws @ counts)[None, :]
    return result


def score(
    forecasts: Forecasts, baseline: str = "compromise", bootstrap: int = 1000, seed: int = 0
) -> list[ModelScore]:
    """Every model's :class:`ModelScore`, in the order of ``forecasts.names``.

    Raises
    ------
    ValueError
        When ``baseline`` is not one of the models, or there is no scored issue.
    """
    if baseline not in forecasts.names:
        raise ValueError(f"baseline {baseline!r} is not among the models")
    if forecasts.outcome.size == 0:
        raise ValueError("no scored issue")
    errors = forecasts.errors
    reps = _replicates(forecasts, max(bootstrap, 1), seed)
    base = forecasts.names.index(baseline)
    diffs = reps - reps[base][None, :]
    mae = errors.mean(axis=1)
    lo, hi = np.percentile(reps, [2.5, 97.5], axis=1)
    dlo, dhi = np.percentile(diffs, [2.5, 97.5], axis=1)
    return [
        ModelScore(
            name,
            float(mae[m]),
            float(lo[m]),
            float(hi[m]),
            float(mae[m] - mae[base]),
            float(dlo[m]),
            float(dhi[m]),
            float((errors[m] <= 5.0).mean()),
            float((errors[m] <= 10.0).mean()),
            int(errors.shape[1]),
        )
        for m, name in enumerate(forecasts.names)
    ]


def error_rows(forecasts: Forecasts) -> Iterable[tuple[str, str, str, float, float, float]]:
    """Per-issue rows ``(model, issue, group, outcome, forecast, error)`` for CSV or DuckDB."""
    errors = forecasts.errors
    for m, name in enumerate(forecasts.names):
        for k, issue in enumerate(forecasts.issue_ids):
            yield (
                name,
                issue,
                forecasts.groups[k],
                float(forecasts.outcome[k]),
                float(forecasts.values[m, k]),
                float(errors[m, k]),
            )
