"""The one error of the phased-deal engine: a request it cannot answer, with the reason."""

from __future__ import annotations

__all__ = ["FinalSpecError", "LatticeTooLargeError", "PhasingError"]


class PhasingError(ValueError):
    """A phased-deal request that cannot be answered; the message says why and what to do."""


class LatticeTooLargeError(PhasingError):
    """The sub-lattice has too many moves even with whole-issue steps."""


class FinalSpecError(PhasingError):
    """The final outcome was named wrongly (unknown issue or option, bad syntax, infeasible)."""
