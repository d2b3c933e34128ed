"""The result of extracting statements from an article, with its JSON document."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from detente.evidence.extract import ExtractedStatement
from detente.evidence.score import KindScores

__all__ = ["Extraction"]


@dataclass(frozen=True)
class Extraction:
    """The statements found in an article and, against a gold annotation, their scores."""

    statements: tuple[ExtractedStatement, ...]
    scores: dict[str, KindScores] | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"statements": [...], "scores": {kind: {...}} | null}``."""
        scores = None
        if self.scores is not None:
            scores = {kind: asdict(value) for kind, value in self.scores.items()}
        return {"statements": [s.to_dict() for s in self.statements], "scores": scores}
