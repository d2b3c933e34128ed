"""The web server under load: 50 concurrent what-if requests on hanoi-2019 (goal: p99 < 1 s).

Starts ``detente serve`` on 127.0.0.1 (a free port) in a subprocess, waits until it answers,
builds the base document once, then fires ``--requests`` what-if requests (each a different
DPRK no-deal value) with at most ``--concurrency`` in flight at once, from one asyncio client
(httpx). It prints the latency percentiles (p50, p90, p99, max), the throughput, the status
codes (200, or 503 + Retry-After when the admission queue is full), and the server's peak
resident memory (``VmHWM`` from /proc). The reference measured in the same run is one request
at a time (concurrency 1): the ratio of p99 under load to the sequential p99 says how much
waiting the concurrency adds.

    .venv/bin/python bench/web_load.py [--requests 500] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
WHATIF = "/api/scenarios/hanoi-2019/whatif"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from detente.presentation.cli.app import main; main()"]
    return subprocess.Popen(
        [*command, "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/scenarios", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _fire(base: str, requests: int, concurrency: int) -> tuple[list[float], Counter[int]]:
    slots = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    codes: Counter[int] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one(k: int) -> None:
            body = {"parameters": {"preferences.dprk.reservation": 0.30 + (k % 30) / 100}}
            async with slots:
                start = time.perf_counter()
                response = await client.post(WHATIF, json=body)
                latencies.append(time.perf_counter() - start)
                codes[response.status_code] += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(k) for k in range(requests)))
        codes[-1] = round(requests / (time.perf_counter() - started))  # throughput, req/s
    return latencies, codes


def _percentiles(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": cuts[49], "p90": cuts[89], "p99": cuts[98], "max": max(latencies)}


def _line(label: str, latencies: list[float], codes: Counter[int]) -> str:
    p = _percentiles(latencies)
    status = ", ".join(f"{k}: {v}" for k, v in sorted(codes.items()) if k >= 0)
    return (
        f"{label:<16} p50 {p['p50'] * 1000:7.1f} ms  p90 {p['p90'] * 1000:7.1f} ms  "
        f"p99 {p['p99'] * 1000:7.1f} ms  max {p['max'] * 1000:7.1f} ms  "
        f"{codes[-1]:4d} req/s  [{status}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    options = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(port)
    try:
        _wait_ready(base)
        httpx.get(f"{base}/api/scenarios/hanoi-2019", timeout=120)  # build the base document
        sequential, seq_codes = asyncio.run(_fire(base, 100, 1))
        loaded, codes = asyncio.run(_fire(base, options.requests, options.concurrency))
        print(_line("sequential", sequential, seq_codes))
        print(_line(f"{options.concurrency} concurrent", loaded, codes))
        ratio = _percentiles(loaded)["p99"] / _percentiles(sequential)["p99"]
        print(f"p99 under load / p99 sequential: {ratio:.1f}x")
        print(f"server peak RSS: {_peak_rss_mb(server.pid):.0f} MB")
        goal = _percentiles(loaded)["p99"] < 1.0
        print(f"goal p99 < 1 s at {options.concurrency} concurrent: {'met' if goal else 'NOT met'}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
