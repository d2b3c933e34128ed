"""Sweeps: identical results across executors, and resume after a real SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from detente import resolve_scenario
from detente.engines.simulation import SimulationConfig
from detente.engines.simulation.sweep import SweepJob, run_sweep
from detente.engines.statistics import wilson_interval

RUNS = 200
COLUMNS = 'run_id, parameters, agreement, outcome, options, round, "end", utilities'


def _rows(db: Path, sweep: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db))
    try:
        query = f"SELECT {COLUMNS} FROM runs WHERE sweep_id = ? ORDER BY run_id"
        return con.execute(query, [sweep]).fetchall()
    finally:
        con.close()


def _job() -> SweepJob:
    return SweepJob(resolve_scenario("hanoi-2019"), 5, SimulationConfig())


def test_same_seed_same_results_on_every_executor(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    job = _job()
    reference = run_sweep(job, RUNS, tmp_path / "inline.duckdb", executor="inline", batch=64)
    expected = _rows(tmp_path / "inline.duckdb", reference)
    assert [r[0] for r in expected] == list(range(RUNS))
    for workers in (1, 2):
        db = tmp_path / f"pool{workers}.duckdb"
        sweep = run_sweep(job, RUNS, db, executor="processes", workers=workers, batch=48)
        assert sweep == reference
        assert _rows(db, sweep) == expected
    with (
        LocalCluster(processes=False, n_workers=2, threads_per_worker=1) as cluster,
        Client(cluster) as client,
    ):
        db = tmp_path / "dask.duckdb"
        assert _rows(db, run_sweep(job, RUNS, db, executor="dask", scheduler=client, batch=37)) == (
            expected
        )


def _command(db: Path, runs: int) -> list[str]:
    code = "from detente.presentation.cli import main; main()"
    return [sys.executable, "-c", code, "simulate", "hanoi-2019", "--runs", str(runs),
            "--seed", "9", "--no-events", "--workers", "1", "--batch", "24", "--db", str(db),
            "--json"]  # fmt: skip


def test_a_killed_sweep_resumes_without_losing_or_repeating_runs(tmp_path: Path) -> None:
    runs = 1200
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        _command(db, runs), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 20_000):
        if process.poll() is not None:
            pytest.fail(f"sweep ended before it could be killed: {process.stderr.read()!r}")
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    con = duckdb.connect(str(db))
    partial = con.execute("SELECT count(*) FROM runs").fetchone()
    con.close()
    assert partial is not None and 0 < partial[0] < runs
    subprocess.run(_command(db, runs), check=True, capture_output=True)
    fresh = tmp_path / "fresh.duckdb"
    job = SweepJob(resolve_scenario("hanoi-2019"), 9, SimulationConfig(events=()))
    run_sweep(job, runs, fresh, executor="inline", batch=100)
    con = duckdb.connect(str(db))
    (sweep,) = con.execute("SELECT id FROM sweeps").fetchone() or ("",)
    ids = [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY run_id").fetchall()]
    con.close()
    assert ids == list(range(runs))
    assert _rows(db, sweep) == _rows(fresh, sweep)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (250, 1000), (1, 3)])
def test_wilson_interval_solves_the_score_equation(k: int, n: int) -> None:
    # The bounds are the roots p of (k/n - p)^2 = z^2 p (1 - p) / n (Wilson 1927).
    z = 1.959963984540054
    phat = k / n
    a, b, c = 1 + z * z / n, -(2 * phat + z * z / n), phat * phat
    roots = sorted(
        ((-b - (b * b - 4 * a * c) ** 0.5) / (2 * a), (-b + (b * b - 4 * a * c) ** 0.5) / (2 * a))
    )
    low, high = wilson_interval(k, n)
    assert low == pytest.approx(max(roots[0], 0.0), abs=1e-12)
    assert high == pytest.approx(min(roots[1], 1.0), abs=1e-12)


def test_arms_run_together_give_each_sweep_its_own_results(tmp_path: Path) -> None:
    """``run_sweeps`` (a comparison's arms, batch by batch, sharing rankings) stores for each
    arm exactly what a sweep of that arm alone stores, on every executor, and resumes."""
    from detente.engines.simulation.compare import variants
    from detente.engines.simulation.sweep import run_sweeps

    arms = variants(resolve_scenario("hanoi-2019"), SimulationConfig())
    jobs = [SweepJob(v.scenario, 3, v.config) for v in arms[:2] + arms[-2:]]
    alone = [run_sweep(job, 150, tmp_path / f"alone{k}.duckdb", executor="inline", batch=40)
             for k, job in enumerate(jobs)]  # fmt: skip
    expected = [_rows(tmp_path / f"alone{k}.duckdb", s) for k, s in enumerate(alone)]
    together = tmp_path / "together.duckdb"
    run_sweeps(jobs[:1], 60, together, executor="inline", batch=40)  # a partial first pass
    ids = run_sweeps(jobs, 150, together, executor="processes", workers=2, batch=40)
    assert ids == alone
    assert [_rows(together, s) for s in ids] == expected


def test_compare_in_memory_equals_each_arm_alone() -> None:
    # The arms run together batch by batch; each arm's summary must be the one it gets alone.
    from detente.engines.simulation.compare import variants
    from detente.engines.simulation.runs import Executor, compare_runs, simulate_runs

    scenario, config = resolve_scenario("hanoi-2019"), SimulationConfig()
    where = Executor(batch=7)
    together = compare_runs(scenario, config, 5, 30, where)
    arms = variants(scenario, config)
    assert [arm.label for arm in together.arms] == [v.label for v in arms]
    for arm, variant in zip(together.arms, arms, strict=True):
        alone = simulate_runs(SweepJob(variant.scenario, 5, variant.config), 30, where)
        assert arm.summary.to_json() == alone.to_json()
