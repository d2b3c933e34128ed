"""The public API is what ``detente.__all__`` lists; changing it is a deliberate act."""

from __future__ import annotations

import detente

PUBLIC = [
    "Scenario",
    "analyse_phasing",
    "analyze",
    "compile_scenario",
    "forecast_scenario",
    "load_domain",
    "load_domain_folder",
    "resolve_final",
    "ScenarioError",
    "__version__",
    "dump_scenario",
    "embedded_scenarios",
    "load_scenario",
    "load_scenario_text",
    "parse_condition",
    "resolve_scenario",
]


def test_all_is_pinned() -> None:
    assert sorted(detente.__all__) == sorted(PUBLIC)


def test_every_public_name_exists() -> None:
    assert all(hasattr(detente, name) for name in detente.__all__)
