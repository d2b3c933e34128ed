"""Monte Carlo sweeps: N runs, batched, on an in-process, process-pool or Dask executor.

Run ``i`` depends only on ``(seed, i)`` (see :func:`~detente.engines.simulation.protocols.
run_batch`), so the results are the same whatever the executor, the number of workers or the
batching. Runs are grouped in batches (default 256) that advance in lock-step. Work that
depends only on the domain is done once per sweep in each process: a process-pool worker
receives the job (the scenario, seed and configuration, not arrays) once, in its initializer,
and builds the :class:`~detente.engines.simulation.domain.Domain`; a Dask worker receives the
job once (scattered) and caches its domain by sweep id. A task then carries only run ids.
Batches stream into the DuckDB store as they finish; a rerun of the same sweep (same scenario,
seed and configuration) skips the runs already stored.

Executors: ``inline`` (this process), ``processes`` (:class:`concurrent.futures.
ProcessPoolExecutor`, the default) and ``dask`` (a ``distributed.Client`` on ``scheduler``).
Dask workers: start them without the nanny's default ``MALLOC_TRIM_THRESHOLD_=65536`` (config
``distributed.nanny.pre-spawn-environ``), which makes glibc map and unmap every large NumPy
temporary; batches then run about four times slower (see ``bench/simulation.py``).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detente._version import __version__
from detente.engines.compile import compile_scenario
from detente.engines.simulation import store
from detente.engines.simulation.domain import DEFAULT_CAP, Domain, build_domain
from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.lifeline import die_with_parent
from detente.engines.simulation.protocols import BatchResult, SimulationConfig, run_batch
from detente.model.scenario import Scenario

__all__ = [
    "ENGINE_REVISION",
    "SweepJob",
    "job_domain",
    "multi_results",
    "plan_batches",
    "run_job_batch",
    "run_jobs_batch",
    "run_sweep",
    "run_sweeps",
    "sweep_id",
    "sweep_record",
]

Progress = Callable[[int], None]

#: Bumped when a change of the engine changes run results, so that a sweep stored by an older
#: engine is not resumed with runs of a newer one.
ENGINE_REVISION = 2


@dataclass(frozen=True)
class SweepJob:
    """What fixes a sweep's results: the scenario, the seed and the configuration."""

    scenario: Scenario
    seed: int
    config: SimulationConfig
    cap: int = DEFAULT_CAP

    @functools.cached_property
    def id(self) -> str:
        """:func:`sweep_id`, computed once per job (and shipped with it to workers)."""
        return sweep_id(self)


def sweep_id(job: SweepJob) -> str:
    """A stable id: a hash of the scenario's content, the seed and the configuration."""
    document = {
        "scenario": job.scenario.model_dump(mode="json"),
        "seed": job.seed,
        "config": _config_json(job.config),
        "cap": job.cap,
        "engine": ENGINE_REVISION,
    }
    text = json.dumps(document, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _config_json(config: SimulationConfig) -> dict[str, Any]:
    data = dataclasses.asdict(config)
    data["strategies"] = {party: str(spec) for party, spec in config.strategies}
    data["default"], data["mediator"] = str(config.default), str(config.mediator)
    data.pop("record")
    return data


_DOMAINS: dict[str, Domain] = {}
_INSTALLED: list[SweepJob] = []


_DOMAIN_CACHE = 16  # a comparison's arms at once, no more: do not hoard old domains


def job_domain(job: SweepJob) -> Domain:
    """The job's domain, built once per process and sweep (a cache keyed by the sweep id)."""
    key = job.id
    domain = _DOMAINS.pop(key, None)
    if domain is None:
        domain = build_domain(compile_scenario(job.scenario), job.cap)
    _DOMAINS[key] = domain  # most recently used last
    while len(_DOMAINS) > _DOMAIN_CACHE:
        del _DOMAINS[next(iter(_DOMAINS))]
    return domain


def run_job_batch(job: SweepJob, runs: list[int]) -> BatchResult:
    """Run one batch of a sweep (the unit of work sent to executors; the domain is cached)."""
    return run_batch(job_domain(job), job.config, job.seed, np.asarray(runs, dtype=np.int64))


#: A task of several sweeps: (job position, run ids) pairs for one batch of run ids.
Pairs = list[tuple[int, list[int]]]


def run_jobs_batch(jobs: list[SweepJob], pairs: Pairs) -> list[tuple[int, BatchResult]]:
    """Run one batch for several jobs in turn (the arms of a comparison share the batch's
    utilities and rankings where their numbers agree, see ``protocols._ranked``)."""
    return [(k, run_job_batch(jobs[k], runs)) for k, runs in pairs]


def _install_all(jobs: list[SweepJob], parent: int) -> None:
    """Pool initializer: receive the jobs (the scenarios, not arrays) once and build their
    domains; the worker also ends when the process ``parent`` does
    (:func:`.lifeline.die_with_parent`)."""
    die_with_parent(parent)
    _INSTALLED[:] = jobs
    for job in jobs:
        job_domain(job)


def _run_installed_jobs(pairs: Pairs) -> list[tuple[int, BatchResult]]:
    return run_jobs_batch(_INSTALLED, pairs)


def multi_results(
    jobs: list[SweepJob], tasks: list[Pairs], executor: str, workers: int, scheduler: Any
) -> Iterator[list[tuple[int, BatchResult]]]:
    if executor == "dask":
        from distributed import Client
        from distributed import as_completed as dask_completed

        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
        try:
            shared = client.scatter(jobs, broadcast=True)  # type: ignore[no-untyped-call]
            futures = [client.submit(run_jobs_batch, shared, t, pure=False) for t in tasks]
            for future in dask_completed(futures):  # type: ignore[no-untyped-call]
                yield future.result()
        finally:
            if client is not scheduler:
                client.close()  # type: ignore[no-untyped-call]
    elif executor == "processes" and len(tasks) > 1:
        guard = (jobs, os.getpid())
        with ProcessPoolExecutor(workers, initializer=_install_all, initargs=guard) as pool:
            for future in as_completed([pool.submit(_run_installed_jobs, t) for t in tasks]):
                yield future.result()
    else:
        for task in tasks:
            yield run_jobs_batch(jobs, task)


def run_sweeps(  # noqa: PLR0913 - keyword-only executor options of the public call
    jobs: list[SweepJob],
    runs: int,
    db: str | Path,
    *,
    executor: str = "processes",
    workers: int = 2,
    scheduler: Any = None,
    batch: int = 256,
    progress: Progress | None = None,
) -> list[str]:
    """Run (or resume) ``runs`` runs of each job, batch by batch across the jobs; returns the
    sweep ids. Each sweep's results and store are those :func:`run_sweep` gives it; running
    the jobs together lets a comparison's arms, which share their runs' sampled numbers, rank
    each run's outcomes once (``progress`` counts runs over all jobs)."""
    if executor not in ("inline", "processes", "dask"):
        raise SimulationError(f"unknown executor {executor!r}")
    con = store.connect(db)
    try:
        missing: list[set[int]] = []
        for job in jobs:
            store.record_sweep(con, sweep_record(job, runs, job_domain(job)))
            done = set(store.done_runs(con, job.id))
            missing.append(set(range(runs)) - done)
        if progress is not None and runs * len(jobs) - sum(map(len, missing)):
            progress(runs * len(jobs) - sum(map(len, missing)))
        union = sorted(set().union(*missing))
        tasks = [
            [(k, [r for r in ids if r in missing[k]]) for k in range(len(jobs))]
            for ids in plan_batches(union, batch)
        ]
        tasks = [[(k, ids) for k, ids in task if ids] for task in tasks]
        for results in multi_results(jobs, tasks, executor, workers, scheduler):
            for k, result in results:
                space = job_domain(jobs[k]).compiled.space
                store.write_batch(con, jobs[k].id, space, result)
                if progress is not None:
                    progress(int(result.runs.shape[0]))
    finally:
        con.close()
    return [job.id for job in jobs]


def plan_batches(missing: list[int], batch: int) -> list[list[int]]:
    """Split the sorted missing run ids into batches of at most ``batch`` runs.

    >>> plan_batches([0, 1, 2, 5, 6], 2)
    [[0, 1], [2, 5], [6]]
    """
    return [missing[k : k + batch] for k in range(0, len(missing), batch)]


def run_sweep(  # noqa: PLR0913 - keyword-only executor options of the public call
    job: SweepJob,
    runs: int,
    db: str | Path,
    *,
    executor: str = "processes",
    workers: int = 2,
    scheduler: Any = None,
    batch: int = 256,
    progress: Progress | None = None,
) -> str:
    """Run (or resume) ``runs`` runs of ``job`` into the store ``db``; returns the sweep id.

    ``executor`` is ``inline``, ``processes`` or ``dask`` (``scheduler``: an address such as
    ``tcp://host:8786`` or a ``distributed.Client``).
    """
    return run_sweeps(
        [job], runs, db, executor=executor, workers=workers, scheduler=scheduler, batch=batch,
        progress=progress,
    )[0]  # fmt: skip


def sweep_record(job: SweepJob, runs: int, domain: Domain) -> store.SweepRecord:
    """What the store keeps of a sweep: its id, scenario, seed, settings and parties."""
    config = job.config
    return {
        "id": job.id,
        "scenario": job.scenario.metadata.id,
        "seed": job.seed,
        "runs": runs,
        "protocol": config.protocol,
        "strategies": ", ".join(f"{p}={config.strategy(p)}" for p in domain.principals),
        "config": json.dumps(_config_json(config), sort_keys=True),
        "parties": list(domain.parties),
        "paths": [u.parameter for u in job.scenario.uncertainty] if config.sample else [],
        "version": __version__,
    }
