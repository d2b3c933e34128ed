"""What each signal changes: the same sweep under the postures, each event, mediation, bridges.

Variants, each a sweep of its own (same seed, so the same sampled parameters run by run):

* ``postures`` — the stated postures, no event fires;
* ``+ EVENT`` — one event with effects alone (for each such event);
* ``all events`` — every event at its round (mediation included when the scenario has one);
* ``mediation`` — the single negotiating text from round 0, no other event;
* ``bridge: ...`` — when :mod:`detente.engines.analysis.bridges` is importable at run time,
  each bridge it proposes applied to the scenario (postures, no event). It is looked up only
  when the comparison runs, never at import time.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from detente.engines.compile import compile_scenario
from detente.engines.simulation.protocols import SimulationConfig
from detente.model.scenario import Scenario

__all__ = ["Variant", "bridge_scenarios", "variants"]


@dataclass(frozen=True)
class Variant:
    """One arm of the comparison."""

    label: str
    scenario: Scenario
    config: SimulationConfig


def variants(scenario: Scenario, base: SimulationConfig) -> list[Variant]:
    """The comparison arms for ``scenario`` built on the configuration ``base``."""
    quiet = dataclasses.replace(base, events=())
    result = [Variant("postures (no events)", scenario, quiet)]
    for event in scenario.events:
        if event.effects or event.kind == "mediation":
            result.append(
                Variant(f"+ {event.id}", scenario, dataclasses.replace(base, events=(event.id,)))
            )
    result.append(Variant("all events", scenario, dataclasses.replace(base, events=None)))
    mediated = dataclasses.replace(quiet, protocol="mediated")
    result.append(Variant("mediation from round 0", scenario, mediated))
    result.extend(Variant(label, s, quiet) for label, s in bridge_scenarios(scenario))
    return result


def bridge_scenarios(scenario: Scenario) -> Iterator[tuple[str, Scenario]]:
    """Scenarios with each bridge of the analysis applied, if that module is available.

    The bridges module is another engine's; this adapter accepts a function ``find_bridges``
    (or ``bridges``) of the compiled scenario whose items carry a ``scenario`` attribute or can
    be applied with the module's ``apply_bridge(scenario, bridge)``. Anything else yields
    nothing (the comparison then simply has no bridge arms).
    """
    try:
        module: Any = importlib.import_module("detente.engines.analysis.bridges")
    except ImportError:
        return
    finder = getattr(module, "find_bridges", None) or getattr(module, "bridges", None)
    if not callable(finder):
        return
    try:
        found = list(finder(compile_scenario(scenario)))
    except Exception:  # another engine's failure must not break the comparison
        return
    for k, bridge in enumerate(found):
        label = str(getattr(bridge, "label", None) or getattr(bridge, "id", None) or k)
        applied = getattr(bridge, "scenario", None)
        if applied is None and callable(getattr(module, "apply_bridge", None)):
            try:
                applied = module.apply_bridge(scenario, bridge)
            except Exception:
                applied = None
        if isinstance(applied, Scenario):
            yield f"bridge: {label}", applied
