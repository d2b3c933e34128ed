"""Browser tests: Playwright driving Debian's chromium against the app served by uvicorn.

Skipped (with the reason) only when chromium or Playwright is absent; ``.ci/run`` installs
chromium, so they run in CI. Playwright's own browser download is never used. Screenshots go
to ``artifacts/`` (gitignored).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

from detente.presentation.web import create_app  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HANOI = "hanoi-2019"
RES = "preferences.dprk.reservation"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()


def _post(page: Any, server: str, path: str, body: dict[str, Any]) -> Any:
    response = page.request.post(server + path, data=json.dumps(body),
                                 headers={"content-type": "application/json"})  # fmt: skip
    assert response.ok, response.text()
    return response.json()


def test_lowering_dprk_reservation_opens_a_zopa(page: Any, server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/scenario/{HANOI}")
    # Predicates are functions, not strings: the app's CSP forbids string evaluation.
    page.wait_for_function("() => document.getElementById('zopa-count').textContent !== '…'")
    start = int(page.text_content("#zopa-count"))
    assert start == _post(page, server, f"/api/scenarios/{HANOI}/whatif", {})["zopa"]
    assert page.locator("#figure-space .main-svg").count() > 0  # plotly drew the space
    page.screenshot(path=str(ARTIFACTS / "browser-hanoi-before.png"), full_page=False)
    field = page.locator("#param-preferences-dprk-reservation")
    value = float(field.input_value())
    shown = start
    while shown == 0 and value > 0.2:
        value = round(value - 0.05, 3)
        field.fill(str(value))
        field.dispatch_event("change")
        page.wait_for_function(
            """(v) => {
                const status = document.getElementById('whatif-status');
                return status.dataset.reservation === String(v)
                    && status.textContent.startsWith('Updated');
            }""",
            arg=value,
        )
        shown = int(page.text_content("#zopa-count"))
    assert shown > 0, "no ZOPA appeared while lowering the DPRK's no-deal value"
    expected = _post(page, server, f"/api/scenarios/{HANOI}/whatif", {"parameters": {RES: value}})
    assert shown == expected["zopa"]
    nash = expected["solutions"]["nash"]["outcome"]
    row = page.locator("#solutions-table tr[data-solution='nash']").text_content()
    assert ", ".join(f"{k}: {v}" for k, v in nash.items()) in row
    page.locator("#space").screenshot(path=str(ARTIFACTS / "browser-hanoi-zopa.png"))
    page.screenshot(path=str(ARTIFACTS / "browser-hanoi-whatif.png"), full_page=False)
    assert page.errors == []


def test_broken_upload_shows_error_with_line(page: Any, server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    page.wait_for_selector("#scenario-list a")
    broken = b"metadata:\n  id: broken\n  title: [unclosed\nparties: []\n"
    page.set_input_files(
        "#upload-file", files=[{"name": "broken.yaml", "mimeType": "text/yaml", "buffer": broken}]
    )
    page.click("#upload-button")
    page.wait_for_selector("#upload-errors li")
    text = page.text_content("#upload-errors")
    assert "broken.yaml: line " in text
    body = {"name": "broken.yaml", "text": broken.decode()}
    first = page.request.post(
        server + "/api/scenarios",
        data=json.dumps(body),
        headers={"content-type": "application/json"},
    ).json()["diagnostics"][0]
    assert f"line {first['line']}" in text
    page.screenshot(path=str(ARTIFACTS / "browser-upload-error.png"), full_page=False)
    assert [e for e in page.errors if "422" not in e] == []
