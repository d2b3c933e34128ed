"""Results as JSON: one envelope for every command, and plain-data conversion.

Every result type of the engines (analysis, forecast, simulation summary and comparison, one
run's history, phasing) and of the evidence tools (extraction, timeline) has ``to_json()``
returning plain JSON-ready data. The command line's ``--json``, the HTML report and the web
API wrap it in one envelope::

    {"detente_version": "0.1.0",       # the package that computed it
     "scenario": "hanoi-2019" | null,  # the scenario's id (null: no scenario, e.g. a CSV table)
     "command": "analyze",             # analyze, forecast, simulate, phase, show, timeline, ...
     "result": {...}}                  # the result's to_json()

so that the same question gives the same document wherever it is asked. Outcomes are written
by name (``{"issue": "option"}``), with their mixed-radix index beside them where one exists.

Examples
--------
>>> document = envelope("show", "talks", {"parties": 2})
>>> sorted(document)
['command', 'detente_version', 'result', 'scenario']
>>> jsonable({"x": (1.5, float("nan"))})
{'x': [1.5, None]}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any, Protocol

import numpy as np

from detente._version import __version__

__all__ = ["ENVELOPE_KEYS", "ENVELOPE_SCHEMA", "HasJson", "envelope", "jsonable"]

#: The keys of every envelope, in order.
ENVELOPE_KEYS = ("detente_version", "scenario", "command", "result")

#: The envelope as a JSON Schema (draft 2020-12); ``result`` is any JSON value.
ENVELOPE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "detente document",
    "type": "object",
    "properties": {
        "detente_version": {"type": "string"},
        "scenario": {"type": ["string", "null"]},
        "command": {"type": "string"},
        "result": {},
    },
    "required": list(ENVELOPE_KEYS),
    "additionalProperties": False,
}


class HasJson(Protocol):
    """A result that owns its JSON form."""

    def to_json(self) -> Any:
        """The result as plain JSON-ready data."""
        ...


def envelope(command: str, scenario: str | None, result: Any) -> dict[str, Any]:
    """The one document shape of every command: version, scenario id, command, result.

    ``result`` is a result object with ``to_json()`` or plain data (converted by
    :func:`jsonable`).
    """
    body = result.to_json() if hasattr(result, "to_json") else result
    return {
        "detente_version": __version__,
        "scenario": scenario,
        "command": command,
        "result": jsonable(body),
    }


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples, NumPy arrays and scalars, dates and non-finite floats as JSON data.

    Non-finite floats become ``None`` (JSON has no NaN or infinity).
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
