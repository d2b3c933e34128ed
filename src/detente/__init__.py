"""detente: model, analyse, forecast and simulate negotiations between states.

The public API is what this module exports; see ``__all__``:

- scenarios: :func:`load_scenario`, :func:`resolve_scenario` (an embedded id or a file),
  :func:`load_domain_folder` (GENIUS / GeniusWeb), :func:`dump_scenario`;
- the compiled form every engine shares: :func:`compile_scenario`;
- the engines: :func:`analyze` (bargaining space, why no deal, bridges, sensitivity),
  :func:`forecast_scenario` (expected-utility forecasts per issue),
  :func:`analyse_phasing` with :func:`resolve_final` (phased deals).

Examples
--------
>>> import detente
>>> scenario = detente.resolve_scenario("hanoi-2019")
>>> detente.analyze(scenario).counts.zopa
0
"""

from detente._version import __version__
from detente.engines.analysis.analyze import analyze
from detente.engines.compile import compile_scenario
from detente.engines.forecast.scenario import forecast_scenario
from detente.engines.phasing import analyse_phasing, resolve_final
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
    "Scenario",
    "ScenarioError",
    "__version__",
    "analyse_phasing",
    "analyze",
    "compile_scenario",
    "dump_scenario",
    "embedded_scenarios",
    "forecast_scenario",
    "load_domain",
    "load_domain_folder",
    "load_scenario",
    "load_scenario_text",
    "parse_condition",
    "resolve_final",
    "resolve_scenario",
]
