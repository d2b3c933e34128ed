"""The web app against hostile requests: no input gives a 5xx; limits answer 4xx / 503.

Covers the web part of the hardening issue (#19): NaN / Infinity / huge numbers and lone
surrogates in JSON bodies, an upload with a surrogate (which must not break the list for
everyone), out-of-range what-if values, chunked bodies over the limit, foreign ``Host``
headers (DNS rebinding), the admission gate (503 + Retry-After), an internal error (500 with
the security headers), and the document cache bounded by bytes.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from detente import resolve_scenario
from detente.model import dump_scenario
from detente.presentation.web import create_app
from detente.presentation.web.gate import BusyError, Gate
from detente.presentation.web.registry import Registry
from detente.presentation.web.security import SECURITY_HEADERS

HANOI = "hanoi-2019"
RES = "preferences.dprk.reservation"
WHATIF = f"/api/scenarios/{HANOI}/whatif"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1", raise_server_exceptions=False)


def _raw(client: TestClient, url: str, body: bytes) -> Any:
    return client.post(url, content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    "body",
    [
        b'{"parameters": {"preferences.dprk.reservation": NaN}}',
        b'{"parameters": {"preferences.dprk.reservation": Infinity}}',
        b'{"parameters": {"preferences.dprk.reservation": -Infinity}}',
        b'{"parameters": {"preferences.dprk.reservation": 1e999}}',
        b'{"parameters": {"preferences.dprk.reservation": 1' + b"0" * 5000 + b"}}",
        b'{"parameters": {"\\ud800": 0.5}}',
        b'{"red_lines": {"\\udfff": false}}',
        b'{"parameters": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"parameters": {"preferences.dprk.reservation": "\\ud800"}}',
        b"\xff\xfe garbage",
    ],
)
def test_hostile_json_is_4xx_never_5xx(client: TestClient, body: bytes) -> None:
    response = _raw(client, WHATIF, body)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("value", [1.5, -0.1, 1e6])
def test_out_of_range_what_if_is_422(client: TestClient, value: float) -> None:
    response = client.post(WHATIF, json={"parameters": {RES: value}})
    assert response.status_code == 422
    assert "outside its range [0, 1]" in response.json()["detail"]


def test_surrogate_upload_is_refused_and_the_list_still_works(client: TestClient) -> None:
    # A surrogate as a YAML escape inside the text, and as a JSON escape in the name.
    text = dump_scenario(resolve_scenario(HANOI)).replace("title:", 'title: "\\ud800 x" #', 1)
    yaml_escape = client.post("/api/scenarios", json={"name": "evil.yaml", "text": text})
    assert yaml_escape.status_code == 422
    assert "lone surrogate U+D800" in yaml_escape.json()["diagnostics"][0]["message"]
    body = b'{"name": "\\ud800.yaml", "text": %s}' % json.dumps(text).encode()
    json_escape = _raw(client, "/api/scenarios", body)
    assert json_escape.status_code == 422
    listing = client.get("/api/scenarios")
    assert listing.status_code == 200 and listing.json()["scenarios"]


def _chunks(size: int) -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(size // 65536):
        yield b"x" * 65536
    yield b'"}'


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post(
        "/api/scenarios", content=_chunks(2_000_000), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    csp = "content-security-policy"
    assert response.headers[csp] == SECURITY_HEADERS[csp]


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "attacker:8000"])
def test_foreign_host_is_refused(host: str) -> None:
    client = TestClient(create_app(), base_url=f"http://{host}")
    assert client.get("/api/scenarios").status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000"])
def test_loopback_hosts_are_served(host: str) -> None:
    client = TestClient(create_app())
    assert client.get("/api/scenarios", headers={"host": host}).status_code == 200


def test_bound_host_is_served() -> None:
    client = TestClient(create_app(hosts=["10.1.2.3"]), base_url="http://10.1.2.3")
    assert client.get("/api/scenarios").status_code == 200


def test_gate_answers_busy_beyond_its_queue() -> None:
    gate = Gate(workers=1, queue=1, retry_after=3)
    release = threading.Event()

    async def scenario() -> list[Any]:
        slow = [asyncio.ensure_future(gate.run(release.wait)) for _ in range(2)]
        await asyncio.sleep(0.05)
        with pytest.raises(BusyError) as busy:
            await gate.run(lambda: None)
        assert busy.value.retry_after == 3
        release.set()
        return list(await asyncio.gather(*slow))

    assert asyncio.run(scenario()) == [True, True]
    assert gate.waiting == 0


def test_busy_server_says_503_with_retry_after() -> None:
    gate = Gate(workers=1, queue=0)
    gate._waiting = 1  # one heavy request holds the only token
    client = TestClient(create_app(gate=gate), base_url="http://127.0.0.1")
    response = client.post(WHATIF, json={"parameters": {RES: 0.4}})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    for command in ("analyze", "simulate", "phase", "forecast"):  # the heavy commands too
        assert client.get(f"/api/scenarios/hanoi-2019/{command}").status_code == 503
    assert client.get("/api/scenarios").status_code == 200  # light requests still answered
    assert client.get("/api/scenarios/hanoi-2019/show").status_code == 200


def test_internal_error_is_500_with_security_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("detente.presentation.web.app.what_if", broken)
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    response = client.post(WHATIF, json={"parameters": {RES: 0.4}})
    assert response.status_code == 500
    assert "boom" not in response.text
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_cache_is_bounded_by_bytes() -> None:
    registry = Registry(max_cache_bytes=1000)
    registry.store("a", {"x": "a" * 400})
    registry.store("b", {"x": "b" * 400})
    assert registry.cached("a") is not None  # a is now the most recently used
    registry.store("c", {"x": "c" * 400})
    assert registry.cached("b") is None and registry.cached("a") and registry.cached("c")
    assert registry.cache_bytes <= 1000
    registry.store("huge", {"x": "h" * 5000})
    assert registry.cached("huge") is None and registry.cache_bytes <= 1000


def test_serve_closes_slow_connections_and_trusts_its_host(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from detente.presentation.cli.app import app

    seen: dict[str, Any] = {}

    def fake_run(asgi: Any, **options: Any) -> None:
        seen.update(options, app=asgi)

    monkeypatch.setattr("uvicorn.run", fake_run)
    # The address is not this machine's: skip the busy-port probe, which would refuse it.
    monkeypatch.setattr("detente.presentation.cli.serve._check_port", lambda host, port: None)
    result = CliRunner().invoke(app, ["serve", "--host", "10.9.8.7", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["timeout_keep_alive"] <= 10 and seen["limit_concurrency"] >= 50
    assert seen["h11_max_incomplete_event_size"] <= 1 << 20
    client = TestClient(seen["app"], base_url="http://10.9.8.7:8123")
    assert client.get("/api/scenarios").status_code == 200
    foreign = TestClient(seen["app"], base_url="http://rebound.example")
    assert foreign.get("/api/scenarios").status_code == 400
