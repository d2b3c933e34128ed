"""Strategies by name, with parameters parsed from ``name:key=value,...``.

=============  ==========================================  ===========================
name           strategy                                    parameters (default)
=============  ==========================================  ===========================
``boulware``   time-dependent concession                   ``e`` (0.2)
``linear``     time-dependent concession                   ``e`` (1)
``conceder``   time-dependent concession                   ``e`` (2)
``reciprocal`` tit-for-tat in utility                      ``factor`` (1), ``opening`` (0.02)
``hardliner``  never concedes
``walkaway``   concession that leaves a hopeless table     ``e`` (1), ``patience`` (1)
``random``     random baseline                             ``accept`` (0.5)
``nash``       mediator: Nash point of its beliefs
``split``      mediator: split the difference in utility
=============  ==========================================  ===========================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.state import PartyView
from detente.engines.simulation.strategies import (
    Concession,
    HardLiner,
    Negotiator,
    RandomBaseline,
    Reciprocal,
    WalkAway,
)

__all__ = ["MEDIATORS", "STRATEGIES", "StrategySpec", "parse_strategy"]

Factory = Callable[..., Negotiator]

#: name -> (factory, default parameters)
STRATEGIES: dict[str, tuple[Factory, dict[str, float]]] = {
    "boulware": (Concession, {"e": 0.2}),
    "linear": (Concession, {"e": 1.0}),
    "conceder": (Concession, {"e": 2.0}),
    "reciprocal": (Reciprocal, {"factor": 1.0, "opening": 0.02}),
    "hardliner": (HardLiner, {}),
    "walkaway": (WalkAway, {"e": 1.0, "patience": 1.0}),
    "random": (RandomBaseline, {"accept": 0.5}),
}
MEDIATORS = ("nash", "split")


@dataclass(frozen=True)
class StrategySpec:
    """A strategy name and its parameters (picklable; build negotiators with :meth:`bind`)."""

    name: str
    params: tuple[tuple[str, float], ...] = ()

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return self.name + ":" + ",".join(f"{k}={v:g}" for k, v in self.params)

    @property
    def is_mediator(self) -> bool:
        return self.name in MEDIATORS

    def bind(self, view: PartyView, salt: int = 0) -> Negotiator:
        """A negotiator of this strategy that sees only ``view``."""
        factory, defaults = STRATEGIES[self.name]
        kwargs = {**defaults, **dict(self.params)}
        if factory is RandomBaseline:
            kwargs["salt"] = salt
        return factory(view, **kwargs)


def parse_strategy(text: str) -> StrategySpec:
    """Parse ``name`` or ``name:key=value,...`` (ValueError with a reason if malformed).

    Examples
    --------
    >>> str(parse_strategy("boulware:e=0.1"))
    'boulware:e=0.1'
    >>> parse_strategy("nash").is_mediator
    True
    """
    name, _, rest = text.strip().partition(":")
    if name not in STRATEGIES and name not in MEDIATORS:
        known = ", ".join([*STRATEGIES, *MEDIATORS])
        raise SimulationError(f"unknown strategy {name!r}; expected one of {known}")
    allowed = STRATEGIES[name][1] if name in STRATEGIES else {}
    params: list[tuple[str, float]] = []
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, eq, raw = item.partition("=")
        if not eq or key not in allowed:
            expected = ", ".join(allowed) or "no parameters"
            raise SimulationError(f"strategy {name!r}: bad parameter {item!r} (takes {expected})")
        try:
            value = float(raw)
        except ValueError:
            raise SimulationError(f"strategy {name!r}: {key}={raw!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise SimulationError(f"strategy {name!r}: {key} must be finite")
        if key == "e" and value <= 0:
            raise SimulationError(f"strategy {name!r}: the exponent e must be positive")
        params.append((key, value))
    return StrategySpec(name, tuple(sorted(params)))
