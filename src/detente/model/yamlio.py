"""Read YAML safely into plain data with the position of every value; write it back.

Reading uses ruamel.yaml's round-trip parser (pure Python), which keeps the line and column of
every key and item. Nothing in a file is executed and no tag is constructed into an object.
Hostile input is refused cheaply, before it costs memory or time:

- more than :data:`MAX_BYTES` of text (checked before decoding);
- NUL bytes or text that is not UTF-8;
- nesting deeper than :data:`MAX_DEPTH` (a cheap bracket scan first, because ruamel's scanner
  looks far ahead in deep flow collections, then the composer's own depth limit);
- documents whose aliases expand to more than :data:`MAX_NODES` values ("billion laughs"):
  the composer counts the expanded size of every anchor, so a bomb is refused after reading
  only its text, never expanded.

Timestamps are kept as text (pydantic parses dates), so that a bad date such as
``2019-02-30`` is reported at its line like any other wrong value.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.representer import SafeRepresenter

from detente.errors import DetenteError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Path",
    "Positions",
    "YamlError",
    "decode_text",
    "dump_yaml",
    "parse_yaml",
    "read_bytes",
]

MAX_BYTES = 20 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 64
# The bracket pre-scan counts brackets inside plain scalars too, so it gets a wider margin.
_MAX_BRACKETS = 4 * MAX_DEPTH

Path = tuple[str | int, ...]


class YamlError(DetenteError):
    """Text that is not a readable YAML document; ``line``/``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Positions:
    """Where each path of the document starts (0-based line and column, as ruamel keeps them)."""

    table: dict[Path, tuple[int, int]] = field(default_factory=lambda: {(): (0, 0)})

    def locate(self, path: Path) -> tuple[int | None, int | None]:
        """1-based line and column of ``path``, or of its nearest located ancestor."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.table:
                line, column = self.table[path[:end]]
                return line + 1, column + 1
        return None, None


class _BoundedComposer(Composer):  # type: ignore[misc]
    """A composer that counts the expanded size of the document and refuses alias bombs."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self._expanded = 0
        self._sizes: dict[Any, int] = {}
        self._open: set[Any] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            if event.anchor in self._open:
                raise YamlError(
                    f"the alias *{event.anchor} refers to a collection that contains it",
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                )
            self._grow(self._sizes.get(event.anchor, 1))
            return super().compose_node(parent, index)
        start = self._expanded
        self._grow(1)
        self._open.add(event.anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._open.discard(event.anchor)
        if event.anchor is not None:
            self._sizes[event.anchor] = self._expanded - start
        return node

    def _grow(self, count: int) -> None:
        self._expanded += count
        if self._expanded > MAX_NODES:
            raise YamlError(f"the document expands to more than {MAX_NODES:,} values (alias bomb?)")


class _Constructor(RoundTripConstructor):  # type: ignore[misc]
    """Round-trip constructor that keeps timestamps as text."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)


def _reader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _BoundedComposer
    yaml.Constructor = _Constructor
    return yaml


def _bracket_depth(text: str) -> int:
    """An upper bound on flow nesting: the deepest running count of open brackets."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > _MAX_BRACKETS:
                    break
        elif char in "]}" and depth > 0:
            depth -= 1
    return deepest


def parse_yaml(text: str) -> tuple[Any, Positions]:
    """Parse YAML ``text`` into plain dicts, lists and scalars, and the position of each value.

    Raises
    ------
    YamlError
        For text that is too large, too deep, an alias bomb or not valid YAML.
    """
    if len(text) > MAX_BYTES:
        raise YamlError(f"the text has {len(text):,} characters; the limit is {MAX_BYTES:,}")
    if _bracket_depth(text) > _MAX_BRACKETS:
        raise YamlError(f"the document nests deeper than {MAX_DEPTH} levels")
    positions = Positions()
    try:
        document = _reader().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(x) for x in (error.context, error.problem) if x) or str(error)
        line = None if mark is None else mark.line + 1
        column = None if mark is None else mark.column + 1
        raise YamlError(f"invalid YAML: {message}", line, column) from None
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError) as error:
        raise YamlError(f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlError(f"the document nests deeper than {MAX_DEPTH} levels") from None
    return _plain(document, (), positions), positions


def _plain(node: Any, path: Path, positions: Positions) -> Any:
    """ruamel nodes to plain Python data, recording the position of each key and item."""
    if isinstance(node, CommentedMap):
        result: dict[str, Any] = {}
        for key, value in node.items():
            child = (*path, key if isinstance(key, str) else str(key))
            line_col = _line_col(node, key)
            if line_col:
                positions.table[child] = line_col
            result[str(child[-1])] = _plain(value, child, positions)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            line_col = _line_col(node, index)
            if line_col:
                positions.table[child] = line_col
            items.append(_plain(value, child, positions))
        return items
    return _scalar(node)


def _line_col(node: CommentedMap | CommentedSeq, key: Any) -> tuple[int, int] | None:
    # Keys brought in by a merge (``<<``) have no position of their own.
    data = getattr(node.lc, "data", None) or {}
    found = data.get(key)
    return (found[0], found[1]) if found else None


def _scalar(node: Any) -> Any:
    # ruamel returns subclasses (ScalarFloat, ScalarInt, TaggedScalar...); keep plain values.
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    value = getattr(node, "value", None)
    return str(value) if isinstance(value, str) else str(node)


def decode_text(raw: bytes) -> str:
    """Decode ``raw`` as UTF-8 (a BOM is allowed); YamlError for binary or other encodings."""
    if len(raw) > MAX_BYTES:
        raise YamlError(f"{len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    if b"\x00" in raw:
        raise YamlError("binary data, not a YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8 text (byte {error.start})", line) from None


def read_bytes(path: FilePath) -> bytes:
    """The bytes of the file at ``path``; YamlError if it cannot be read or is too large."""
    try:
        if path.is_dir():
            raise YamlError("is a directory, not a scenario file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(f"the file has {size:,} bytes; the limit is {MAX_BYTES:,}")
        return path.read_bytes()
    except OSError as error:
        raise YamlError(f"cannot read: {error.strerror or error}") from None


class _Representer(SafeRepresenter):  # type: ignore[misc]
    """Safe representer that double-quotes strings a plain or block scalar would change."""

    def represent_str(self, data: str) -> Any:
        # ruamel writes NEL (U+0085) unescaped, and reads it back as a line break.
        style = '"' if any(c in data for c in "\x85\u2028\u2029") else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Representer.add_representer(str, _Representer.represent_str)


def dump_yaml(data: Any) -> str:
    """Block-style YAML for plain ``data``, keys in their given order."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
