"""The phased-deal engine's errors: a request it cannot answer, with the reason."""

from __future__ import annotations

from detente.errors import DetenteError

__all__ = ["FinalSpecError", "LatticeTooLargeError", "NoNashDealError", "PhasingError"]


class PhasingError(DetenteError, ValueError):
    """A phased-deal request that cannot be answered; the message says why and what to do."""


class LatticeTooLargeError(PhasingError):
    """The sub-lattice has too many moves even with whole-issue steps."""


class FinalSpecError(PhasingError):
    """The final outcome was named wrongly (unknown issue or option, bad syntax, infeasible)."""


class NoNashDealError(PhasingError):
    """There is no zone of possible agreement, hence no Nash deal to phase toward."""
