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

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from detente.engines.simulation.compare import variants
from detente.engines.simulation.protocols import END_CODES, BatchResult, SimulationConfig
from detente.engines.simulation.quality import deal_quality, stored_outcomes
from detente.engines.simulation.summary import SweepRuns, SweepSummary, summarise, summary_of
from detente.engines.simulation.sweep import (
    SweepJob,
    job_domain,
    multi_results,
    plan_batches,
    run_sweeps,
    sweep_record,
)
from detente.model.scenario import Scenario
from detente.notebook import Notebook

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
class Comparison(Notebook):
    """The agreement under each signal, mediation and bridge, ``runs`` runs each."""

    kind: ClassVar[str] = "compare"

    scenario: str
    runs: int
    seed: int
    arms: tuple[Arm, ...]

    def to_json(self) -> dict[str, Any]:
        """``{"scenario", "runs", "seed", "arms": [{"variant", ...summary...}]}``."""
        arms = [arm.to_json() for arm in self.arms]
        return {"scenario": self.scenario, "runs": self.runs, "seed": self.seed, "arms": arms}


def _executor(where: Executor) -> str:
    return "inline" if where.workers == 1 and where.executor != "dask" else where.executor


def _in_memory(jobs: list[SweepJob], runs: int, where: Executor) -> list[SweepSummary]:
    """Runs ``0 .. runs - 1`` of every job, batch by batch across the jobs (the arms of a
    comparison share each batch's utilities and rankings where their numbers agree)."""
    tasks = [
        [(k, ids) for k in range(len(jobs))] for ids in plan_batches(list(range(runs)), where.batch)
    ]
    per_job: list[list[BatchResult]] = [[] for _ in jobs]
    for results in multi_results(jobs, tasks, _executor(where), where.workers, where.scheduler):
        for k, result in results:
            per_job[k].append(result)
            if where.progress is not None:
                where.progress(int(result.runs.shape[0]))
    return [_summary(job, runs, results) for job, results in zip(jobs, per_job, strict=True)]


def _summary(job: SweepJob, runs: int, results: list[BatchResult]) -> SweepSummary:
    """The summary of one job's batch results (in any order), with its deals' quality."""
    results = sorted(results, key=lambda r: int(r.runs[0]) if r.runs.size else -1)
    domain = job_domain(job)
    record = sweep_record(job, runs, domain)

    def joined(name: str) -> Any:
        return np.concatenate([getattr(r, name) for r in results])

    agreement, outcome = joined("agreement").astype(bool), joined("outcome")
    space = domain.compiled.space
    quality = deal_quality(domain.compiled, np.where(agreement, outcome, -1))
    summary = summary_of(
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
    return dataclasses.replace(summary, quality=quality)


def simulate_runs(job: SweepJob, runs: int, where: Executor | None = None) -> SweepSummary:
    """The summary of runs ``0 .. runs - 1`` of ``job`` (in memory, or through the store)."""
    return _run_jobs([job], runs, where or Executor())[0]


def _run_jobs(jobs: list[SweepJob], runs: int, where: Executor) -> list[SweepSummary]:
    """Each job's summary, its runs made together with the others' (in memory, or through the
    store, :func:`~detente.engines.simulation.sweep.run_sweeps`)."""
    if where.db is None:
        return _in_memory(jobs, runs, where)
    from detente.engines.simulation.store import connect

    keys = run_sweeps(
        jobs, runs, where.db,
        executor=where.executor, workers=where.workers, scheduler=where.scheduler,
        batch=where.batch, progress=where.progress,
    )  # fmt: skip
    con = connect(where.db)
    try:
        summaries = [(summarise(con, key), stored_outcomes(con, key)) for key in keys]
    finally:
        con.close()
    return [
        dataclasses.replace(summary, quality=deal_quality(job_domain(job).compiled, outcomes))
        for job, (summary, outcomes) in zip(jobs, summaries, strict=True)
    ]


def compare_runs(
    scenario: Scenario,
    config: SimulationConfig,
    seed: int,
    runs: int,
    where: Callable[[str, int], Executor] | Executor | None = None,
) -> Comparison:
    """Every arm of :func:`~.compare.variants`, ``runs`` runs each with the same ``seed``, the
    arms run together batch by batch (the same results as one arm at a time).

    ``where`` may be a function of a label and a total number of runs (for a progress bar).
    """
    arms = variants(scenario, config)
    jobs = [SweepJob(v.scenario, seed, v.config) for v in arms]
    label = f"comparing {len(arms)} variants"
    chosen = where(label, runs * len(jobs)) if callable(where) else where or Executor()
    summaries = _run_jobs(jobs, runs, chosen)
    pairs = zip(arms, summaries, strict=True)
    return Comparison(scenario.metadata.id, runs, seed, tuple(Arm(v.label, s) for v, s in pairs))
