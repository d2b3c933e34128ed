"""Real processes: a killed sweep leaves no worker; special inputs never block or grow.

These run the installed command line in subprocesses (with timeouts and, for the input tests,
an address-space limit set in the child with ``resource.setrlimit``), because the failures
they guard against (orphaned pool workers, a read that never returns) only exist there.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")
pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from detente.presentation.cli.app import main; main()"]
LIMIT = 3 * 1024**3


def _env() -> dict[str, str]:
    path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "OPENBLAS_NUM_THREADS": "1"}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _workers(parent: psutil.Process, timeout: float) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = parent.children(recursive=True)
        if len(children) >= 2:
            return list(children)
        time.sleep(0.2)
    return list(parent.children(recursive=True))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process semantics")
def test_killing_a_sweep_leaves_no_worker(tmp_path: Path) -> None:
    args = ["simulate", "hanoi-2019", "--runs", "2000000", "--workers", "2", "--batch", "64"]
    process = subprocess.Popen(
        [*CLI, *args, "--db", str(tmp_path / "sweep.duckdb")],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        workers = _workers(psutil.Process(process.pid), timeout=120)
        assert len(workers) >= 2, "the sweep never started its workers"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, [p.pid for p in alive]
        assert len(gone) == len(workers)
    finally:
        if process.poll() is None:
            process.kill()
        for child in psutil.Process().children(recursive=True):
            if child.pid != os.getpid():
                child.kill()


def _run(args: list[str], stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=_env(), stdin=stdin, capture_output=True, text=True,
        timeout=120, preexec_fn=_limit_memory, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("command", [["validate"], ["show"], ["extract"], ["analyze"]])
def test_a_fifo_without_writer_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = _run([*command, str(fifo)])
    assert done.returncode == 1
    assert "named pipe" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [["extract", "-"], ["evidence", "add", "-", "--db", "DB"]])
def test_endless_stdin_is_cut_at_the_limit(tmp_path: Path, command: list[str]) -> None:
    args = [str(tmp_path / "e.duckdb") if a == "DB" else a for a in command]
    with open("/dev/zero", "rb") as zero:
        done = _run(args, stdin=zero)
    assert done.returncode == 1
    assert "more than 33,554,432 bytes" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
