"""Reading article text safely: bytes to normalised text, with offsets back to the input.

The extractor reads untrusted files, so this module is defensive: a size limit, a clear error
for binary or non-UTF-8 input, HTML reduced to its visible text (scripts and styles dropped),
and only linear-time regular expressions (no nested quantifiers), so that 20 MB of text
normalises in one pass.

Normalisation (all character-for-character except white space and the two spacing repairs):

- quotation marks: every double mark (straight ``"``, „ ‟ « » ″ ＂) becomes a directional
  “ or ”; single marks become ‘ or ’ (an apostrophe inside a word is ’). A straight mark opens
  when it follows white space, the start of a paragraph or an opening bracket, and closes
  otherwise — the usual "smart quotes" rule.
- white space: runs of spaces and tabs become one space; paragraphs are separated by a blank
  line when the text has blank lines, else each line is a paragraph; the result joins
  paragraphs with ``"\\n\\n"``.
- spacing repairs for text pasted from web pages: a space is inserted where a sentence or a
  clause was glued to the next word (``testing.The``, ``agreement,largely``) and where a
  lower-case word of three or more letters runs into a capitalised one (``summedGerald``).

:class:`Text` keeps sparse anchors so that :meth:`Text.source_offset` maps an offset of the
normalised text back to the decoded input (for HTML: the decoded visible text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from detente.errors import DetenteError

__all__ = [
    "MAX_BYTES",
    "Text",
    "TextError",
    "decode",
    "html_to_text",
    "looks_like_html",
    "normalise",
    "read_article",
]

#: Default size limit of an article (bytes).
MAX_BYTES = 32 * 1024 * 1024


class TextError(DetenteError, ValueError):
    """The input cannot be read as article text (message says why and what to do)."""


@dataclass(frozen=True)
class Text:
    """Normalised article text and the anchors mapping it back to the input.

    ``anchors`` is a sorted tuple of ``(normalised_offset, source_offset)``; between two anchors
    the mapping is a shift, so lookups are a binary search.
    """

    text: str
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def source_offset(self, offset: int) -> int:
        """The input offset of normalised offset ``offset``.

        Examples
        --------
        >>> t = normalise("a  b")
        >>> t.text, t.source_offset(2)
        ('a b', 3)
        """
        k = max(bisect.bisect_right(self._keys, offset) - 1, 0)
        norm, src = self.anchors[k]
        return src + (offset - norm)

    @cached_property
    def _keys(self) -> list[int]:
        return [a[0] for a in self.anchors]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph of :attr:`text`."""
        spans = []
        start = 0
        for match in re.finditer(r"\n\n", self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        return [s for s in spans if s[1] > s[0]]


def decode(data: bytes, name: str = "input", max_bytes: int = MAX_BYTES) -> str:
    """Decode article bytes as UTF-8 (a BOM is dropped), or raise :class:`TextError`.

    Examples
    --------
    >>> decode("Seoul “hopes”".encode())
    'Seoul “hopes”'
    >>> decode(b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    detente.evidence.text.TextError: input looks binary (it contains NUL bytes); give a text or HTML file
    """
    if len(data) > max_bytes:
        raise TextError(
            f"{name} is {len(data):,} bytes, over the limit of {max_bytes:,}; split the file"
        )
    if b"\x00" in data[:65536]:
        raise TextError(f"{name} looks binary (it contains NUL bytes); give a text or HTML file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise TextError(
            f"{name} is not valid UTF-8 (byte 0x{bad} at offset {error.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None


_HTML_HINT = re.compile(r"<(?:!doctype|html|body|head|p|div|br|script|article)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` looks like an HTML document (a tag among the first 4 kB).

    >>> looks_like_html("<p>Hi</p>"), looks_like_html("5 < 6 and p > q")
    (True, False)
    """
    return _HTML_HINT.search(text[:4096]) is not None


_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "button"})
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "hr",
        "title", "pre", "dd", "dt", "aside", "main", "nav",
    }
)  # fmt: skip


class _Visible(HTMLParser):
    """Collects the visible text; block elements end a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, a blank line between blocks.

    Scripts, styles and the ``<head>`` are dropped; entities are decoded.

    >>> html_to_text("<p>He said &ldquo;yes&rdquo;.<script>alert(1)</script></p><p>Next</p>")
    '\\n\\nHe said “yes”.\\n\\n\\n\\nNext\\n\\n'
    """
    parser = _Visible()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError) as error:  # malformed markup: keep what was parsed
        parser.parts.append(f"\n\n[HTML parse stopped: {error}]")
    return "".join(parser.parts)


_DOUBLE = '"„‟«»″＂'
_SINGLE = "'‚‛‹›′＇`‘’"
_OPENERS = " \t\n([{—–-/“‘"
_QUOTE_CHARS = re.compile("[" + re.escape(_DOUBLE + _SINGLE) + "]")

# Each repair inserts one space at the end of the match; every pattern is linear (single
# character classes, no nested quantifiers).
_GLUE = re.compile(r"[a-z]{2}[.!?](?=[A-Z][a-z])|[a-z][,;](?=[a-z])|\b[a-z]{3,}(?=[A-Z][a-z])")


_IRREGULAR_SPACE = re.compile(r"^\s+|\s+$| \s+|[^\S ]\s*")
_OPEN_CONTEXT = r"(?:(?<=[\s(\[{—–\-/“‘])|^)"
_QUOTE_RULES = (
    (re.compile(_OPEN_CONTEXT + '["„‟«»″＂]', re.MULTILINE), "“"),
    (re.compile('["„‟«»″＂]'), "”"),
    (re.compile(r"(?<=[^\W_])['‚‛‹›′＇`‘’](?=[^\W_])"), "’"),
    (re.compile(_OPEN_CONTEXT + "['‚‛‹›′＇`]", re.MULTILINE), "‘"),
    (re.compile("['‚‛‹›′＇`]"), "’"),
)


def _smart_quotes(text: str) -> str:
    """Directional quotation marks by constant-replacement passes (C speed)."""
    for pattern, mark in _QUOTE_RULES:
        text = pattern.sub(mark, text)
    return text


def _directional(match: re.Match[str]) -> str:
    text, i, ch = match.string, match.start(), match.group()
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE:
        return "“" if prev in _OPENERS else "”"
    if prev.isalnum() and nxt.isalnum():
        return "’"  # an apostrophe: don't, Moon’s
    if ch in "‘’":
        return ch
    return "‘" if prev in _OPENERS else "’"


def _is_break(run: str, blank_lines: bool) -> bool:
    if blank_lines:
        return run.count("\n") >= 2
    return "\n" in run


def normalise(raw: str) -> Text:
    """Normalise white space and quotation marks; see the module docstring.

    Examples
    --------
    >>> normalise('He said "yes,"\\n  she said.\\n\\n  Next  paragraph.').text
    'He said “yes,” she said.\\n\\nNext paragraph.'
    >>> normalise("summedGerald Seib").text
    'summed Gerald Seib'
    """
    raw = raw.replace("\r", "\n")
    blank_lines = re.search(r"\n[ \t]*\n", raw) is not None
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = [(0, 0)]
    src = length = 0
    # Only runs other than one plain space need work; ordinary text has few of them.
    for match in _IRREGULAR_SPACE.finditer(raw):
        word = raw[src : match.start()]
        pieces.append(word)
        length += len(word)
        run = match.group()
        if match.start() == 0 or match.end() == len(raw):
            replacement = ""
        else:
            replacement = "\n\n" if _is_break(run, blank_lines) else " "
        pieces.append(replacement)
        length += len(replacement)
        src = match.end()
        if len(replacement) != len(run):
            anchors.append((length, src))
    pieces.append(raw[src:])
    text = _smart_quotes("".join(pieces))
    return _repair_spacing(Text(text, tuple(anchors)))


def _repair_spacing(text: Text) -> Text:
    pieces: list[str] = []
    last = 0
    extra: list[tuple[int, int]] = []
    for match in _GLUE.finditer(text.text):
        pieces.append(text.text[last : match.end()])
        pieces.append(" ")
        last = match.end()
        extra.append((match.end(), len(extra) + 1))
    if not extra:
        return text
    pieces.append(text.text[last:])
    keys = [e[0] for e in extra]
    shifted = [(norm + _shift(keys, extra, norm), src) for norm, src in text.anchors]
    shifted += [(pos + n, text.source_offset(pos)) for pos, n in extra]
    return Text("".join(pieces), tuple(sorted(set(shifted))))


def _shift(keys: list[int], extra: list[tuple[int, int]], position: int) -> int:
    k = bisect.bisect_right(keys, position) - 1
    return extra[k][1] if k >= 0 else 0


def read_article(path: str | Path, max_bytes: int = MAX_BYTES, data: bytes | None = None) -> Text:
    """Read an article file (text or HTML; ``-`` with ``data`` for stdin) as normalised text.

    Raises
    ------
    TextError
        The file is missing, too large, binary, not UTF-8 or has no text.
    """
    name = str(path)
    if data is None:
        try:
            file = Path(path)
            if file.stat().st_size > max_bytes:
                raise TextError(f"{name} is over the limit of {max_bytes:,} bytes; split the file")
            data = file.read_bytes()
        except OSError as error:
            raise TextError(f"cannot read {name}: {error.strerror or error}") from None
    raw = decode(data, name, max_bytes)
    if looks_like_html(raw):
        raw = html_to_text(raw)
    text = normalise(raw)
    if not text.text.strip():
        raise TextError(f"{name} is empty (no text to extract statements from)")
    return text
