"""One-step relaxations of a red line: move one option threshold so the condition admits more.

*Relaxing* a red line here means changing the option of one ordered comparison leaf
(``<``, ``<=``, ``>``, ``>=``; ``issue == top`` is read as ``issue >= top`` and
``issue == bottom`` as ``issue <= bottom``) by ``k`` ranks in the direction that makes the whole
condition weaker. A leaf under an even number of negations (``not``, the premise of ``->``) is
*positive*: the condition is monotone increasing in it, so the leaf itself is weakened
(``sanctions >= civilian`` -> ``sanctions >= humanitarian``). A *negative* leaf is strengthened
instead (``sanctions > none -> ...`` -> ``sanctions > humanitarian -> ...``: relief up to
humanitarian exemptions no longer needs the conclusion). By monotonicity every such variant
admits a superset of the outcomes the original admits. ``!=``, ``in {...}`` and ``==`` on an
interior option have no direction and are not relaxed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from detente.engines.space import OutcomeSpace
from detente.model.conditions import And, Compare, Condition, Implies, Not, Or, to_text

__all__ = ["Relaxation", "relaxations", "replace_at"]

Path = tuple[int, ...]
_UP = {">=": True, ">": True, "<=": False, "<": False}


@dataclass(frozen=True)
class Relaxation:
    """``condition`` with its leaf at ``path`` (``before``) moved ``steps`` ranks to ``after``."""

    path: Path
    before: str
    after: str
    steps: int
    condition: Condition


def _leaves(
    condition: Condition, path: Path, positive: bool
) -> Iterator[tuple[Path, Compare, bool]]:
    if isinstance(condition, Compare):
        yield path, condition, positive
    elif isinstance(condition, Not):
        yield from _leaves(condition.operand, (*path, 0), not positive)
    elif isinstance(condition, And | Or):
        for k, operand in enumerate(condition.operands):
            yield from _leaves(operand, (*path, k), positive)
    elif isinstance(condition, Implies):
        yield from _leaves(condition.premise, (*path, 0), not positive)
        yield from _leaves(condition.conclusion, (*path, 1), positive)


def replace_at(condition: Condition, path: Path, new: Condition) -> Condition:
    """``condition`` with the sub-condition at ``path`` replaced by ``new``."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(condition, Not):
        return Not(replace_at(condition.operand, rest, new))
    if isinstance(condition, And | Or):
        ops = list(condition.operands)
        ops[head] = replace_at(ops[head], rest, new)
        return dataclasses.replace(condition, operands=tuple(ops))
    assert isinstance(condition, Implies)
    if head == 0:
        return Implies(replace_at(condition.premise, rest, new), condition.conclusion)
    return Implies(condition.premise, replace_at(condition.conclusion, rest, new))


def _ordered(leaf: Compare, space: OutcomeSpace) -> Compare | None:
    """The leaf as an ordered comparison (``==`` at an end of the scale), or None."""
    if leaf.op in _UP:
        return leaf
    options = space.options[space.issues.index(leaf.issue)]
    if leaf.op == "==" and leaf.option == options[-1]:
        return Compare(leaf.issue, ">=", leaf.option)
    if leaf.op == "==" and leaf.option == options[0]:
        return Compare(leaf.issue, "<=", leaf.option)
    return None


def relaxations(condition: Condition, space: OutcomeSpace) -> list[Relaxation]:
    """Every single-leaf relaxation of ``condition`` by 1, 2, ... ranks (see module docstring).

    Examples
    --------
    >>> from detente.model.conditions import parse_condition
    >>> space = OutcomeSpace(("s", "d"), (("none", "some", "all"), ("no", "part", "full")))
    >>> [r.after for r in relaxations(parse_condition("s > none -> d == full"), space)]
    ['s > some', 's > all', 'd >= part', 'd >= no']
    """
    result: list[Relaxation] = []
    for path, leaf, positive in _leaves(condition, (), True):
        ordered = _ordered(leaf, space)
        if ordered is None:
            continue
        options = space.options[space.issues.index(leaf.issue)]
        rank = options.index(ordered.option)
        # A positive '>=' leaf is weakened by lowering its threshold; a negative one by raising.
        step = -1 if _UP[ordered.op] == positive else 1
        for k in range(1, len(options)):
            target = rank + step * k
            if not 0 <= target < len(options):
                break
            new = Compare(leaf.issue, ordered.op, options[target])
            result.append(
                Relaxation(path, to_text(leaf), to_text(new), k, replace_at(condition, path, new))
            )
    return result
