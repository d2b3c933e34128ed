"""The forecast engine's errors, under :class:`detente.errors.DetenteError`."""

from __future__ import annotations

from detente.errors import DetenteError

__all__ = ["ForecastError"]


class ForecastError(DetenteError, ValueError):
    """A forecast request the model cannot answer; the message says why."""
