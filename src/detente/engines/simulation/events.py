"""Scenario events on the simulation clock.

Dates map to rounds: round 0 is the earliest of the scenario's ``as_of`` date and its events'
start dates, and each round lasts ``days_per_round`` days (default 1). An event takes effect
when it is known to be complete: at its ``date_end`` if it has one (a launch pad rebuilt
"between February 16 and March 2" is seen on March 2), else at its ``date``. Its effects set or
shift parameters (see :mod:`detente.model.parameters`); simulation uses reservations, weights,
option values, linkage bonuses and the breakdown hazard. An event of kind ``mediation`` whose
actor is a ``mediator`` party brings the mediator to the table: from that round on the talks
follow the single negotiating text.

On ``hanoi-2019``: the launch-pad rebuild (round 14) lowers the U.S. no-deal value, the
scaled-back exercises (round 14) raise the DPRK's, Moon's mediation (round 16) lowers the hazard
and adds the mediator, and the sanctions threat (round 18) lowers the DPRK's no-deal value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from detente.engines.simulation.domain import Domain, ParameterArrays
from detente.engines.simulation.errors import SimulationError
from detente.model.scenario import Scenario

__all__ = ["ScheduledEvent", "fire", "schedule"]


@dataclass(frozen=True)
class ScheduledEvent:
    """An event placed on the round clock; ``effects`` are ``(path, value, is_delta)``."""

    id: str
    round: int
    kind: str
    actor: str
    effects: tuple[tuple[str, float, bool], ...]
    mediation: bool


def _origin(scenario: Scenario) -> dt.date:
    return min([scenario.metadata.as_of, *(e.date for e in scenario.events)])


def schedule(
    scenario: Scenario, days_per_round: int = 1, include: Collection[str] | None = None
) -> tuple[ScheduledEvent, ...]:
    """The scenario's events (or those in ``include``) with their rounds, in firing order.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> [(e.id, e.round) for e in schedule(resolve_scenario("hanoi-2019"))][:2]
    [('hanoi_summit', 12), ('exercises_scaled_back', 14)]
    """
    if days_per_round < 1:
        raise SimulationError("days_per_round must be at least 1")
    origin = _origin(scenario)
    mediators = {p.id for p in scenario.parties if p.role == "mediator"}
    result = []
    for event in scenario.events:
        if include is not None and event.id not in include:
            continue
        when = event.date_end or event.date
        effects = tuple(
            (
                e.parameter,
                float(e.delta if e.delta is not None else e.set or 0.0),
                e.delta is not None,
            )
            for e in event.effects
        )
        result.append(
            ScheduledEvent(
                id=event.id,
                round=(when - origin).days // days_per_round,
                kind=event.kind,
                actor=event.actor,
                effects=effects,
                mediation=event.kind == "mediation" and event.actor in mediators,
            )
        )
    return tuple(sorted(result, key=lambda e: (e.round, e.id)))


def fire(domain: Domain, params: ParameterArrays, events: Collection[ScheduledEvent]) -> bool:
    """Apply the events' effects to every run's parameters; True if utilities changed."""
    changed = False
    for event in events:
        for path, value, delta in event.effects:
            column = np.full(params.size, value)
            changed |= domain.apply(params, path, column, delta=delta)
    return changed
