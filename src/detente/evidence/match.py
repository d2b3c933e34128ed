"""Statement matching the way the real-article annotation is scored (issue 16).

A predicted statement *matches* a gold statement when

1. their quote tokens (:func:`detente.evidence.segment.words`, as multisets) cover each other:
   ``|P ∩ G| / |G| ≥ 0.8`` and ``|P ∩ G| / |P| ≥ 0.8``; and
2. the speakers share a name token (:func:`speaker_tokens`) with the gold speaker or one of its
   accepted alternatives.

Pairs are one-to-one, taken greedily from the largest smaller coverage down. A prediction paired
with an *optional* gold item counts nowhere; an unpaired optional item is not a miss. Then per
kind, true positives and misses go to the gold statement's kind (``direct``, ``indirect``,
``mixed``) and false positives to the predicted statement's kind; precision
``P = tp / (tp + fp)``, recall ``R = tp / (tp + fn)``, ``F1 = 2PR / (P + R)``; micro scores over
articles add the counts. The convention follows the evaluation of quotation attribution by
span overlap and speaker in Pareti (2016), *PARC 3.0: A corpus of attribution relations*, LREC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from detente.evidence.extract import ExtractedStatement
from detente.evidence.names import TITLE_WORDS
from detente.evidence.segment import words

__all__ = ["Counts", "MatchScores", "coverage", "match_scores", "same_speaker", "speaker_tokens"]

THRESHOLD = 0.8
_NOT_NAMES = TITLE_WORDS | {
    "the", "a", "an", "mr", "mrs", "ms", "dr", "u", "s", "of", "his", "her", "their", "its",
    "foreign", "ministry", "government", "state", "department", "office", "press", "service",
    "house", "national", "affairs", "policy", "former", "top", "senior", "for", "and",
}  # fmt: skip


def speaker_tokens(name: str | None) -> set[str]:
    """Name tokens of a speaker: lower case, without titles, articles and institution words.

    >>> sorted(speaker_tokens("Iran's Foreign Minister Mohammad Javad Zarif"))
    ['iran', 'javad', 'mohammad', 'zarif']
    """
    return {w.removesuffix("'s").removesuffix("’s") for w in words(name or "")} - _NOT_NAMES


def same_speaker(predicted: str | None, gold: str, alternatives: Iterable[str] = ()) -> bool:
    """Whether ``predicted`` shares a name token with ``gold`` or an alternative.

    >>> same_speaker("Lighthizer", "Robert Lighthizer"), same_speaker("Trump", "Robert Lighthizer")
    (True, False)
    """
    tokens = speaker_tokens(predicted)
    return any(tokens & speaker_tokens(name) for name in (gold, *alternatives))


def coverage(predicted: str, gold: str) -> tuple[float, float]:
    """Shares of the gold tokens the prediction covers, and of the predicted tokens gold covers.

    >>> coverage("we will talk", "we will talk soon")
    (0.75, 1.0)
    """
    p, g = Counter(words(predicted)), Counter(words(gold))
    common = sum((p & g).values())
    return (common / max(sum(g.values()), 1), common / max(sum(p.values()), 1))


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and misses, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)`` (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)`` (1.0 when there is nothing to find)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class MatchScores:
    """Counts per kind and overall, and the matched (prediction, gold) index pairs."""

    by_kind: dict[str, Counts]
    overall: Counts
    pairs: tuple[tuple[int, int], ...]


def _candidates(
    predicted: Sequence[ExtractedStatement], gold: Sequence[dict[str, Any]]
) -> list[tuple[float, int, int]]:
    found = []
    for j, g in enumerate(gold):
        names = g.get("speaker_alternatives", ())
        for i, p in enumerate(predicted):
            covered = min(coverage(p.quote, str(g["quote"])))
            if covered >= THRESHOLD and same_speaker(p.speaker, str(g["speaker"]), names):
                found.append((covered, i, j))
    return sorted(found, key=lambda c: (-c[0], c[1], c[2]))


def match_scores(
    predicted: Sequence[ExtractedStatement], gold: Sequence[dict[str, Any]]
) -> MatchScores:
    """Score ``predicted`` against ``gold`` (dicts with ``quote``, ``speaker``, ``kind``)."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in _candidates(predicted, gold):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    counts: dict[str, Counter[str]] = {}
    for _, j in pairs:
        if not gold[j].get("optional"):
            counts.setdefault(str(gold[j].get("kind", "direct")), Counter())["tp"] += 1
    for j, g in enumerate(gold):
        if j not in used_g and not g.get("optional"):
            counts.setdefault(str(g.get("kind", "direct")), Counter())["fn"] += 1
    for i, p in enumerate(predicted):
        if i not in used_p:
            counts.setdefault(p.kind, Counter())["fp"] += 1
    by_kind = {k: Counts(c["tp"], c["fp"], c["fn"]) for k, c in sorted(counts.items())}
    return MatchScores(by_kind, sum(by_kind.values(), Counts()), tuple(sorted(pairs)))
