"""Run CLI jobs in this process under a memory limit and a per-job time limit; print JSON.

Used by the hostile-corpus tests as ``python -m tests.hostile.child JOBS.json LIMIT_MB SECONDS``:
each job is a list of command-line arguments, run with typer's ``CliRunner`` (so a traceback
is an exception object, not text to search). The address-space limit is set with
``resource.setrlimit`` before anything is imported, so a run that tries to allocate beyond it
fails with ``MemoryError`` and counts as a traceback. A run over the time limit is stopped by
``SIGALRM`` and counts as a hang. One JSON object per job is printed to standard output.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
import time
import warnings
from typing import Any


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so that the CLI runner does not swallow it."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def _run(runner: Any, app: Any, args: list[str], seconds: int) -> dict[str, Any]:
    start = time.perf_counter()
    signal.alarm(seconds)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = runner.invoke(app, args)
        outcome: dict[str, Any] = {
            "code": result.exit_code,
            "traceback": None
            if result.exception is None or isinstance(result.exception, SystemExit)
            else f"{type(result.exception).__name__}: {str(result.exception)[:300]}",
            "stderr": result.stderr[-600:],
            "stdout": result.stdout[:800] + result.stdout[-400:],
            "warnings": [str(w.message)[:200] for w in caught],
            "hang": False,
        }
    except Hang:
        outcome = {"code": None, "traceback": None, "stderr": "", "stdout": "", "warnings": []}
        outcome["hang"] = True
    finally:
        signal.alarm(0)
    outcome["seconds"] = round(time.perf_counter() - start, 3)
    outcome["args"] = args
    return outcome


def main() -> None:
    jobs_file, limit_mb, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    limit = limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    from typer.testing import CliRunner

    from detente.presentation.cli.app import app

    runner = CliRunner()
    with open(jobs_file, encoding="utf-8") as stream:
        jobs = json.load(stream)
    for args in jobs:
        print(json.dumps(_run(runner, app, args, seconds)), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_rss_mb": round(peak / 1024, 1)}), flush=True)


if __name__ == "__main__":
    main()
