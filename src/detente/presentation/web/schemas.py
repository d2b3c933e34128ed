"""Request and response bodies of the JSON API (they make its OpenAPI document)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DiagnosticOut",
    "DocumentOut",
    "EnvelopeOut",
    "ScenarioList",
    "ScenarioSummary",
    "Sid",
    "UploadErrors",
    "UploadIn",
    "UploadOut",
    "WhatIfIn",
    "WhatIfOut",
]

#: Largest uploaded YAML text, in characters (the body limit is enforced separately in bytes).
MAX_UPLOAD_CHARS = 1_000_000

Value = Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)]
Key = Annotated[str, Field(max_length=200)]
#: A scenario id in a URL: only ever a key of the registry, never a path.
Sid = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$", description="a scenario id")
]


class ScenarioSummary(BaseModel):
    id: str
    title: str
    as_of: str
    origin: str = Field(description="embedded, file or upload")
    outcomes: int = Field(description="size of the outcome space")
    interactive: bool = Field(description="whether the space is small enough for the web views")


class ScenarioList(BaseModel):
    scenarios: list[ScenarioSummary]
    max_outcomes: int


class DocumentOut(BaseModel):
    document: dict[str, Any] = Field(description="the views (schema detente.report/2)")
    figures: dict[str, Any] = Field(description="plotly figure specifications by name")


class WhatIfIn(BaseModel):
    """Changes to try: parameter paths -> values, red lines ``PARTY:ID`` -> keep (bool)."""

    model_config = ConfigDict(extra="forbid")

    parameters: Annotated[dict[Key, Value], Field(max_length=256)] = Field(default_factory=dict)
    red_lines: Annotated[dict[Key, bool], Field(max_length=256)] = Field(default_factory=dict)


class WhatIfOut(BaseModel):
    zopa: int | None
    reservations: dict[str, float]
    solutions: dict[str, Any] | None
    analysis: dict[str, Any]
    figure: dict[str, Any] | None
    elapsed_ms: float = Field(description="server time of the what-if, in milliseconds")


class UploadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(max_length=200)] = "upload.yaml"
    text: Annotated[str, Field(max_length=MAX_UPLOAD_CHARS)]


class DiagnosticOut(BaseModel):
    line: int | None
    column: int | None
    path: str
    message: str
    severity: str


class UploadOut(BaseModel):
    scenario: ScenarioSummary


class UploadErrors(BaseModel):
    detail: str
    diagnostics: list[DiagnosticOut]


class EnvelopeOut(BaseModel):
    """The one document of every command (:mod:`detente.documents`), as the CLI prints it."""

    detente_version: str
    scenario: str | None = Field(description="the scenario's id (null: none)")
    command: str = Field(description="analyze, forecast, simulate, phase, timeline or show")
    result: Any = Field(description="the result's own JSON document")
