"""Occasion dates: the date a statement with no date of its own takes from the narrative.

A report of a press conference dates the occasion once ("the closing press conference on
Thursday") and then quotes people for paragraphs without repeating the date. Two rules carry a
date forward through the narrative (the text outside quotations and reported clauses, since a
speaker's own words about "the November summit" say nothing about when they spoke):

1. **Occasion.** A dateline ("BONN, June 15, 2023 --"), or a date in a sentence that names an
   occasion (conference, briefing, summit, meeting, interview, hearing, talks, session, ...),
   sets the *occasion date*. Statements that follow take it until another explicit date appears
   (which ends the occasion) or another occasion is named without a date. A definite mention
   ("the briefing", "the conference president") is the same occasion and changes nothing. A
   past-perfect flashback ("On Tuesday, Henning had told ...") neither sets nor ends it.
2. **Next sentence.** A date given in one sentence reaches the next sentence of the same
   paragraph (it wins over the occasion date there).

This follows the temporal-anchoring idea of TimeML / TempEval event-to-DCT linking (Pustejovsky
et al. 2003, "TimeML: Robust Specification of Event and Temporal Expressions in Text"), reduced
to a left-to-right scan with one slot for the occasion and one for the previous sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from detente.evidence.dates import DateRef, find_date

__all__ = ["OCCASION", "context_dates", "narrative"]

OCCASION = re.compile(
    r"\b(?P<det>the |this |that )?(?:(?:press|news|closing|opening|final) )?"
    r"(?P<noun>conferences?|briefings?|summits?|meetings?|interviews?|hearings?|talks|"
    r"sessions?|press availability|news availability|roundtables?|plenary|plenaries|"
    r"ministerials?|negotiations)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [^\n]{0,40}?(?:—|--|–)")
_FLASHBACK = re.compile(r"\bhad (?:\w+ly )?(?:told|said|spoken|written|given|been|\w+ed)\b")


_ACCORDING = re.compile(r"^\s*According to [^,\n]{1,80},", re.IGNORECASE)


def narrative(masked: str, spans: Sequence[tuple[int, int]]) -> str:
    """``masked`` (quotations already blanked) with the reported clauses ``spans`` blanked too.

    >>> narrative("He said the summit failed. Then he left.", [(8, 25)])
    'He said                  . Then he left.'
    """
    chars = list(masked)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _occasion(text: str) -> str | None:
    """``"same"`` for a definite mention, ``"new"`` for another occasion, ``None`` for none."""
    lead = _ACCORDING.match(text)  # "According to X, <reported words>"
    text = lead.group() if lead else text
    kinds = ["same" if m.group("det") else "new" for m in OCCASION.finditer(text)]
    if not kinds:
        return None
    return "new" if "new" in kinds else "same"


def context_dates(
    sentences: Sequence[tuple[str, int]], article: dt.date | None = None
) -> list[DateRef | None]:
    """The date each sentence takes from context (see the module docstring), in order.

    ``sentences`` are ``(narrative text, paragraph number)`` pairs, the text with quotations and
    reported clauses blanked out (:func:`narrative`). A sentence's own date is not part of the result.

    Examples
    --------
    >>> texts = ["The summit opened on March 4, 2019.", "Kim said little.",
    ...          "Trump spoke later.", "The talks ended on March 9, 2019."]
    >>> [d.start.day if d else None for d in context_dates(list(zip(texts, [0, 0, 1, 2])))]
    [None, 4, 4, 4]
    """
    occasion: DateRef | None = None
    previous: tuple[int, DateRef] | None = None  # (paragraph, date) of the sentence before
    out: list[DateRef | None] = []
    for text, paragraph in sentences:
        carried = previous[1] if previous and previous[0] == paragraph else None
        out.append(carried or occasion)
        own = find_date(text, article, carried or occasion)
        kind = _occasion(text) or ("new" if _DATELINE.match(text) else None)
        previous = (paragraph, own) if own else None
        if _FLASHBACK.search(text):
            continue
        if own is not None:
            occasion = own if kind else None
        elif kind == "new":
            occasion = None
    return out
