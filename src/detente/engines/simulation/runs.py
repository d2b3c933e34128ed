"""Simulate and compare: a sweep's summary in this process or through the DuckDB store.

:func:`simulate_runs` runs ``runs`` negotiations of a :class:`~.sweep.SweepJob` and returns its
:class:`~.summary.SweepSummary`. Without a database the runs stay in memory (batches on the
chosen executor, gathered in run order); with one they stream into the store (resumable, see
:func:`~.sweep.run_sweep`) and the summary is read back from it. Run ``i`` depends only on
``(seed, i)``, so both ways give the same summary, the same JSON document, for any executor,
worker count or batch size.

:func:`compare_runs` does this for every arm of :func:`~.compare.variants` (postures, each
event, all events, mediation, each bridge) with the same seed, so the arms share their
sampled parameters run by run; the result is a :class:`Comparison`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from detente.engines.simulation.compare import variants
from detente.engines.simulation.protocols import END_CODES, BatchResult, SimulationConfig
from detente.engines.simulation.summary import SweepRuns, SweepSummary, summarise, summary_of
from detente.engines.simulation.sweep import (
    SweepJob,
    batch_results,
    job_domain,
    plan_batches,
    run_sweep,
    sweep_record,
)
from detente.model.scenario import Scenario

__all__ = ["Arm", "Comparison", "Executor", "compare_runs", "simulate_runs"]


@dataclass(frozen=True)
class Executor:
    """Where the runs go: ``db`` (None: memory), ``executor`` (``inline``, ``processes``,
    ``dask``), ``workers``, ``scheduler`` (Dask), ``batch`` (runs per task), ``progress``
    (called with the number of runs just finished)."""

    db: str | Path | None = None
    executor: str = "inline"
    workers: int = 1
    scheduler: Any = None
    batch: int = 256
    progress: Callable[[int], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Arm:
    """One arm of a comparison: its label and its sweep's summary."""

    label: str
    summary: SweepSummary

    def to_json(self) -> dict[str, Any]:
        """The summary's document with the arm's ``variant`` label first."""
        return {"variant": self.label, **self.summary.to_json()}


@dataclass(frozen=True)
class Comparison:
    """The agreement under each signal, mediation and bridge, ``runs`` runs each."""

    scenario: str
    runs: int
    seed: int
    arms: tuple[Arm, ...]

    def to_json(self) -> dict[str, Any]:
        """``{"scenario", "runs", "seed", "arms": [{"variant", ...summary...}]}``."""
        arms = [arm.to_json() for arm in self.arms]
        return {"scenario": self.scenario, "runs": self.runs, "seed": self.seed, "arms": arms}


def _in_memory(job: SweepJob, runs: int, where: Executor) -> SweepSummary:
    batches = plan_batches(list(range(runs)), where.batch)
    results: list[BatchResult] = []
    executor = "inline" if where.workers == 1 and where.executor != "dask" else where.executor
    for result in batch_results(job, batches, executor, where.workers, where.scheduler):
        results.append(result)
        if where.progress is not None:
            where.progress(int(result.runs.shape[0]))
    results.sort(key=lambda r: int(r.runs[0]) if r.runs.size else -1)
    domain = job_domain(job)
    record = sweep_record(job, runs, domain)

    def joined(name: str) -> Any:
        return np.concatenate([getattr(r, name) for r in results])

    agreement, outcome = joined("agreement").astype(bool), joined("outcome")
    space = domain.compiled.space
    return summary_of(
        SweepRuns(
            sweep_id=job.id,
            scenario=record["scenario"],
            seed=job.seed,
            protocol=record["protocol"],
            strategies=record["strategies"],
            parties=tuple(record["parties"]),
            runs=runs,
            deals=tuple(outcome[agreement].tolist()),
            name=lambda key: space.named([int(str(key))])[0],
            rounds=joined("rounds")[agreement].astype(np.float64),
            utilities=joined("utilities")[agreement].astype(np.float64),
            ends=tuple(END_CODES[int(e)] for e in joined("end")),
        )
    )


def simulate_runs(job: SweepJob, runs: int, where: Executor | None = None) -> SweepSummary:
    """The summary of runs ``0 .. runs - 1`` of ``job`` (in memory, or through the store)."""
    chosen = where or Executor()
    if chosen.db is None:
        return _in_memory(job, runs, chosen)
    from detente.engines.simulation.store import connect

    key = run_sweep(
        job, runs, chosen.db,
        executor=chosen.executor, workers=chosen.workers, scheduler=chosen.scheduler,
        batch=chosen.batch, progress=chosen.progress,
    )  # fmt: skip
    con = connect(chosen.db)
    try:
        return summarise(con, key)
    finally:
        con.close()


def compare_runs(
    scenario: Scenario,
    config: SimulationConfig,
    seed: int,
    runs: int,
    where: Callable[[str], Executor] | Executor | None = None,
) -> Comparison:
    """Every arm of :func:`~.compare.variants`, ``runs`` runs each with the same ``seed``.

    ``where`` may be a function of the arm's label (to give each arm its own progress bar).
    """
    arms = []
    for variant in variants(scenario, config):
        chosen = where(variant.label) if callable(where) else where
        job = SweepJob(variant.scenario, seed, variant.config)
        arms.append(Arm(variant.label, simulate_runs(job, runs, chosen)))
    return Comparison(scenario.metadata.id, runs, seed, tuple(arms))
