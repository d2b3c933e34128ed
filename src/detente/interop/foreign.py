"""The plain data both readers produce: a domain's issues and each profile's utilities.

The format readers (:mod:`~detente.interop.genius_xml`, :mod:`~detente.interop.geniusweb_json`)
apply their format's semantics and hand over utilities already on the 0-1 scale, one per
option in the domain's value order; :mod:`~detente.interop.build` turns them into a scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from detente.interop.errors import InteropError
from detente.model.reading import ReadError, read_limited

__all__ = [
    "MAX_BYTES",
    "MAX_OPTIONS",
    "ForeignDomain",
    "ForeignIssue",
    "ForeignProfile",
    "read_bytes",
]

#: Files larger than this are refused before parsing (the largest corpus file is 15 kB).
MAX_BYTES = 20 * 1024 * 1024
#: An issue with more options than this (a huge integer or number range) is refused.
MAX_OPTIONS = 10_000


@dataclass(frozen=True)
class ForeignIssue:
    """One issue: its name, its options' labels in the domain's order, and their kind."""

    name: str
    labels: tuple[str, ...]
    kind: str = "discrete"
    numbers: tuple[float, ...] | None = None
    index: int | None = None


@dataclass(frozen=True)
class ForeignDomain:
    name: str
    file: str
    format: str
    issues: tuple[ForeignIssue, ...]


@dataclass(frozen=True)
class ForeignProfile:
    """A profile's raw weights and its 0-1 utility of each option, per domain issue.

    ``reservation_bid`` (option indices, ``None`` for an issue the bid leaves out) is set
    instead of ``reservation`` by GeniusWeb profiles; :mod:`~detente.interop.build` turns it
    into a reservation value.
    """

    name: str
    file: str
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float = 0.0
    reservation_bid: tuple[int | None, ...] | None = None
    discount: float | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``, or an :class:`InteropError` (missing, unreadable, too large)."""
    try:
        return read_limited(path, MAX_BYTES)
    except ReadError as error:
        raise InteropError(str(path), f"cannot read the file: {error.message}") from None
