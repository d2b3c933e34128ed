"""What-if server time on hanoi-2019 (target: within 200 ms), measured through the API.

Runs the ``POST /api/scenarios/hanoi-2019/whatif`` endpoint in-process (FastAPI's test client)
for a sweep of DPRK no-deal values and red-line settings, and prints the server time the
endpoint reports (``elapsed_ms``: apply overrides, compile, utility space, analysis) and the
wall time of the whole request (with JSON encoding and the figure), as median and maximum.
The reference it compares with is the full analysis (``analyze``) of the same scenario, which
a what-if would otherwise have to run.

    .venv/bin/python bench/whatif.py
"""

from __future__ import annotations

import statistics
import time

from fastapi.testclient import TestClient

from detente import resolve_scenario
from detente.presentation.views import engines
from detente.presentation.web import create_app

PATH = "/api/scenarios/hanoi-2019/whatif"
LINE = "usa:no_relief_before_complete_denuclearization"


def main() -> None:
    client = TestClient(create_app(), base_url="http://127.0.0.1")
    client.get("/api/scenarios/hanoi-2019")  # build and cache the base document
    bodies = [{"parameters": {"preferences.dprk.reservation": r / 100}} for r in range(30, 62, 2)]
    bodies += [{"red_lines": {LINE: False}}, {"red_lines": {LINE: True}}]
    bodies += [{"parameters": {"preferences.usa.weights.testing": w / 10}} for w in range(1, 6)]
    server, wall = [], []
    for _ in range(3):
        for body in bodies:
            start = time.perf_counter()
            response = client.post(PATH, json=body)
            wall.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.text
            server.append(response.json()["elapsed_ms"])
    scenario = resolve_scenario("hanoi-2019")
    start = time.perf_counter()
    engines.analysis_section(scenario, samples=0, seed=0)
    full = (time.perf_counter() - start) * 1000
    med = statistics.median(server)
    print(f"what-if requests: {len(server)}")
    print(f"server time  median {med:7.1f} ms   max {max(server):7.1f} ms   (target 200 ms)")
    print(f"request wall median {statistics.median(wall):7.1f} ms   max {max(wall):7.1f} ms")
    print(f"full analyze (reference) {full:7.1f} ms;  ratio what-if / analyze = {med / full:.2f}")


if __name__ == "__main__":
    main()
