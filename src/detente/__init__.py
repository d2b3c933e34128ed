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

from detente._version import __version__
from detente.api import analyze, forecast, phase, simulate
from detente.documents import envelope
from detente.engines.compile import compile_scenario
from detente.errors import DetenteError
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

__all__ = [
    "DetenteError",
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
]
