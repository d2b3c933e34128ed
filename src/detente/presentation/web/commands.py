"""The commands over HTTP: the same envelope as ``detente COMMAND SCENARIO --json``.

``GET /api/scenarios/{id}/{command}`` with the command's options as query parameters
answers with exactly the document the command line prints for the same question (the web
server simulates in memory, the command line through its DuckDB store: the summaries are
equal, see :mod:`detente.engines.simulation.runs`). Sizes are capped for a shared server:
outcome spaces by ``MAX_INTERACTIVE_OUTCOMES`` (:mod:`detente.presentation.views.document`),
samples and runs by :data:`MAX_SAMPLES` and :data:`MAX_RUNS`. A question the model cannot
answer (an unknown issue, a final outside the feasible set, no Nash deal) is a 422 with the
engine's message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query

from detente import api
from detente.documents import envelope
from detente.engines.limits import check_space_size
from detente.errors import DetenteError
from detente.evidence.timeline import scenario_timeline
from detente.model.scenario import Scenario
from detente.presentation.views.document import MAX_INTERACTIVE_OUTCOMES
from detente.presentation.web.gate import Gate
from detente.presentation.web.registry import Registry
from detente.presentation.web.schemas import EnvelopeOut, Sid

__all__ = ["MAX_RUNS", "MAX_SAMPLES", "add_commands"]

#: The most parameter samples and simulation runs one request may ask for.
MAX_SAMPLES = 1000
MAX_RUNS = 1000

Samples = Annotated[int, Query(ge=0, le=MAX_SAMPLES, description="parameter samples")]
Seed = Annotated[int, Query(ge=0, le=2**31 - 1, description="seed of every sample and run")]
Runs = Annotated[int, Query(ge=1, le=MAX_RUNS, description="simulated negotiations")]
Final = Annotated[str, Query(max_length=500, description="nash, bridge:N or ISSUE=OPTION,...")]
Steps = Annotated[int, Query(ge=1, le=8, description="most steps in a phased path")]
Issues = Annotated[list[str] | None, Query(max_length=64, description="issue ids")]
Preset = Annotated[str | None, Query(max_length=50, description="scholz-jmckib or masad")]
_RESPONSES: dict[int | str, dict[str, Any]] = {404: {}, 422: {}}


def _answer(
    registry: Registry, sid: str, command: str, run: Callable[[Scenario], Any], *, space: bool
) -> dict[str, Any]:
    entry = registry.get(sid)
    if entry is None:
        raise HTTPException(404, f"no scenario with id {sid!r}")
    scenario = entry.scenario
    try:
        if space:
            check_space_size(scenario, MAX_INTERACTIVE_OUTCOMES)
        return envelope(command, scenario.metadata.id, run(scenario))
    except DetenteError as error:
        raise HTTPException(422, str(error)) from None


def add_commands(app: FastAPI, registry: Registry, gate: Gate) -> None:
    """Add ``/api/scenarios/{id}/{analyze,forecast,simulate,phase,timeline,show}``; the heavy
    ones (analyze, simulate, phase, forecast) run through ``gate``, off the event loop."""
    _space_commands(app, registry, gate)
    _model_commands(app, registry, gate)


def _space_commands(app: FastAPI, registry: Registry, gate: Gate) -> None:
    """The commands that enumerate the outcome space: analyze, simulate, phase."""

    @app.get("/api/scenarios/{sid}/analyze", response_model=EnvelopeOut, responses=_RESPONSES)
    async def analyze(sid: Sid, samples: Samples = 0, seed: Seed = 0) -> dict[str, Any]:
        """``detente analyze SCENARIO --samples N --seed S --json``."""
        return await gate.run(lambda: _answer(
            registry, sid, "analyze",
            lambda s: api.analyze(s, samples=samples, seed=seed), space=True,
        ))  # fmt: skip

    @app.get("/api/scenarios/{sid}/simulate", response_model=EnvelopeOut, responses=_RESPONSES)
    async def simulate(sid: Sid, runs: Runs = 100, seed: Seed = 0, compare: bool = False) -> Any:
        """``detente simulate SCENARIO --runs N --seed S [--compare] --json``."""
        return await gate.run(lambda: _answer(
            registry, sid, "simulate",
            lambda s: api.simulate(s, runs=runs, seed=seed, compare=compare), space=True,
        ))  # fmt: skip

    @app.get("/api/scenarios/{sid}/phase", response_model=EnvelopeOut, responses=_RESPONSES)
    async def phase(
        sid: Sid, final: Final = "nash", max_steps: Steps = 5, samples: Samples = 0, seed: Seed = 0
    ) -> dict[str, Any]:
        """``detente phase SCENARIO --final F --max-steps K --samples N --seed S --json``."""
        return await gate.run(lambda: _answer(
            registry, sid, "phase",
            lambda s: api.phase(
                s, final=final, max_steps=max_steps, samples=samples, seed=seed
            ),
            space=True,
        ))  # fmt: skip


def _model_commands(app: FastAPI, registry: Registry, gate: Gate) -> None:
    """The commands that read the scenario without enumerating it: forecast, timeline, show."""

    @app.get("/api/scenarios/{sid}/forecast", response_model=EnvelopeOut, responses=_RESPONSES)
    async def forecast(
        sid: Sid, issue: Issues = None, preset: Preset = None, samples: Samples = 0, seed: Seed = 0
    ) -> dict[str, Any]:
        """``detente forecast SCENARIO [--issue I] [--preset P] --samples N --seed S --json``."""
        return await gate.run(lambda: _answer(
            registry, sid, "forecast",
            lambda s: api.forecast(s, issues=issue, preset=preset, samples=samples, seed=seed),
            space=False,
        ))  # fmt: skip

    @app.get("/api/scenarios/{sid}/timeline", response_model=EnvelopeOut, responses=_RESPONSES)
    def timeline(sid: Sid) -> dict[str, Any]:
        """``detente timeline SCENARIO --json``."""
        return _answer(registry, sid, "timeline", scenario_timeline, space=False)

    @app.get("/api/scenarios/{sid}/show", response_model=EnvelopeOut, responses=_RESPONSES)
    def show(sid: Sid) -> dict[str, Any]:
        """``detente show SCENARIO --json``."""
        return _answer(registry, sid, "show", lambda s: s.model_dump(mode="json"), space=False)
