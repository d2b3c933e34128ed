"""detente: model, analyse, forecast and simulate negotiations between states.

The public API is what this module exports; see ``__all__``.
"""

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

__version__ = "0.1.0"

__all__ = [
    "Scenario",
    "ScenarioError",
    "__version__",
    "dump_scenario",
    "embedded_scenarios",
    "load_scenario",
    "load_scenario_text",
    "parse_condition",
    "resolve_scenario",
]
