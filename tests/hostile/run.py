"""Run jobs through :mod:`tests.hostile.child` in a memory-limited child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["LIMIT_MB", "run_jobs"]

#: Address-space limit of the child (numpy, DuckDB and pydantic take ~1 GB of it at import).
LIMIT_MB = 3072
ROOT = Path(__file__).resolve().parents[2]


def run_jobs(jobs: list[list[str]], folder: Path, seconds: int = 60) -> list[dict[str, Any]]:
    """One result per job (see the child), plus ``{"peak_rss_mb": ...}`` last."""
    jobs_file = folder / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "tests.hostile.child", str(jobs_file), str(LIMIT_MB)]
    done = subprocess.run(
        [*command, str(seconds)],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=seconds * len(jobs) + 120,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines and "peak_rss_mb" in lines[-1], done.stderr[-3000:]
    return lines
