"""How the dated events shift the no-deal values and the bargaining space.

The scenario's events are applied cumulatively in date order (ties keep the file's order), each
effect changing one parameter (``delta`` added to, or ``set`` replacing, the current value;
paths as in :mod:`detente.model.parameters`, values clipped to their range). Step 0 is the
scenario as stated. For each step the result gives the principals' reservation values, the ZOPA
size, each principal's least reservation drop that would open a ZOPA (see
:mod:`detente.engines.analysis.bridges`; 0 when a ZOPA exists, None when no drop can open one)
and the Nash deal in the ZOPA, if any.

Reading note: the stated reservation values are taken as the values *before* the listed events;
the steps then show the direction and size of each shift.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from detente.engines.analysis.acceptability import Block, scan
from detente.engines.analysis.bridges import Limits, LimitsScan
from detente.engines.analysis.conflicts import EvidenceQuote, evidence_quote
from detente.engines.analysis.deals import Deal, NashTracker, deal_of
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.kernel import slot, value_at
from detente.engines.space import DEFAULT_CHUNK
from detente.model.parameters import get_parameter, with_parameters
from detente.model.scenario import Event, Scenario

__all__ = [
    "EventStep",
    "NashScan",
    "Stated",
    "analyze_events",
    "apply_event",
    "apply_event_arrays",
    "zopa_and_nash",
]

#: A scenario's ZOPA size, Nash deal (None without a ZOPA) and limits, as computed once.
Stated = tuple[int, Deal | None, Limits]


@dataclass(frozen=True)
class EventStep:
    """The bargaining space after one more event (``event`` None: as stated)."""

    event: str | None
    date: str
    actor: str
    kind: str
    description: str
    effects: tuple[str, ...]
    reservations: dict[str, float]
    zopa: int
    least_drop: dict[str, float | None]
    nash: Deal | None
    evidence: tuple[EvidenceQuote, ...]


def _event_values(event: Event, current: Callable[[str], float]) -> dict[str, float]:
    """The event's parameter values, effects applied in order from ``current`` (unclipped:
    the range applies once, to each parameter's final value)."""
    values: dict[str, float] = {}
    for effect in event.effects:
        now = values.get(effect.parameter, current(effect.parameter))
        values[effect.parameter] = (
            effect.set if effect.set is not None else now + (effect.delta or 0.0)
        )
    return values


def apply_event_arrays(compiled: Compiled, event: Event) -> Compiled:
    """``compiled`` with ``event``'s effects applied to its arrays (no recompiling); equal to
    compiling :func:`apply_event` of its scenario. Paths outside the arrays are ignored."""

    numbers = compiled.numbers

    def current(path: str) -> float:
        where = slot(compiled, path)
        # A number the bargaining space does not read is ignored by with_parameters.
        return 0.0 if where is None else value_at(numbers, where)

    values = _event_values(event, current)
    return compiled.with_parameters(values) if values else compiled


def apply_event(scenario: Scenario, event: Event) -> Scenario:
    """``scenario`` with ``event``'s effects applied (cumulative on the given scenario)."""
    values = _event_values(event, lambda path: get_parameter(scenario, path))
    return with_parameters(scenario, values) if values else scenario


class NashScan:
    """Accumulates the ZOPA size and its Nash deal (:mod:`detente.engines.nash`), a BlockScan."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.rows = [compiled.party_index(p) for p in compiled.principals]
        self.tracker = NashTracker()

    def update(self, block: Block) -> None:
        mask = block.zopa
        if not mask.any():
            return
        # Select the ZOPA first: the rest is never looked at.
        utilities = np.compress(mask, block.utilities, axis=1)[self.rows]
        d = self.compiled.reservations[self.rows]
        self.tracker.update(block.index[mask], utilities, d, np.ones(utilities.shape[1], bool))

    def result(self) -> tuple[int, Deal | None]:
        tracker = self.tracker
        return tracker.size, deal_of(self.compiled, tracker.index) if tracker.found else None


def zopa_and_nash(compiled: Compiled, chunk: int = DEFAULT_CHUNK) -> tuple[int, Deal | None]:
    """ZOPA size and its Nash deal (:mod:`detente.engines.nash`), in one pass."""
    nash = NashScan(compiled)
    scan(compiled, [nash], chunk)
    return nash.result()


def _effect_text(event: Event) -> tuple[str, ...]:
    return tuple(
        f"{e.parameter} = {e.set:g}" if e.set is not None else f"{e.parameter} {e.delta or 0:+g}"
        for e in event.effects
    )


def _step(
    compiled: Compiled, event: Event | None, chunk: int, known: Stated | None = None
) -> EventStep:
    scenario = compiled.scenario
    if known is None:
        nash_scan, limits_scan = NashScan(compiled), LimitsScan(compiled)
        scan(compiled, [nash_scan, limits_scan], chunk)
        known = (*nash_scan.result(), limits_scan.result())
    zopa, nash, lim = known
    res = {p: float(compiled.reservations[compiled.party_index(p)]) for p in compiled.principals}
    drops = {p: lim.least_drop(p, r) for p, r in res.items()}
    if event is None:
        as_of = scenario.metadata.as_of.isoformat()
        return EventStep(None, as_of, "", "", "as stated", (), res, zopa, drops, nash, ())
    quotes = tuple(evidence_quote(scenario, e) for e in event.evidence)
    text = " ".join(event.description.split())
    return EventStep(
        event.id,
        event.date.isoformat(),
        event.actor,
        event.kind,
        text,
        _effect_text(event),
        res,
        zopa,
        drops,
        nash,
        quotes,
    )


def analyze_events(
    scenario: Scenario | Compiled, chunk: int = DEFAULT_CHUNK, *, stated: Stated | None = None
) -> tuple[EventStep, ...]:
    """The bargaining space as stated and after each event, cumulatively in date order.

    Each step takes one pass over the outcome space; the events change the compiled arrays
    (:func:`apply_event_arrays`), nothing is recompiled. ``stated`` is the scenario's own ZOPA
    size, Nash deal and :class:`Limits`, if already computed (step 0 then takes no pass).
    """
    compiled = scenario if isinstance(scenario, Compiled) else compile_scenario(scenario)
    events = compiled.scenario.events
    ordered = sorted(enumerate(events), key=lambda item: (item[1].date, item[0]))
    steps = [_step(compiled, None, chunk, stated)]
    current = compiled
    for _, event in ordered:
        current = apply_event_arrays(current, event)
        steps.append(_step(current, event, chunk))
    return tuple(steps)
