"""Scoring extracted statements against a gold annotation.

The matcher, per kind (direct statements are scored against gold direct statements, indirect
against indirect):

1. *Quote tokens*: :func:`detente.evidence.segment.words` of each quote (lower case, punctuation
   dropped, ’ read as '). The overlap of a predicted and a gold quote is the token F1 of their
   multisets, ``2|P ∩ G| / (|P| + |G|)``.
2. *Pairing*: greedy one-to-one on the highest overlap first; a pair needs overlap ≥ 0.5.
3. *Speaker*: names are normalised (lower case, titles, honorifics and articles removed) and a
   speaker is right when the two names share a name token — a surname given first ("Moon
   Jae-in") or last ("John Bolton") both match "Moon" / "Bolton".

Scores: attribution precision = right speakers / predicted statements that name a speaker;
attribution recall = right speakers / gold statements; quote F1 = mean token F1 of the pairs;
date accuracy = share of pairs whose gold ``said_on`` is set with the same ``said_on`` and
``said_until``; party, venue, reporter and stance accuracy over the pairs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.evidence.extract import ExtractedStatement
from detente.evidence.names import TITLE_WORDS
from detente.evidence.realgold import corpus_dir, load_real_gold
from detente.evidence.segment import words
from detente.model.reading import ReadError, decode_utf, read_limited

__all__ = ["Gold", "KindScores", "load_gold", "name_tokens", "score", "token_f1"]

_NOT_NAMES = TITLE_WORDS | {"the", "a", "an", "mr", "mrs", "ms", "dr", "u", "s", "of", "his", "her"}


@dataclass(frozen=True)
class Gold:
    """A gold annotation: the article, its date, the scenario and the statements."""

    article: Path
    article_date: dt.date | None
    scenario: str | None
    statements: list[dict[str, Any]]


MAX_GOLD_BYTES = 8 * 1024 * 1024


def _gold_json(file: Path) -> dict[str, Any]:
    """The JSON object of a gold file, read with a size limit; ValueError when it is not one."""
    try:
        data = json.loads(decode_utf(read_limited(file, MAX_GOLD_BYTES)))
    except ReadError as error:
        raise ValueError(error.message) from None
    except RecursionError:
        raise ValueError("the JSON nests too deeply") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"line {error.lineno}, column {error.colno}: {error.msg}") from None
    if not isinstance(data, dict) or not (
        isinstance(data.get("article"), str) or isinstance(data.get("corpus_id"), str)
    ):
        raise ValueError(
            'expected a JSON object with an "article" path (or a "corpus_id") and "statements"'
        )
    statements = data.get("statements")
    if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
        raise ValueError('"statements" must be a list of objects')
    for key in ("scenario", "article_date"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ValueError(f'"{key}" must be a string')
    return data


def load_gold(path: str | Path, shared: Path | None = None) -> Gold:
    """Read a gold JSON file; ``"shared:REL"`` article paths resolve under ``shared``.

    A real-article gold (with ``corpus_id``) resolves its article in the news corpus and gets
    its quotes from the text there (:func:`detente.evidence.realgold.load_real_gold`).

    Raises
    ------
    ValueError
        The file cannot be read (missing, not a regular file, over 8 MB), is not JSON, or does
        not have the shape of a gold annotation.
    """
    file = Path(path)
    data = _gold_json(file)
    if "corpus_id" in data:  # a real article: text outside the repository (:mod:`.realgold`)
        real = load_real_gold(file)
        date = dt.date.fromisoformat(real.article_date) if real.article_date else None
        return Gold(corpus_dir() / f"{real.corpus_id}.txt", date, None, real.statements)
    article = str(data["article"])
    if article.startswith("shared:"):
        base = shared or file.resolve().parents[3].parent / "shared"
        resolved = base / article.removeprefix("shared:")
    else:
        resolved = file.parent / article
    scenario = data.get("scenario")
    if scenario and scenario.endswith(".yaml"):
        scenario = str(file.parent / scenario)
    date = data.get("article_date")
    return Gold(
        resolved, dt.date.fromisoformat(date) if date else None, scenario, data["statements"]
    )


def name_tokens(name: str | None) -> set[str]:
    """Normalised name tokens.

    >>> sorted(name_tokens("U.S. National Security Advisor John Bolton"))
    ['bolton', 'john', 'national', 'security']
    """
    return {w for w in words(name or "") if w not in _NOT_NAMES}


def token_f1(predicted: str, gold: str) -> float:
    """Token F1 of two quotes.

    >>> token_f1("We will talk,", "we will talk")
    1.0
    >>> round(token_f1("we will", "we will talk"), 2)
    0.8
    """
    p, g = Counter(words(predicted)), Counter(words(gold))
    total = sum(p.values()) + sum(g.values())
    return 2 * sum((p & g).values()) / total if total else 1.0


@dataclass(frozen=True)
class KindScores:
    """Scores for one kind of statement (see the module docstring)."""

    kind: str
    gold: int
    predicted: int
    matched: int
    attribution_precision: float
    attribution_recall: float
    quote_f1: float
    date_accuracy: float
    dated: int
    party_accuracy: float
    venue_accuracy: float
    reporter_accuracy: float
    stance_accuracy: float


def _pairs(
    predicted: list[ExtractedStatement], gold: list[dict[str, Any]]
) -> list[tuple[ExtractedStatement, dict[str, Any], float]]:
    candidates = [
        (token_f1(p.quote, str(g["quote"])), i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for overlap, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if overlap < 0.5 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((predicted[i], gold[j], overlap))
    return pairs


def _same_text(a: str, b: str) -> bool:
    return [w for w in words(a) if w != "the"] == [w for w in words(b) if w != "the"]


def _share(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 1.0


def _score_kind(
    kind: str, predicted: list[ExtractedStatement], gold: list[dict[str, Any]]
) -> KindScores:
    pairs = _pairs(predicted, gold)
    right = [bool(name_tokens(p.speaker) & name_tokens(g["speaker"])) for p, g, _ in pairs]
    named = sum(1 for p in predicted if p.speaker)
    dated = [(p, g) for p, g, _ in pairs if g.get("said_on")]
    date_hits = [
        str(p.said_on) == g["said_on"]
        and (str(p.said_until) if p.said_until else None) == g.get("said_until")
        for p, g in dated
    ]
    return KindScores(
        kind=kind,
        gold=len(gold),
        predicted=len(predicted),
        matched=len(pairs),
        attribution_precision=sum(right) / named if named else 1.0,
        attribution_recall=sum(right) / len(gold) if gold else 1.0,
        quote_f1=sum(o for _, _, o in pairs) / len(pairs) if pairs else 0.0,
        date_accuracy=_share(date_hits),
        dated=len(dated),
        party_accuracy=_share([p.party == g.get("party") for p, g, _ in pairs]),
        venue_accuracy=_share([_same_text(p.venue, g.get("venue") or "") for p, g, _ in pairs]),
        reporter_accuracy=_share(
            [_same_text(p.reported_by, g.get("reported_by") or "") for p, g, _ in pairs]
        ),
        stance_accuracy=_share([p.stance == g.get("stance") for p, g, _ in pairs]),
    )


def score(predicted: list[ExtractedStatement], gold: list[dict[str, Any]]) -> dict[str, KindScores]:
    """Scores per kind (``direct``, ``indirect`` with ``mixed``) of ``predicted`` against ``gold``.

    See :mod:`detente.evidence.match` for the P / R / F1 matcher of the real-article gold.
    """
    return {
        kind: _score_kind(
            kind,
            [p for p in predicted if _family(p.kind) == kind],
            [g for g in gold if _family(g.get("kind", "direct")) == kind],
        )
        for kind in ("direct", "indirect")
    }


def _family(kind: str) -> str:
    """``mixed`` (a paraphrase with quoted words) is scored with the reported clauses."""
    return "indirect" if kind == "mixed" else kind
