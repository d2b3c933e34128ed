"""The result of extracting statements from an article, with its JSON document."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from detente.evidence.extract import ExtractedStatement
from detente.evidence.match import Counts, MatchScores
from detente.evidence.score import KindScores

__all__ = ["Extraction"]


@dataclass(frozen=True)
class Extraction:
    """The statements found in an article and, against a gold annotation, their scores."""

    statements: tuple[ExtractedStatement, ...]
    scores: dict[str, KindScores] | None = None
    match: MatchScores | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"statements": [...], "scores": {kind: {...}} | null, "match": {"by_kind",
        "overall"} | null}`` (``match``: P / R / F1 by :mod:`detente.evidence.match`)."""
        scores = None
        if self.scores is not None:
            scores = {kind: asdict(value) for kind, value in self.scores.items()}
        match = None
        if self.match is not None:
            by_kind = {kind: _counts(c) for kind, c in self.match.by_kind.items()}
            match = {"by_kind": by_kind, "overall": _counts(self.match.overall)}
        statements = [s.to_dict() for s in self.statements]
        return {"statements": statements, "scores": scores, "match": match}


def _counts(c: Counts) -> dict[str, float]:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": c.precision, "recall": c.recall,
            "f1": c.f1}  # fmt: skip
