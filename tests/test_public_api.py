"""The public API is what ``detente.__all__`` lists; changing it is a deliberate act."""

from __future__ import annotations

import detente

PUBLIC = [
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


def test_all_is_pinned() -> None:
    assert sorted(detente.__all__) == sorted(PUBLIC)


def test_every_public_name_exists() -> None:
    assert all(hasattr(detente, name) for name in detente.__all__)


def test_every_public_function_is_documented_with_an_example() -> None:
    for name in ("analyze", "forecast", "simulate", "phase"):
        doc = getattr(detente, name).__doc__ or ""
        assert "Examples" in doc and ">>> " in doc, name
