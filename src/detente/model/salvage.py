"""Partial validation: the valid part of a broken scenario, so cross-checks can still run.

When pydantic rejects a scenario, the cross-reference checks of :mod:`detente.model.checks`
(duplicate ids, unknown parties, issues, options and evidence, bad conditions, parameter paths)
would otherwise wait until the field errors are fixed. To report every problem at once, each
item of each top-level list (parties, issues, postures, definitions, events, feasibility,
uncertainty, evidence sources and statements) is validated on its own; the valid items form a
partial scenario that the checks run on. Limits, by design:

- an item with a field error is left out whole, so its *other* cross-reference problems
  (e.g. a bad condition in a party whose weights are negative) appear only once the field error
  is fixed;
- references to a left-out item are not reported (its id is passed to the checks as
  :class:`~detente.model.checks.Known`), since the item's own error already is;
- paths of problems found on the partial scenario are mapped back to the file's indices.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pydantic import BaseModel, ValidationError

from detente.model.checks import Known, Path, Problem, check_scenario
from detente.model.scenario import (
    Definition,
    Event,
    Evidence,
    Feasibility,
    Issue,
    Metadata,
    Party,
    Posture,
    Process,
    Scenario,
    Source,
    Statement,
    Uncertainty,
)

__all__ = ["salvage_problems"]

_LISTS: dict[Path, type[BaseModel]] = {
    ("parties",): Party,
    ("issues",): Issue,
    ("feasibility",): Feasibility,
    ("postures",): Posture,
    ("definitions",): Definition,
    ("events",): Event,
    ("uncertainty",): Uncertainty,
    ("evidence", "sources"): Source,
    ("evidence", "statements"): Statement,
}
# Without valid metadata, as_of is unknown: the latest date, so that nothing counts as hindsight.
_PLACEHOLDER = Metadata(id="partial", title="partial", as_of="9999-12-31")  # type: ignore[arg-type]


def _valid_items(raw: Any, model: type[BaseModel]) -> tuple[list[BaseModel], list[int], set[str]]:
    """Valid items of a raw list, their original indices, and the ids of invalid ones."""
    items: list[BaseModel] = []
    indices: list[int] = []
    dropped: set[str] = set()
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            items.append(model.model_validate(item))
            indices.append(index)
        except ValidationError:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                dropped.add(item["id"])
    return items, indices, dropped


def _get(data: dict[str, Any], path: Path) -> Any:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _section(data: dict[str, Any], key: str, model: type[BaseModel], default: Any) -> Any:
    with contextlib.suppress(ValidationError):
        return model.model_validate(data[key]) if key in data else default
    return default


def salvage_problems(data: dict[str, Any]) -> list[Problem]:
    """Cross-reference problems of the valid part of ``data`` (a scenario that failed pydantic)."""
    lists: dict[Path, list[Any]] = {}
    indices: dict[Path, list[int]] = {}
    dropped: dict[Path, set[str]] = {}
    for path, model in _LISTS.items():
        lists[path], indices[path], dropped[path] = _valid_items(_get(data, path), model)
    status_quo: Any = data.get("status_quo")
    valid_status_quo = isinstance(status_quo, dict) and all(
        isinstance(v, str) for v in status_quo.values()
    )
    scenario = Scenario.model_construct(
        metadata=_section(data, "metadata", Metadata, _PLACEHOLDER),
        parties=lists[("parties",)],
        issues=lists[("issues",)],
        status_quo=status_quo if valid_status_quo else {},
        feasibility=lists[("feasibility",)],
        postures=lists[("postures",)],
        definitions=lists[("definitions",)],
        events=lists[("events",)],
        evidence=Evidence.model_construct(
            sources=lists[("evidence", "sources")],
            statements=lists[("evidence", "statements")],
        ),
        uncertainty=lists[("uncertainty",)],
        process=_section(data, "process", Process, Process()),
    )
    known = Known(
        parties=frozenset(dropped[("parties",)]),
        issues=frozenset(dropped[("issues",)]),
        statements=frozenset(dropped[("evidence", "statements")]),
        sources=frozenset(dropped[("evidence", "sources")]),
    )
    return [_remap(p, indices) for p in check_scenario(scenario, known)]


def _remap(problem: Problem, indices: dict[Path, list[int]]) -> Problem:
    """Map a path into the partial scenario back to the file's list indices."""
    for prefix, table in indices.items():
        n = len(prefix)
        position = problem.path[n] if len(problem.path) > n else None
        if problem.path[:n] == prefix and isinstance(position, int):
            path = (*prefix, table[position], *problem.path[n + 1 :])
            return Problem(path, problem.message, problem.severity)
    return problem
