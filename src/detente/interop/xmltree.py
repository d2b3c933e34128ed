"""A small, safe XML tree with line numbers, and the lenient repairs for known GENIUS quirks.

Parsing uses the standard library's expat directly (not ``xml.etree``) so that every element
keeps its line number for located errors. Document type declarations and entity declarations
are refused outright: GENIUS files never use them, and refusing them closes the entity-expansion
("billion laughs") and external-entity attacks without the ``defusedxml`` dependency. Nesting
deeper than :data:`MAX_DEPTH` is refused too. Nothing in a file is ever executed.

Lenient reading (only when the strict parse fails; each repair is reported as a warning):

* an ``&`` that does not start an entity or character reference is read as ``&amp;``
  (``ZoningPlan/*.xml``: ``value="all to two(farmer & mun.)"``);
* an attribute glued to the previous one's closing quote gets the missing space
  (``Car/adg_deal.xml``: ``type="discrete"vtype="discrete"``).

Neither repair adds a line, so line numbers in later errors still point into the original file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from detente.interop.errors import InteropError

__all__ = ["MAX_DEPTH", "Node", "parse_xml"]

MAX_DEPTH = 64
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z_][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_GLUED_ATTR = re.compile(rb"""(\s[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))(?=[A-Za-z_])""")


@dataclass
class Node:
    """An element: tag, attributes, 1-based line, children in document order."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)

    def kids(self, tag: str) -> list[Node]:
        """Direct children named ``tag``."""
        return [child for child in self.children if child.tag == tag]

    def iter(self, tag: str) -> Iterator[Node]:
        """This node and its descendants named ``tag``, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            if node.tag == tag:
                yield node
            stack.extend(reversed(node.children))

    def first(self, tag: str) -> Node | None:
        return next(self.iter(tag), None)


class _RefusedError(Exception):
    pass


def _strict(raw: bytes, file: str) -> Node:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    roots: list[Node] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise _RefusedError(f"elements nest deeper than {MAX_DEPTH} levels")
        node = Node(tag, attrib, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def refuse(*args: object) -> None:
        raise _RefusedError("DOCTYPE and ENTITY declarations are not allowed in GENIUS files")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(raw, True)
    except _RefusedError as error:
        raise InteropError(file, str(error), parser.CurrentLineNumber) from None
    return roots[0]


def _repair(raw: bytes) -> tuple[bytes, list[str]]:
    warnings = []
    for pattern, replacement, what in (
        (_BARE_AMP, b"&amp;", "unescaped '&' read as '&amp;'"),
        (_GLUED_ATTR, rb"\1 ", "missing space between two attributes inserted"),
    ):
        lines = sorted({raw.count(b"\n", 0, m.start()) + 1 for m in pattern.finditer(raw)})
        if lines:
            raw = pattern.sub(replacement, raw)
            shown = ", ".join(str(n) for n in lines[:8]) + (" ..." if len(lines) > 8 else "")
            warnings.append(f"not well-formed XML, read leniently: {what} (line {shown})")
    return raw, warnings


def parse_xml(raw: bytes, file: str) -> tuple[Node, list[str]]:
    """The element tree of ``raw`` and the warnings of any lenient repair.

    Raises
    ------
    InteropError
        With the line and column of the first error when even the repaired text is not XML.
    """
    try:
        return _strict(raw, file), []
    except expat.ExpatError as first:
        repaired, warnings = _repair(raw)
        error = first
        if warnings:
            try:
                return _strict(repaired, file), [f"{file}: {w}" for w in warnings]
            except expat.ExpatError as second:
                error = second
        message = f"not well-formed XML: {expat.ErrorString(error.code)}"
        raise InteropError(file, message, error.lineno, error.offset + 1) from None
