"""The embedded scenarios shipped as package data, and resolving ``ID | FILE`` arguments."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from detente.model.loading import Diagnostic, ScenarioError, load_scenario, load_scenario_text
from detente.model.scenario import Scenario

__all__ = ["DEFAULT_SCENARIO", "embedded_scenarios", "load_embedded", "resolve_scenario"]

DEFAULT_SCENARIO = "hanoi-2019"
_PACKAGE = "detente.data.scenarios"


def embedded_scenarios() -> list[str]:
    """Ids of the scenarios shipped with detente, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml"))


def load_embedded(scenario_id: str) -> Scenario:
    """Load the embedded scenario ``scenario_id`` (ScenarioError naming the choices if none)."""
    if scenario_id not in embedded_scenarios():
        choices = ", ".join(embedded_scenarios())
        raise ScenarioError(
            [Diagnostic(scenario_id, None, None, "", f"no such scenario; embedded: {choices}")]
        )
    text = resources.files(_PACKAGE).joinpath(f"{scenario_id}.yaml").read_text("utf-8")
    return load_scenario_text(text, f"{scenario_id}.yaml")


def resolve_scenario(reference: str | None) -> Scenario:
    """An embedded id, or a path to a YAML file; the default scenario when ``None``."""
    reference = reference or DEFAULT_SCENARIO
    if reference in embedded_scenarios():
        return load_embedded(reference)
    if Path(reference).exists():
        return load_scenario(reference)
    return load_embedded(reference)
