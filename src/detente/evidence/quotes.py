"""Direct quotations: spans inside quotation marks, across sentences and paragraphs.

Works on :func:`detente.evidence.text.normalise`-d text, where every double mark is a
directional “ or ”. The scan is one pass over the marks (linear time):

- “ opens a quote; the next ” closes it. Multi-sentence quotes need nothing special.
- A paragraph that ends inside a quote continues into the next paragraph when that one opens
  with “ (the newspaper convention for multi-paragraph quotes: no closing mark at the end of
  the first paragraph); otherwise the quote is *unbalanced* and ends with its paragraph.
- A second “ inside an open quote closes the first one as unbalanced; a stray ” is ignored.
- Single marks ‘…’ inside a double quote are nested quotes and stay part of its text; a text
  with no double marks at all is read with ‘ ’ as the primary marks (British style).

:func:`join_interrupted` then joins a quote interrupted by its attribution — ``“A,” he said,
“b ...”`` — into one :class:`Quote`: the first part ends with a comma, the gap is a speaker and a
verb of saying followed by a comma, and the second part starts in lower case. ``“A,” Moon said.
“B.”`` stays two quotes (the second is a new sentence, attributed on its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "join_interrupted"]


@dataclass(frozen=True)
class Quote:
    """A direct quotation.

    Attributes
    ----------
    parts
        ``(start, end)`` of each piece of quoted text, without the marks.
    open_at, close_at
        Offset of the first opening mark, and just past the last closing mark (or the end of
        the paragraph for an unbalanced quote).
    balanced
        Whether every part had its closing mark.
    gaps
        ``(start, end)`` of the text between joined parts (the interrupting attribution).
    """

    parts: tuple[tuple[int, int], ...]
    open_at: int
    close_at: int
    balanced: bool = True
    gaps: tuple[tuple[int, int], ...] = ()

    def text(self, source: str) -> str:
        """The quoted text: the parts joined by a space, stripped."""
        return " ".join(source[s:e].strip() for s, e in self.parts).strip()


def _marks(text: str) -> tuple[str, str]:
    return ("“", "”") if "“" in text or "”" in text else ("‘", "’")


def _single_closes(text: str, i: int) -> bool:
    """A ’ closes a British-style quote only at a word end (not an apostrophe)."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not nxt.isalnum()


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """All direct quotations of ``text`` in order; see the module docstring.

    Examples
    --------
    >>> t = "“We will talk,” he said. “Soon.”\\n\\n“More\\n\\n“And more,” she said. “Open"
    >>> from detente.evidence.text import Text
    >>> [q.text(t) for q in find_quotes(t, Text(t).paragraphs)]
    ['We will talk,', 'Soon.', 'More And more,', 'Open']
    """
    opening, closing = _marks(text)
    quotes: list[Quote] = []
    parts: list[tuple[int, int]] = []
    open_at = start = -1
    for index, (p_start, p_end) in enumerate(paragraphs):
        for match in re.finditer(f"[{opening}{closing}]", text[p_start:p_end]):
            i = p_start + match.start()
            if match.group() == opening:
                if start >= 0:  # a new opening inside an open quote: close that one unbalanced
                    quotes.append(Quote((*parts, (start, i)), open_at, i, balanced=False))
                    parts = []
                if not parts:
                    open_at = i
                start = i + 1
            elif start >= 0 and (opening == "“" or _single_closes(text, i)):
                quotes.append(Quote((*parts, (start, i)), open_at, i + 1, balanced=True))
                parts, start = [], -1
        if start < 0:
            continue
        parts.append((start, p_end))
        start = -1
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if nxt is None or not text.startswith(opening, nxt[0]):
            quotes.append(Quote(tuple(parts), open_at, p_end, balanced=False))
            parts = []
    return [q for q in quotes if any(e > s for s, e in q.parts)]


_PRONOUN = r"(?:he|she|they|I|we)"
_NAME = r"(?:[A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3})"
_GAP_VERB = (
    r"(?:said|says|added|adds|continued|explained|told \w+(?: \w+)?|wrote|writes|argued|noted|"
    r"insisted|warned|asked|replied|recalled|stressed|went on)"
)
_GAP = re.compile(
    rf"^\s*(?:(?:{_PRONOUN}|{_NAME}) {_GAP_VERB}|{_GAP_VERB} (?:{_PRONOUN}|{_NAME}))"
    r"(?: [a-z]+)?(?:, [^,“”]{1,80}?)?\s*[,:]\s*$"
)


def join_interrupted(text: str, quotes: list[Quote]) -> list[Quote]:
    """Join ``“A,” he said, “b”`` into one quote; see the module docstring.

    Examples
    --------
    >>> t = "“If they agree,” he said, “we will lift sanctions.” “Next,” Moon said. “New.”"
    >>> from detente.evidence.text import Text
    >>> [q.text(t) for q in join_interrupted(t, find_quotes(t, Text(t).paragraphs))]
    ['If they agree, we will lift sanctions.', 'Next,', 'New.']
    """
    joined: list[Quote] = []
    for quote in quotes:
        if joined and _interrupts(text, joined[-1], quote):
            first = joined.pop()
            gap = (first.close_at, quote.open_at)
            joined.append(
                Quote(
                    first.parts + quote.parts,
                    first.open_at,
                    quote.close_at,
                    first.balanced and quote.balanced,
                    (*first.gaps, gap, *quote.gaps),
                )
            )
        else:
            joined.append(quote)
    return joined


def _interrupts(text: str, first: Quote, second: Quote) -> bool:
    if not first.balanced or second.open_at - first.close_at > 80:
        return False
    last_start, last_end = first.parts[-1]
    if not text[last_start:last_end].rstrip().endswith(","):
        return False
    body = text[second.parts[0][0] : second.parts[0][1]].lstrip()
    if not body or not body[0].islower():
        return False
    return _GAP.match(text[first.close_at : second.open_at]) is not None
