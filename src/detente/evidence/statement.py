"""The statement an extraction yields (its own module so that rule modules can use it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["ExtractedStatement"]


@dataclass(frozen=True)
class ExtractedStatement:
    """One statement found in an article (offsets are in the normalised text).

    ``kind`` is ``direct`` (a quotation), ``indirect`` (a reported clause) or ``mixed`` (a reported
    clause that contains quoted words). ``date_precision`` is ``day``, ``range`` (``said_until``
    set) or ``month``; ``sieve`` names the rule that found the speaker. ``region`` (the
    attribution text) and ``anaphor`` (the pronoun or description the speaker was found by) are
    internal and not exported.
    """

    speaker: str | None
    party: str | None
    speaker_role: str
    quote: str
    kind: Literal["direct", "indirect", "mixed"]
    said_on: dt.date | None = None
    said_until: dt.date | None = None
    date_precision: str | None = None
    venue: str = ""
    reported_by: str = ""
    issues: tuple[str, ...] = ()
    stance: str = "unknown"
    stance_confidence: float = 0.0
    start: int = 0
    end: int = 0
    paragraph: int = 0
    sieve: str = ""
    region: str = ""
    anaphor: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (dates as ISO strings, without the internal fields)."""
        data = asdict(self)
        data.pop("region")
        data.pop("anaphor")
        data["issues"] = list(self.issues)
        for key in ("said_on", "said_until"):
            data[key] = data[key].isoformat() if data[key] else None
        return data
