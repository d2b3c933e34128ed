"""The simulation engine's errors, under :class:`detente.errors.DetenteError`."""

from __future__ import annotations

from detente.errors import DetenteError

__all__ = ["SimulationError"]


class SimulationError(DetenteError, ValueError):
    """A simulation configuration (protocol, strategy, mediator, shock) the engine cannot run."""
