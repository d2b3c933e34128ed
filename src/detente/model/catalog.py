"""The embedded scenarios shipped as package data, and resolving ``ID | FILE`` arguments."""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from detente.model.loading import Diagnostic, ScenarioError, load_scenario, load_scenario_text
from detente.model.scenario import Scenario

__all__ = [
    "DEFAULT_SCENARIO",
    "embedded_scenarios",
    "embedded_text",
    "load_embedded",
    "missing_message",
    "resolve_scenario",
]

DEFAULT_SCENARIO = "hanoi-2019"
_PACKAGE = "detente.data.scenarios"


def embedded_scenarios() -> list[str]:
    """Ids of the scenarios shipped with detente, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml"))


def missing_message(reference: str) -> str:
    """Why ``reference`` names nothing: ``cannot read: no such file`` for what looks like a
    path (a folder separator or a ``.yaml`` / ``.yml`` / ``.json`` suffix), else ``no such
    scenario`` with the nearest embedded id and the list.

    >>> missing_message("hanoi-2018").split(";")[0]
    "no such scenario (did you mean 'hanoi-2019'?)"
    >>> missing_message("talks.yaml")
    'cannot read: no such file'
    """
    path = Path(reference)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or len(path.parts) > 1:
        return "cannot read: no such file"
    ids = embedded_scenarios()
    near = difflib.get_close_matches(reference, ids, n=1, cutoff=0.6)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return f"no such scenario{hint}; embedded: {', '.join(ids)}"


def embedded_text(scenario_id: str) -> str:
    """The YAML text of the embedded scenario ``scenario_id`` (KeyError if there is none)."""
    if scenario_id not in embedded_scenarios():
        raise KeyError(scenario_id)
    return resources.files(_PACKAGE).joinpath(f"{scenario_id}.yaml").read_text("utf-8")


def load_embedded(scenario_id: str) -> Scenario:
    """Load the embedded scenario ``scenario_id`` (ScenarioError naming the choices if none)."""
    if scenario_id not in embedded_scenarios():
        message = missing_message(scenario_id)
        raise ScenarioError([Diagnostic(scenario_id, None, None, "", message)])
    return load_scenario_text(embedded_text(scenario_id), f"{scenario_id}.yaml")


def resolve_scenario(reference: str | None) -> Scenario:
    """An embedded id, or a path to a YAML file; the default scenario when ``None``."""
    reference = reference or DEFAULT_SCENARIO
    if reference in embedded_scenarios():
        return load_embedded(reference)
    if Path(reference).exists():
        return load_scenario(reference)
    return load_embedded(reference)
