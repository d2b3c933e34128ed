"""Load scenario files: YAML text to a validated :class:`Scenario`, with located diagnostics.

Validation runs in three layers, and every problem of every layer is reported at once, each
as ``file:line:column: severity: path: message``:

1. reading (:mod:`detente.model.yamlio`): size, encoding, YAML syntax, depth, alias bombs;
   a file that fails here has no data to check further;
2. fields (pydantic, :mod:`detente.model.scenario`): unknown keys, missing fields, wrong types,
   values out of range, bad dates, per-model rules (``max > min``, a principal's preferences);
3. cross-references (:mod:`detente.model.checks`): duplicate ids, unknown parties, issues,
   options and evidence, conditions, parameter paths, weights. When layer 2 fails these run on
   the valid part of the file (:mod:`detente.model.salvage`).

Weights that do not sum to 1 are *normalised with a warning* (they are divided by their sum
when utilities are compiled); negative or all-zero weights are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from detente.errors import DetenteError
from detente.model.checks import Path, Problem, check_scenario
from detente.model.errors import pydantic_problems
from detente.model.salvage import salvage_problems
from detente.model.scenario import Scenario
from detente.model.yamlio import (
    MAX_BYTES,
    Positions,
    YamlError,
    decode_text,
    dump_yaml,
    parse_yaml,
    read_bytes,
)

__all__ = [
    "MAX_BYTES",
    "Diagnostic",
    "ScenarioError",
    "Validation",
    "dump_scenario",
    "format_path",
    "load_scenario",
    "load_scenario_bytes",
    "load_scenario_text",
    "validate_scenario_bytes",
    "validate_scenario_file",
    "validate_scenario_text",
    "warnings_for",
]


@dataclass(frozen=True)
class Diagnostic:
    """A located problem: ``file:line:column: severity: path: message`` (1-based)."""

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


class ScenarioError(DetenteError):
    """A scenario that cannot be loaded; ``diagnostics`` lists every problem found.

    Warnings found alongside the errors are in ``diagnostics`` too (``severity='warning'``).
    """

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one file: the scenario (None if invalid) and diagnostics."""

    file: str
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def unwrap(self) -> Scenario:
        """The scenario, or raise :class:`ScenarioError` with the diagnostics."""
        if self.scenario is None or self.errors:
            raise ScenarioError(list(self.diagnostics))
        return self.scenario


def format_path(path: Path) -> str:
    """``('parties', 1, 'preferences')`` -> ``parties[1].preferences``.

    Examples
    --------
    >>> format_path(("parties", 1, "preferences", "weights", "sanctions"))
    'parties[1].preferences.weights.sanctions'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _read_failure(file: str, error: YamlError) -> Validation:
    # File-level problems are reported at 1:1 so that every line has the same shape.
    diagnostic = Diagnostic(file, error.line or 1, error.column or 1, "", error.message)
    return Validation(file, None, (diagnostic,))


def validate_scenario_text(text: str, file: str = "<text>") -> Validation:
    """Validate YAML ``text`` as a scenario, collecting every error and warning."""
    try:
        data, positions = parse_yaml(text)
    except YamlError as error:
        return _read_failure(file, error)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        message = f"a scenario must be a mapping of sections (metadata, parties, ...), not {kind}"
        return Validation(file, None, (Diagnostic(file, 1, 1, "", message),))
    return _validate_data(data, positions, file)


def _validate_data(data: dict[str, Any], positions: Positions, file: str) -> Validation:
    scenario: Scenario | None
    try:
        scenario = Scenario.model_validate(data)
        problems = check_scenario(scenario)
    except ValidationError as error:
        scenario = None
        problems = pydantic_problems(error, data) + salvage_problems(data)
    except RecursionError:
        problems, scenario = [Problem((), "the document nests too deeply")], None
    diagnostics = tuple(_locate(problems, positions, file))
    if any(d.severity == "error" for d in diagnostics):
        scenario = None
    return Validation(file, scenario, diagnostics)


def validate_scenario_bytes(raw: bytes, file: str = "<bytes>") -> Validation:
    """Validate the bytes of a scenario file (UTF-8 YAML)."""
    try:
        text = decode_text(raw)
    except YamlError as error:
        return _read_failure(file, error)
    return validate_scenario_text(text, file)


def validate_scenario_file(path: str | FilePath) -> Validation:
    """Validate the scenario file at ``path``; never raises for bad input."""
    file = str(path)
    try:
        raw = read_bytes(FilePath(path))
    except YamlError as error:
        return _read_failure(file, error)
    return validate_scenario_bytes(raw, file)


def _locate(problems: list[Problem], positions: Positions, file: str) -> list[Diagnostic]:
    diagnostics = []
    for problem in problems:
        line, column = positions.locate(problem.path)
        diagnostics.append(
            Diagnostic(
                file, line, column, format_path(problem.path), problem.message, problem.severity
            )
        )
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0))


def load_scenario_text(text: str, file: str = "<text>") -> Scenario:
    """Validate YAML ``text`` as a scenario; raise :class:`ScenarioError` listing every problem."""
    return validate_scenario_text(text, file).unwrap()


def load_scenario_bytes(raw: bytes, file: str = "<bytes>") -> Scenario:
    """Like :func:`load_scenario_text` for raw bytes (UTF-8, optionally with a BOM)."""
    return validate_scenario_bytes(raw, file).unwrap()


def load_scenario(path: str | FilePath) -> Scenario:
    """Load and validate the scenario file at ``path``.

    Raises
    ------
    ScenarioError
        With one :class:`Diagnostic` per problem, each with file, line, column and path.
    """
    return validate_scenario_file(path).unwrap()


def warnings_for(scenario: Scenario) -> list[Problem]:
    """Adjustments the loader made or tolerated (e.g. weights normalised)."""
    return [p for p in check_scenario(scenario) if p.severity == "warning"]


def dump_scenario(scenario: Scenario) -> str:
    """YAML text for ``scenario`` that :func:`load_scenario_text` reads back to an equal one."""
    return dump_yaml(scenario.model_dump(mode="json", exclude_defaults=True))
