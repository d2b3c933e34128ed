"""The FastAPI application: pages, static files and the JSON API they use.

Pages (``/`` and ``/scenario/{id}``) are static HTML shells; ``static/app.js`` fetches the JSON
API and draws with plotly.js, which the app serves itself (``/static/plotly.min.js``, from the
plotly Python package): no CDN, no inline script, no build step. API:

- ``GET /api/scenarios``: the known scenarios;
- ``GET /api/scenarios/{id}``: the document and figures (the report's views), cached;
- ``POST /api/scenarios/{id}/whatif``: re-analysis with changed parameters / red lines;
- ``POST /api/scenarios``: upload YAML text; 422 with located diagnostics when it is invalid;
- ``GET /api/scenarios/{id}/{command}`` (analyze, forecast, simulate, phase, timeline, show):
  the envelope ``detente COMMAND --json`` prints (:mod:`.commands`);
- ``GET /openapi.json``: this API's OpenAPI document.

Limits: request bodies over ``max_body`` bytes get 413 (chunked ones too); outcome spaces over
:data:`~detente.presentation.views.MAX_INTERACTIVE_OUTCOMES` get 422 before enumeration; heavy
requests (documents, what-if, uploads) run off the event loop, two at once, with a bounded
queue beyond which they get 503 and ``Retry-After`` (:mod:`.gate`); the document cache is
bounded by bytes (:mod:`.registry`); only the loopback names (or the bound host) are accepted
as ``Host``; a request that fails validation gets 422 whatever it holds (NaN, surrogates).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from detente.engines.limits import space_size
from detente.model.loading import ScenarioError, load_scenario_text
from detente.model.scenario import Scenario
from detente.presentation.views import MAX_INTERACTIVE_OUTCOMES, SpaceTooLargeError, build_document
from detente.presentation.views.figures import build_figures, space_figure
from detente.presentation.views.whatif import WhatIfError, what_if
from detente.presentation.web.commands import add_commands
from detente.presentation.web.gate import BusyError, Gate
from detente.presentation.web.registry import Entry, Registry
from detente.presentation.web.schemas import (
    DocumentOut,
    ScenarioList,
    ScenarioSummary,
    Sid,
    UploadErrors,
    UploadIn,
    UploadOut,
    WhatIfIn,
    WhatIfOut,
)
from detente.presentation.web.security import SecurityMiddleware

__all__ = ["LOOPBACK_HOSTS", "WEB_RUNS", "WEB_SAMPLES", "create_app"]

#: Parameter samples and simulation runs of the web views (smaller than the report's).
WEB_SAMPLES = 50
WEB_RUNS = 50
MAX_BODY = 1_048_576


def _static(name: str) -> str:
    return resources.files("detente.presentation.web").joinpath("static", name).read_text("utf-8")


@cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def _summary(entry: Entry) -> ScenarioSummary:
    meta = entry.scenario.metadata
    size = space_size(entry.scenario)
    return ScenarioSummary(
        id=entry.id,
        title=meta.title,
        as_of=meta.as_of.isoformat(),
        origin=entry.origin,
        outcomes=size,
        interactive=size <= MAX_INTERACTIVE_OUTCOMES,
    )


def _entry(registry: Registry, sid: str) -> Entry:
    entry = registry.get(sid)
    if entry is None:
        raise HTTPException(404, f"no scenario with id {sid!r}")
    return entry


def _document(registry: Registry, entry: Entry) -> dict[str, Any]:
    cached = registry.cached(entry.id)
    if cached is not None:
        return dict(cached)
    try:
        document = build_document(entry.scenario, samples=WEB_SAMPLES, seed=0, runs=WEB_RUNS)
    except SpaceTooLargeError as error:
        raise HTTPException(422, str(error)) from None
    result = {"document": document, "figures": build_figures(document)}
    registry.store(entry.id, result)
    return result


def _pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(_static("index.html"))

    @app.get("/scenario/{sid}", response_class=HTMLResponse, include_in_schema=False)
    def scenario_page(sid: Sid) -> HTMLResponse:
        return HTMLResponse(_static("scenario.html"))

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return Response(_plotly_js(), media_type="text/javascript")

    directory = str(resources.files("detente.presentation.web").joinpath("static"))
    app.mount("/static", StaticFiles(directory=directory), name="static")


_BUSY: dict[int | str, dict[str, Any]] = {503: {"description": "busy: retry after a while"}}
# OpenAPI links: an uploaded scenario's id feeds its document and its what-if.
_UPLOAD_LINKS = {
    name: {"operationId": operation, "parameters": {"sid": "$response.body#/scenario/id"}}
    for name, operation in (("Document", "document"), ("WhatIf", "whatif"))
}


def _api(app: FastAPI, registry: Registry, gate: Gate) -> None:
    @app.get("/api/scenarios", response_model=ScenarioList)
    def list_scenarios() -> ScenarioList:
        """Every scenario the server knows."""
        summaries = [_summary(e) for e in registry.entries()]
        return ScenarioList(scenarios=summaries, max_outcomes=MAX_INTERACTIVE_OUTCOMES)

    @app.get("/api/scenarios/{sid}", response_model=DocumentOut, operation_id="document",
             responses={404: {}, 422: {}, **_BUSY})  # fmt: skip
    async def scenario_document(sid: Sid) -> dict[str, Any]:
        """The report's views of one scenario, and its figures."""
        entry = _entry(registry, sid)
        cached = registry.cached(entry.id)
        if cached is not None:
            return dict(cached)
        return await gate.run(lambda: _document(registry, entry))

    @app.post("/api/scenarios/{sid}/whatif", response_model=WhatIfOut, operation_id="whatif",
              responses={404: {}, 422: {}, **_BUSY})  # fmt: skip
    async def scenario_what_if(sid: Sid, body: WhatIfIn) -> WhatIfOut:
        """Re-analyse the scenario with changed parameters and red lines."""
        entry = _entry(registry, sid)
        return await gate.run(lambda: _what_if(registry, entry, body))

    @app.post("/api/scenarios", response_model=UploadOut, status_code=201, operation_id="upload",
              responses={201: {"links": _UPLOAD_LINKS}, 413: {},
                         422: {"model": UploadErrors}, **_BUSY})  # fmt: skip
    async def upload(body: UploadIn) -> Any:
        """Validate scenario YAML text and keep it (in memory) under a new id."""
        return await gate.run(lambda: _upload(registry, body))


def _upload(registry: Registry, body: UploadIn) -> Any:
    try:
        scenario = load_scenario_text(body.text, body.name)
    except ScenarioError as error:
        return _invalid(error)
    return UploadOut(scenario=_summary(registry.add_upload(scenario)))


def _safe(value: Any) -> Any:
    """JSON-safe: lone surrogates escaped, non-finite and other values as text."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bool | int) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return _safe(repr(value))


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    """422 for a request that fails validation; the input is not echoed (it may be NaN)."""
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    detail = [
        {"loc": [_safe(part) for part in item.get("loc", ())], "msg": _safe(item.get("msg", "")),
         "type": _safe(item.get("type", ""))}
        for item in errors
    ]  # fmt: skip
    return JSONResponse({"detail": detail}, status_code=422)


async def _busy(request: Request, error: Exception) -> JSONResponse:
    retry = str(error.retry_after if isinstance(error, BusyError) else 2)
    return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": retry})


def _invalid(error: ScenarioError) -> JSONResponse:
    problems = [
        {"line": d.line, "column": d.column, "path": d.path, "message": d.message,
         "severity": d.severity}
        for d in error.diagnostics
    ]  # fmt: skip
    count = len(problems)
    detail = f"the scenario has {count} problem{'s' if count != 1 else ''}"
    return JSONResponse({"detail": detail, "diagnostics": problems}, status_code=422)


def _what_if(registry: Registry, entry: Entry, body: WhatIfIn) -> WhatIfOut:
    scenario: Scenario = entry.scenario
    try:
        result = what_if(scenario, body.parameters, body.red_lines)
    except SpaceTooLargeError as error:
        raise HTTPException(422, str(error)) from None
    except WhatIfError as error:
        raise HTTPException(422, str(error)) from None
    except (ValueError, ArithmeticError) as error:
        raise HTTPException(422, f"the changed scenario cannot be analysed: {error}") from None
    space = result["space"]
    figure = None
    if space.get("available"):
        base = _document(registry, entry)["document"]["space"]
        same = base.get("cloud", {}).get("index") == space["cloud"]["index"]
        figure = space_figure(space, base["cloud"].get("text") if same else None)
    return WhatIfOut(
        zopa=result["zopa"],
        reservations=result["reservations"],
        solutions=space.get("solutions"),
        analysis=result["analysis"],
        figure=figure,
        elapsed_ms=result["elapsed_ms"],
    )


#: Host names a server accepts by default (its loopback names): a page on another site that
#: points its own name at 127.0.0.1 (DNS rebinding) sends its own Host, which is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def create_app(
    files: list[Scenario] | None = None,
    hosts: Sequence[str] = LOOPBACK_HOSTS,
    gate: Gate | None = None,
) -> FastAPI:
    """The app serving the embedded scenarios and ``files`` (loaded scenarios).

    Only requests whose ``Host`` is one of ``hosts`` are answered (400 otherwise); heavy
    requests go through ``gate`` (by default 2 at once and 64 waiting, then 503).
    """
    app = FastAPI(
        title="detente",
        summary="Negotiation analysis: scenarios, views, what-if and upload.",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    registry = Registry(files)
    app.state.registry = registry
    _pages(app)
    chosen = gate or Gate()
    _api(app, registry, chosen)
    add_commands(app, registry, chosen)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(BusyError, _busy)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    app.add_middleware(SecurityMiddleware, max_body=MAX_BODY)
    return app
