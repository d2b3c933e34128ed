"""What each signal changes: the same sweep under the postures, each event, mediation, bridges.

Variants, each a sweep of its own (same seed, so the same sampled parameters run by run):

* ``postures`` — the stated postures, no event fires;
* ``+ EVENT`` — one event with effects alone (for each such event);
* ``all events`` — every event at its round (mediation included when the scenario has one);
* ``mediation from round 0`` — the single negotiating text from round 0, no other event, by the
  configured mediator; ``informed mediation from round 0`` — the same by the ``informed``
  mediator (:mod:`.informed`), unless it is the configured one;
* ``bridge N: ...`` — each bridge of :mod:`detente.engines.analysis.bridges` applied to the
  scenario (postures, no event).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from detente.engines.analysis.bridges import apply_move, find_bridges
from detente.engines.compile import compile_scenario
from detente.engines.simulation.protocols import SimulationConfig
from detente.engines.simulation.registry import StrategySpec
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
    if base.mediator.name != "informed":
        informed = dataclasses.replace(mediated, mediator=StrategySpec("informed"))
        result.append(Variant("informed mediation from round 0", scenario, informed))
    result.extend(Variant(label, s, quiet) for label, s in bridge_scenarios(scenario))
    return result


def bridge_scenarios(scenario: Scenario) -> Iterator[tuple[str, Scenario]]:
    """Scenarios with each bridge of the analysis applied (postures, no event)."""
    found = find_bridges(compile_scenario(scenario))
    for k, bridge in enumerate(found.bridges, start=1):
        yield f"bridge {k}: {bridge.move.description}", apply_move(scenario, bridge.move)
