"""Tokens and sentences: a rule-based splitter, replaceable by a spaCy pipeline.

The extractor needs only sentence spans, so a :class:`Pipeline` is anything with a
``sentences(text)`` method returning ``(start, end)`` character spans. The default,
:class:`RulePipeline`, needs no model: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any
closing quotes or brackets) followed by white space and an upper-case letter, a digit or an
opening quote — unless the word before the period is an abbreviation ("U.S.", "Feb.", "Mr.",
an initial). An abbreviation that can also end a sentence ("U.S.", "a.m.", "Inc.") still ends one
when the next word is a usual sentence opener ("The", "He", ...). Paragraph breaks always end
a sentence. This follows the Punkt idea (Kiss & Strunk 2006, *Computational Linguistics* 32(4))
with a fixed abbreviation list instead of a learned one.

:func:`get_pipeline` returns a :class:`SpacyPipeline` (``"spacy"`` for the blank English
pipeline with its rule-based sentencizer, ``"spacy:NAME"`` for an installed trained pipeline)
when the optional ``nlp`` extra is installed. Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any, Protocol

from detente.errors import DetenteError

__all__ = [
    "ABBREVIATIONS",
    "Pipeline",
    "PipelineError",
    "RulePipeline",
    "SpacyPipeline",
    "get_pipeline",
    "words",
]

# Abbreviations that also end sentences: split after them when a usual opener follows.
_FINAL_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "d.c",
        "a.m",
        "p.m",
        "etc",
        "inc",
        "co",
        "ltd",
        "jr",
        "sr",
        "u.s.a",
    ]
)
#: Abbreviations whose period does not end a sentence (lower case, without the final period).
ABBREVIATIONS = (
    frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "dr",
            "prof",
            "gen",
            "lt",
            "col",
            "maj",
            "sgt",
            "capt",
            "adm",
            "sen",
            "rep",
            "gov",
            "pres",
            "amb",
            "st",
            "no",
            "vs",
            "corp",
            "dept",
            "est",
            "approx",
            "fig",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
            "i.e",
            "e.g",
            "n.y",
            "rev",
            "hon",
            "ft",
            "mt",
        ]
    )
    | _FINAL_ABBREVIATIONS
)
_OPENERS = frozenset(
    [
        "The",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "And",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "His",
        "Her",
        "Their",
        "Its",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "Although",
        "However",
        "Meanwhile",
        "Yet",
        "So",
        "If",
        "There",
        "Our",
        "My",
    ]
)

_BOUNDARY = re.compile(r"[.!?…]+[”’)\]]*[ \t]+(?=[“‘(\[A-Z0-9])|\n\n")
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")


class PipelineError(DetenteError, RuntimeError):
    """A requested NLP pipeline is not installed."""


class Pipeline(Protocol):
    """What the extractor needs from an NLP pipeline: sentence spans."""

    @property
    def name(self) -> str:
        """A short name of the pipeline ("rules", "spacy", "spacy:MODEL")."""
        ...

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text``, in order, covering its non-space text."""
        ...


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes and hyphens kept inside words).

    >>> words("The U.S. won’t “budge,” he said.")
    ['the', 'u', 's', "won't", 'budge', 'he', 'said']
    """
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "“‘(":
        start -= 1
    return text[start:end]


def _is_abbreviation(text: str, period: int, next_word: str) -> bool:
    word = _word_before(text, period).lower()
    if not word or text[period] != ".":
        return False
    is_initial = len(word) == 1 and word.isalpha()
    is_acronym = re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) is not None
    if not (word in ABBREVIATIONS or is_initial or is_acronym):
        return False
    return not (word in _FINAL_ABBREVIATIONS and next_word in _OPENERS)


@dataclass(frozen=True)
class RulePipeline:
    """The model-free sentence splitter described in the module docstring.

    Examples
    --------
    >>> text = "Mr. Kim met U.S. envoys on Feb. 27. He left. The U.S. The end."
    >>> [text[s:e] for s, e in RulePipeline().sentences(text)]
    ['Mr. Kim met U.S. envoys on Feb. 27.', 'He left.', 'The U.S.', 'The end.']
    """

    name: str = "rules"

    def sentences(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _BOUNDARY.finditer(text):
            if match.group() != "\n\n":
                next_word = text[match.end() : match.end() + 40].split(" ", 1)[0].strip("“‘(")
                if _is_abbreviation(text, match.start(), next_word):
                    continue
            end = match.end()
            spans.append((start, end))
            start = end
        spans.append((start, len(text)))
        return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class SpacyPipeline:
    """Sentence spans from a spaCy ``Language`` (blank with a sentencizer, or trained)."""

    def __init__(self, nlp: Any, name: str = "spacy") -> None:
        self.nlp = nlp
        self.name = name

    def sentences(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
            doc = self.nlp(paragraph.group())
            base = paragraph.start()
            spans += [(base + s.start_char, base + s.end_char) for s in doc.sents]
        return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def get_pipeline(name: str | None = None) -> Pipeline:
    """``None``/``"rules"``: :class:`RulePipeline`; ``"spacy"`` or ``"spacy:MODEL"``: spaCy.

    Raises
    ------
    PipelineError
        spaCy (the ``nlp`` extra) or the named trained pipeline is not installed; nothing is
        downloaded.
    """
    if name in (None, "", "rules"):
        return RulePipeline()
    assert name is not None
    if not name.startswith("spacy"):
        raise PipelineError(f"unknown pipeline {name!r}; use rules, spacy or spacy:MODEL")
    try:
        spacy = importlib.import_module("spacy")
    except ImportError:
        raise PipelineError("spaCy is not installed; pip install 'detente[nlp]'") from None
    model = name.partition(":")[2]
    if not model:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return SpacyPipeline(nlp, "spacy")
    try:
        return SpacyPipeline(spacy.load(model), name)
    except OSError:
        raise PipelineError(f"the spaCy pipeline {model!r} is not installed") from None
