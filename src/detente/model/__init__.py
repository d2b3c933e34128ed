"""The model layer: scenarios as typed data, the condition language, loading and checks.

Knows nothing of NumPy, the engines or presentation.
"""

from detente.model.catalog import embedded_scenarios, resolve_scenario
from detente.model.conditions import Condition, ConditionError, parse_condition
from detente.model.loading import (
    Diagnostic,
    ScenarioError,
    dump_scenario,
    load_scenario,
    load_scenario_text,
)
from detente.model.parameters import get_parameter, with_parameters
from detente.model.scenario import Scenario

__all__ = [
    "Condition",
    "ConditionError",
    "Diagnostic",
    "Scenario",
    "ScenarioError",
    "dump_scenario",
    "embedded_scenarios",
    "get_parameter",
    "load_scenario",
    "load_scenario_text",
    "parse_condition",
    "resolve_scenario",
    "with_parameters",
]
