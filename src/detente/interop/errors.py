"""Errors and records shared by the GENIUS / GeniusWeb readers.

Every problem with a foreign file is an :class:`InteropError` naming the file and, where the
parser knows it, the line and column; a reader never lets another exception escape.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.errors import DetenteError

__all__ = ["InteropError", "NoProfilesError", "SkippedFile"]


@dataclass(frozen=True)
class SkippedFile:
    """A file of a domain folder that was not read into the scenario, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: skipped: {self.reason}"


class InteropError(DetenteError):
    """A foreign domain or profile file that cannot be read: ``file:line:column: message``."""

    def __init__(
        self, file: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class NoProfilesError(InteropError):
    """A domain folder with fewer than two readable profiles; ``skipped`` says why."""

    def __init__(self, file: str, message: str, skipped: list[SkippedFile]) -> None:
        self.skipped = skipped
        super().__init__(file, message)
