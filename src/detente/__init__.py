"""detente: model, analyse, forecast and simulate negotiations between states.

The public API is what this module exports (``__all__``), kept small:

- scenarios: :func:`load_scenario`, :func:`load_scenario_text`, :func:`resolve_scenario` (an
  embedded id or a file), :func:`embedded_scenarios`, :func:`dump_scenario`,
  :func:`parse_condition`, :func:`load_domain` / :func:`load_domain_folder` (GENIUS /
  GeniusWeb);
- the front doors (:mod:`detente.api`): :func:`analyze`, :func:`forecast`, :func:`simulate`,
  :func:`phase` — each takes a scenario (embedded id, path or :class:`Scenario`) and keyword
  options and returns a result object with ``to_json()``;
- the compiled form every engine shares: :func:`compile_scenario`;
- :func:`envelope`: the one JSON document shape of every command (:mod:`detente.documents`);
- :class:`DetenteError`, the root of every error detente raises (:mod:`detente.errors`), and
  :class:`ScenarioError`, a scenario that does not load.

The names are imported on first use (PEP 562), so that ``import detente`` — and the command
line's ``--help`` — do not load NumPy, pydantic and the engines until they are needed.

Examples
--------
>>> import detente
>>> result = detente.analyze("hanoi-2019")
>>> result.counts.zopa
0
>>> document = detente.envelope("analyze", "hanoi-2019", result)
>>> document["command"], document["result"]["counts"]["zopa"]
('analyze', 0)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from detente._version import __version__

if TYPE_CHECKING:
    from detente.api import analyze, forecast, phase, simulate, with_parameters
    from detente.documents import envelope
    from detente.engines.compile import compile_scenario
    from detente.errors import DetenteError, MissingExtraError
    from detente.interop import load_domain, load_domain_folder
    from detente.model import (
        Scenario,
        ScenarioError,
        dump_scenario,
        embedded_scenarios,
        load_scenario,
        load_scenario_text,
        parse_condition,
        resolve_scenario,
    )

#: Public name -> the module that defines it (imported on first use).
_WHERE = {
    "analyze": "detente.api",
    "forecast": "detente.api",
    "phase": "detente.api",
    "simulate": "detente.api",
    "with_parameters": "detente.api",
    "envelope": "detente.documents",
    "compile_scenario": "detente.engines.compile",
    "DetenteError": "detente.errors",
    "MissingExtraError": "detente.errors",
    "load_domain": "detente.interop",
    "load_domain_folder": "detente.interop",
    "Scenario": "detente.model",
    "ScenarioError": "detente.model",
    "dump_scenario": "detente.model",
    "embedded_scenarios": "detente.model",
    "load_scenario": "detente.model",
    "load_scenario_text": "detente.model",
    "parse_condition": "detente.model",
    "resolve_scenario": "detente.model",
}


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "DetenteError",
    "MissingExtraError",
    "Scenario",
    "ScenarioError",
    "__version__",
    "analyze",
    "compile_scenario",
    "dump_scenario",
    "embedded_scenarios",
    "envelope",
    "forecast",
    "load_domain",
    "load_domain_folder",
    "load_scenario",
    "load_scenario_text",
    "parse_condition",
    "phase",
    "resolve_scenario",
    "simulate",
    "with_parameters",
]
