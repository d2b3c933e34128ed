"""Turn pydantic validation errors into problems located in the scenario's own terms.

pydantic reports a location such as ``('parties', 0, 'preferences', 'values', 'sanctions',
'dict[str,constrained-float]', 'none')``: besides keys and indices of the input, a location can
hold the tag of the union member that was tried. The general rule used here: **a location
element is kept only if it indexes into the input data** (a key of a mapping, an index of a
list), or if it is the last element of a ``missing`` error (the absent key). Everything else is
a union-member tag and is dropped, whatever the type is called.

A union then yields one error per member. When the input has the shape of one member (its
errors go deeper than the union itself), the other members' top-level complaints are noise and
are dropped; otherwise the members' messages are merged into one "expected one of" message.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from detente.model.checks import Path, Problem
from detente.model.conditions import suggestion
from detente.model.scenario import Scenario

__all__ = ["model_at", "pydantic_problems"]


def _clean(loc: tuple[Any, ...], data: Any, missing: bool) -> tuple[Path, Path | None]:
    """The data path of ``loc``, and the path where a union tag was dropped (if any)."""
    node = data
    path: list[str | int] = []
    union_at: Path | None = None
    for index, part in enumerate(loc):
        if _has(node, part):
            node = node[part]
        elif not (missing and index == len(loc) - 1 and isinstance(part, str)):
            union_at = tuple(path) if union_at is None else union_at
            continue
        path.append(part)
    return tuple(path), union_at


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _message(item: Any, path: Path, data: Any) -> str:
    kind, message = item["type"], str(item["msg"])
    split = _split_hint(data, path)
    if kind == "extra_forbidden":
        fields = _fields_at(path[:-1])
        hint = f"; {suggestion(str(path[-1]), fields)}" if fields else ""
        return f"unknown key {path[-1]!r}{split or hint}"
    if kind == "missing":
        return "missing required field"
    if kind == "string_type" and split:
        return f"{message}{split}"
    if kind == "string_type" and _is_number(item.get("input")):
        return f"{message}: {_number_hint(item['input'], path)}"
    return message.removeprefix("Value error, ")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_hint(value: int | float, path: Path) -> str:
    """Why a number is not text: YAML reads ``500`` or ``1.5`` unquoted as a number."""
    if path and path[-1] == "id":
        return (
            f"YAML reads the unquoted {value!r} as a number; ids that look like numbers must "
            f'be quoted, as written: id: "{value}"'
        )
    return f'YAML reads the unquoted {value!r} as a number; quote it, as written: "{value}"'


def _split_hint(data: Any, path: Path) -> str:
    """A hint when the key at ``path`` has no value and follows a key with a plain value.

    In a flow mapping ``{label: 100, 500 centrifuges}`` the comma ends the value of ``label``
    and makes ``500 centrifuges`` a key of its own, with no value.
    """
    if not path or not isinstance(path[-1], str):
        return ""
    parent = data
    for part in path[:-1]:
        parent = parent[part] if _has(parent, part) else None
    if not isinstance(parent, dict) or path[-1] not in parent or parent[path[-1]] is not None:
        return ""
    keys = list(parent)
    before = keys[keys.index(path[-1]) - 1] if keys.index(path[-1]) > 0 else None
    value = parent.get(before) if before is not None else None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return (
        f"; it has no value and looks like the rest of the value of {before!r} split at a "
        f'comma: quote the whole value, {before}: "{value}, {path[-1]}"'
    )


#: The most field errors turned into messages; beyond, one line says how many more there are.
MAX_PROBLEMS = 200


def pydantic_problems(error: ValidationError, data: Any) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located by the path into ``data``.

    At most :data:`MAX_PROBLEMS` errors are described (a file with 300,000 unknown keys would
    otherwise flood the output); one more problem says how many were left out.
    """
    plain: list[Problem] = []
    unions: dict[Path, list[tuple[Path, str]]] = {}
    items = error.errors(include_url=False)
    if len(items) > MAX_PROBLEMS:
        left = len(items) - MAX_PROBLEMS
        plain.append(
            Problem((), f"… and {left:,} more field errors (the first {MAX_PROBLEMS} are listed)")
        )
    for item in items[:MAX_PROBLEMS]:
        path, union_at = _clean(tuple(item["loc"]), data, item["type"] == "missing")
        message = _message(item, path, data)
        if union_at is None:
            plain.append(Problem(path, message))
        else:
            unions.setdefault(union_at, []).append((path, message))
    for union_at, members in unions.items():
        plain.extend(_union_problems(union_at, members))
    return _unique(plain)


def _union_problems(union_at: Path, members: list[tuple[Path, str]]) -> Iterator[Problem]:
    deeper = [(path, message) for path, message in members if len(path) > len(union_at)]
    if deeper:
        for path, message in deeper:
            yield Problem(path, message)
        return
    forms = [message.removeprefix("Input should be ") for _, message in members]
    yield Problem(union_at, "expected one of: " + "; ".join(dict.fromkeys(forms)))


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def model_at(path: Path) -> type[BaseModel] | None:
    """The scenario model class that validates the value at ``path``, if it is a model."""
    current: Any = Scenario
    for part in path:
        current = _step(current, part)
        if current is None:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _fields_at(path: Path) -> list[str]:
    model = model_at(path)
    return list(model.model_fields) if model is not None else []


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated[X, ...]`` down to the model class, if there is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(models[0]) if len(models) == 1 else annotation
    return annotation


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else field.annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None
