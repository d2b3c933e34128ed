"""The actor table of one issue dimension, and its CSV loader.

A CSV actor table has the header ``name,position,capability,salience`` (any column order, case
and surrounding spaces ignored) and one actor per row. Salience is used as a probability (§4
of the spec), so it must end up in [0, 1]: when every salience lies in [0, 1] the column is
taken as is; when any exceeds 1 and all lie in [0, 100] the column is read as 0–100 and divided
by 100 (``salience_scale`` records which). Capability must be ≥ 0; only ratios matter.

Every problem is reported as ``file:line: what is wrong``; no traceback reaches the user.

Examples
--------
>>> t = parse_actors_csv("name,position,capability,salience\\nA,0,1,50\\nB,1,2,100\\n")
>>> t.salience.tolist(), t.salience_scale
([0.5, 1.0], '0-100')
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from detente.engines.forecast.errors import ForecastError

__all__ = ["ActorTable", "ActorTableError", "load_actors_csv", "make_table", "parse_actors_csv"]

FloatArray = npt.NDArray[np.float64]
COLUMNS = ("name", "position", "capability", "salience")
MAX_BYTES = 10 * 1024 * 1024


class ActorTableError(ForecastError):
    """A malformed actor table; ``problems`` lists every ``file:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ActorTable:
    """Actors on one dimension: ``names[i]`` at ``position[i]`` with its capability, salience."""

    names: tuple[str, ...]
    position: FloatArray
    capability: FloatArray
    salience: FloatArray
    salience_scale: str = "0-1"

    @property
    def n(self) -> int:
        return len(self.names)


def make_table(
    names: list[str] | tuple[str, ...],
    position: list[float] | FloatArray,
    capability: list[float] | FloatArray,
    salience: list[float] | FloatArray,
) -> ActorTable:
    """An :class:`ActorTable` from plain sequences (salience already in [0, 1]).

    Raises
    ------
    ActorTableError
        For mismatched lengths, non-finite numbers, negative capability or salience outside
        [0, 1].
    """
    x, c, s = (np.asarray(v, dtype=np.float64) for v in (position, capability, salience))
    problems = []
    if not len(names) == x.size == c.size == s.size or x.ndim != 1:
        problems.append("names, positions, capabilities and saliences differ in length")
    elif not (np.isfinite(x).all() and np.isfinite(c).all() and np.isfinite(s).all()):
        problems.append("every number must be finite")
    elif (c < 0).any() or (s < 0).any() or (s > 1).any():
        problems.append("capability must be >= 0 and salience in [0, 1]")
    if problems:
        raise ActorTableError(problems)
    return ActorTable(tuple(names), x, c, s)


def _number(text: str, column: str, where: str, problems: list[str]) -> float:
    try:
        value = float(text)
    except ValueError:
        problems.append(f"{where}: {column} {text!r} is not a number")
        return math.nan
    if not math.isfinite(value):
        problems.append(f"{where}: {column} {text!r} is not a finite number")
    elif column != "position" and value < 0:
        problems.append(f"{where}: {column} {text!r} must not be negative")
    return value


def _header(row: list[str], file: str) -> dict[str, int]:
    cleaned = [cell.strip().lower() for cell in row]
    missing = [c for c in COLUMNS if c not in cleaned]
    if missing:
        raise ActorTableError(
            [f"{file}:1: header lacks {', '.join(missing)}; expected {','.join(COLUMNS)}"]
        )
    return {c: cleaned.index(c) for c in COLUMNS}


def _salience_scale(values: list[float], file: str) -> tuple[list[float], str]:
    if all(0.0 <= v <= 1.0 for v in values):
        return values, "0-1"
    if all(0.0 <= v <= 100.0 for v in values):
        return [v / 100.0 for v in values], "0-100"
    raise ActorTableError([f"{file}: salience must lie in [0, 1] or in [0, 100] for every row"])


def parse_actors_csv(text: str, file: str = "<csv>") -> ActorTable:
    """Parse the CSV ``text`` of an actor table; ``file`` names it in error messages."""
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ActorTableError([f"{file}:{reader.line_num}: {error}"]) from None
    if not rows:
        raise ActorTableError([f"{file}:1: empty file; expected a header {','.join(COLUMNS)}"])
    index = _header(rows[0], file)
    problems: list[str] = []
    names: list[str] = []
    numbers: list[list[float]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{file}:{line}"
        if len(row) < len(rows[0]):
            problems.append(f"{where}: expected {len(rows[0])} fields, found {len(row)}")
            continue
        name = row[index["name"]].strip()
        if not name:
            problems.append(f"{where}: empty name")
        elif name in names:
            problems.append(f"{where}: duplicate actor name {name!r}")
        names.append(name)
        numbers.append([_number(row[index[c]].strip(), c, where, problems) for c in COLUMNS[1:]])
    if not problems and len(names) < 2:
        problems.append(f"{file}: an actor table needs at least two actors")
    if problems:
        raise ActorTableError(problems)
    position, capability, salience = (list(col) for col in zip(*numbers, strict=True))
    salience, scale = _salience_scale(salience, file)
    table = make_table(names, position, capability, salience)
    return ActorTable(table.names, table.position, table.capability, table.salience, scale)


def load_actors_csv(path: str | Path) -> ActorTable:
    """Read and parse the actor table at ``path`` (ActorTableError with located problems)."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()[: MAX_BYTES + 1]
    except OSError as error:
        raise ActorTableError([f"{file}: cannot read: {error.strerror or error}"]) from None
    if len(raw) > MAX_BYTES:
        raise ActorTableError([f"{file}: larger than {MAX_BYTES} bytes"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ActorTableError([f"{file}: not UTF-8 text (byte {error.start})"]) from None
    return parse_actors_csv(text, file)
