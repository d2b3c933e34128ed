"""The web app's JSON API and pages, through FastAPI's test client."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from detente import resolve_scenario
from detente.model import dump_scenario, with_parameters
from detente.presentation.web import create_app
from tests.reference import utility, zopa

HANOI = "hanoi-2019"
RES = "preferences.dprk.reservation"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _nash_reference(scenario_reservation: float) -> tuple[int, dict[str, str] | None]:
    """ZOPA size and the Nash outcome by brute force (max product of gains over the ZOPA)."""
    scenario = with_parameters(resolve_scenario(HANOI), {RES: scenario_reservation})
    deals = zopa(scenario)
    usa, dprk = scenario.party("usa").preferences, scenario.party("dprk").preferences
    assert usa is not None and dprk is not None

    def product(o: dict[str, str]) -> float:
        gains = (
            utility(scenario, "usa", o) - usa.reservation,
            utility(scenario, "dprk", o) - dprk.reservation,
        )
        return gains[0] * gains[1]

    return len(deals), (max(deals, key=product) if deals else None)


def test_list_and_pages_with_security_headers(client: TestClient) -> None:
    listed = client.get("/api/scenarios").json()["scenarios"]
    assert HANOI in [s["id"] for s in listed]
    for path in ("/", f"/scenario/{HANOI}", "/static/app.js", "/openapi.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get(f"/scenario/{HANOI}").text
    assert "<script>" not in page and "http" not in page.replace("http-equiv", "")


def test_no_cors(client: TestClient) -> None:
    response = client.get("/api/scenarios", headers={"Origin": "https://evil.example"})
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    preflight = client.options(
        "/api/scenarios",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_document_has_every_view(client: TestClient) -> None:
    body = client.get(f"/api/scenarios/{HANOI}").json()
    doc = body["document"]
    for key in ("case", "parties", "issues", "timeline", "space", "analysis", "forecast"):
        assert key in doc
    assert doc["space"]["zopa"] == len(zopa(resolve_scenario(HANOI)))
    assert body["figures"]["space"]["data"]


@pytest.mark.parametrize("reservation", [0.55, 0.45, 0.40])
def test_what_if_matches_brute_force(client: TestClient, reservation: float) -> None:
    body = client.post(
        f"/api/scenarios/{HANOI}/whatif", json={"parameters": {RES: reservation}}
    ).json()
    size, nash = _nash_reference(reservation)
    assert body["zopa"] == size
    assert body["reservations"]["dprk"] == pytest.approx(reservation)
    if body["solutions"] is not None:  # the analysis engine is installed
        assert (body["solutions"].get("nash") or {}).get("outcome") == nash


def test_what_if_drops_a_red_line(client: TestClient) -> None:
    key = "usa:no_relief_before_complete_denuclearization"
    body = client.post(f"/api/scenarios/{HANOI}/whatif", json={"red_lines": {key: False}}).json()
    scenario = resolve_scenario(HANOI)
    data = scenario.model_dump(mode="python")
    data["parties"][0]["preferences"]["red_lines"] = []
    from detente.model.scenario import Scenario

    assert body["zopa"] == len(zopa(Scenario.model_validate(data)))


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"parameters": {"preferences.nobody.reservation": 0.1}}, 422),
        ({"parameters": {"../../etc/passwd": 0.1}}, 422),
        ({"red_lines": {"usa:no_such_line": False}}, 422),
        ({"parameters": {RES: "NaN"}}, 422),
        ({"unexpected": 1}, 422),
    ],
)
def test_what_if_rejects_bad_overrides(client: TestClient, payload: dict, status: int) -> None:  # type: ignore[type-arg]
    assert client.post(f"/api/scenarios/{HANOI}/whatif", json=payload).status_code == status


@pytest.mark.parametrize("sid", ["nope", "..%2F..%2Fetc%2Fpasswd", "hanoi-2019.yaml", "%2Fetc"])
def test_unknown_ids_are_404(client: TestClient, sid: str) -> None:
    assert client.get(f"/api/scenarios/{sid}").status_code in (404, 422)
    assert client.post(f"/api/scenarios/{sid}/whatif", json={}).status_code in (404, 422)


def test_upload_valid_then_use_it(client: TestClient) -> None:
    text = dump_scenario(resolve_scenario(HANOI))
    response = client.post("/api/scenarios", json={"name": "mine.yaml", "text": text})
    assert response.status_code == 201
    sid = response.json()["scenario"]["id"]
    assert sid.startswith("upload-") and sid != HANOI
    assert client.get(f"/api/scenarios/{sid}").status_code == 200


def test_upload_errors_have_lines(client: TestClient) -> None:
    text = "metadata:\n  id: x\n  title: t\n  as_of: 2019-01-01\nparties: 3\nissues: []\n"
    response = client.post("/api/scenarios", json={"name": "bad.yaml", "text": text})
    assert response.status_code == 422
    diagnostics = response.json()["diagnostics"]
    assert any(d["line"] == 5 and d["path"] == "parties" for d in diagnostics)
    broken = client.post("/api/scenarios", json={"text": "a: [1, 2\nb: 3\n"}).json()
    assert broken["diagnostics"][0]["line"] is not None


def test_upload_yaml_is_never_executed(client: TestClient) -> None:
    text = "!!python/object/apply:os.system ['touch /tmp/detente-pwned']\n"
    response = client.post("/api/scenarios", json={"text": text})
    assert response.status_code == 422
    import os

    assert not os.path.exists("/tmp/detente-pwned")


def test_upload_size_limit(client: TestClient) -> None:
    response = client.post(
        "/api/scenarios",
        content=b'{"text": "' + b"x" * 1_100_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


def test_huge_outcome_space_is_a_clear_4xx(client: TestClient) -> None:
    issues = "".join(
        f"  - id: i{k}\n    numeric: {{min: 0, max: 1, steps: 1000}}\n" for k in range(4)
    )
    parties = "".join(
        f"  - id: p{k}\n    name: P{k}\n    role: principal\n"
        f"    preferences: {{weights: {{i0: 1}}, values: {{i0: increasing}}}}\n"
        for k in range(2)
    )
    head = "metadata: {id: big, title: Big, as_of: 2020-01-01}\n"
    text = f"{head}parties:\n{parties}issues:\n{issues}"
    upload = client.post("/api/scenarios", json={"text": text})
    assert upload.status_code == 201, upload.text
    summary = upload.json()["scenario"]
    assert summary["outcomes"] == 10**12 and summary["interactive"] is False
    sid = summary["id"]
    for response in (
        client.get(f"/api/scenarios/{sid}"),
        client.post(f"/api/scenarios/{sid}/whatif", json={}),
    ):
        assert response.status_code == 422
        assert "1,000,000,000,000 outcomes" in response.json()["detail"]
