"""Load scenario files: YAML text to a validated :class:`Scenario`, with located errors.

The YAML is read with ruamel.yaml's safe round-trip parser, which keeps the line and column
of every key and item, so that each problem names ``file:line:column`` and its path
(``parties[1].preferences.weights.sanctions``). No tag is ever constructed into an object
and nothing in the file is executed. Oversized files, alias bombs and deep nesting are
refused with a clear error before they cost memory or time.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from detente.model.checks import Path, Problem, check_scenario
from detente.model.scenario import Scenario

__all__ = [
    "MAX_BYTES",
    "Diagnostic",
    "ScenarioError",
    "dump_scenario",
    "format_path",
    "load_scenario",
    "load_scenario_text",
    "parse_yaml",
]

MAX_BYTES = 20 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 64


@dataclass(frozen=True)
class Diagnostic:
    """A located problem: ``file:line:column: path: message`` (line and column 1-based)."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        path = f" {self.path}:" if self.path else ""
        return f"{where}: {self.severity}:{path} {self.message}"


class ScenarioError(Exception):
    """A scenario that cannot be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


@dataclass
class _Positions:
    """Where each path of the document starts, for locating problems."""

    table: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path) -> tuple[int | None, int | None]:
        for end in range(len(path), -1, -1):
            if path[:end] in self.table:
                line, column = self.table[path[:end]]
                return line + 1, column + 1
        return None, None


def format_path(path: Path) -> str:
    """``('parties', 1, 'preferences')`` -> ``parties[1].preferences``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _plain(node: Any, path: Path, positions: _Positions, budget: list[int]) -> Any:
    """Convert ruamel nodes to plain dicts and lists, recording positions; bounded work."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBigError(f"the document expands to more than {MAX_NODES:,} values (alias bomb?)")
    if len(path) > MAX_DEPTH:
        raise _TooBigError(f"the document nests deeper than {MAX_DEPTH} levels")
    if isinstance(node, CommentedMap):
        result: dict[Any, Any] = {}
        for key, value in node.items():
            line_col = node.lc.key(key) if hasattr(node, "lc") else None
            child = (*path, str(key))
            if line_col:
                positions.table[child] = line_col
            result[str(key) if not isinstance(key, str) else key] = _plain(
                value, child, positions, budget
            )
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            with contextlib.suppress(AttributeError, KeyError, IndexError, TypeError):
                positions.table[child] = node.lc.item(index)
            items.append(_plain(value, child, positions, budget))
        return items
    if isinstance(node, str):
        return str(node)
    return node


class _TooBigError(Exception):
    pass


def _failure(
    file: str, message: str, line: int | None = None, column: int | None = None
) -> ScenarioError:
    return ScenarioError([Diagnostic(file, line, column, "", message)])


def parse_yaml(text: str, file: str = "<text>") -> tuple[Any, _Positions]:
    """Parse YAML ``text`` into plain data and a table of positions; raise ScenarioError."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    positions = _Positions()
    try:
        with _RecursionLimit(4000):
            document = yaml.load(text)
        data = _plain(document, (), positions, [MAX_NODES])
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        message = " ".join(str(x) for x in (error.context, error.problem) if x) or str(error)
        raise ScenarioError(
            [Diagnostic(file, line, column, "", f"invalid YAML: {message}")]
        ) from None
    except (YAMLError, ValueError, TypeError) as error:
        raise _failure(file, f"invalid YAML: {error}") from None
    except RecursionError:
        raise ScenarioError(
            [Diagnostic(file, None, None, "", "the document nests too deeply")]
        ) from None
    except _TooBigError as error:
        raise _failure(file, str(error)) from None
    return data, positions


class _RecursionLimit:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.old = sys.getrecursionlimit()

    def __enter__(self) -> None:
        sys.setrecursionlimit(max(self.old, self.limit))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.old)


def _pydantic_problems(error: ValidationError) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc: Path = tuple(p for p in item["loc"] if isinstance(p, str | int))
        # pydantic adds the tag of a union branch to the location; drop the type names.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif item["type"] == "missing":
            message = "missing required field"
        yield Problem(loc, message)


_UNION_TAGS = {
    "dict[str,float]",
    "dict[str,constrained-float]",
    "literal['increasing','decreasing']",
    "function-after[_ordered(), NumericRange]",
}


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Validate YAML ``text`` as a scenario; raise :class:`ScenarioError` listing every problem."""
    data, positions = parse_yaml(text, file)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise ScenarioError(
            [Diagnostic(file, 1, 1, "", f"a scenario must be a mapping of sections, not {kind}")]
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(_locate(list(_pydantic_problems(error)), positions, file)) from None
    problems = check_scenario(scenario)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ScenarioError(_locate(errors, positions, file))
    return scenario


def _locate(problems: list[Problem], positions: _Positions, file: str) -> list[Diagnostic]:
    diagnostics = []
    for problem in problems:
        line, column = positions.locate(problem.path)
        diagnostics.append(
            Diagnostic(
                file, line, column, format_path(problem.path), problem.message, problem.severity
            )
        )
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0))


def read_text(path: FilePath) -> str:
    """Read a scenario file as UTF-8 text, refusing what is not text or is too large."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError(
                [
                    Diagnostic(
                        file, None, None, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise ScenarioError(
            [Diagnostic(file, None, None, "", f"cannot read: {error.strerror}")]
        ) from None
    return decode_text(raw, file)


def decode_text(raw: bytes, file: str) -> str:
    """Decode ``raw`` as UTF-8 text or raise a located ScenarioError."""
    if len(raw) > MAX_BYTES:
        raise _failure(file, f"{len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    if b"\x00" in raw:
        raise _failure(file, "binary data, not a YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _failure(file, f"not UTF-8 text (byte {error.start})", line) from None


def load_scenario(path: str | FilePath) -> Scenario:
    """Load and validate the scenario file at ``path``.

    Raises
    ------
    ScenarioError
        With one :class:`Diagnostic` per problem, each with file, line, column and path.
    """
    file_path = FilePath(path)
    return load_scenario_text(read_text(file_path), str(file_path))


def warnings_for(scenario: Scenario) -> list[Problem]:
    """Adjustments the loader made or tolerated (e.g. weights normalised)."""
    return [p for p in check_scenario(scenario) if p.severity == "warning"]


def dump_scenario(scenario: Scenario) -> str:
    """YAML text for ``scenario`` that :func:`load_scenario_text` reads back to an equal one."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
