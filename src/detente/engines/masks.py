"""Compile condition trees to vectorised boolean masks over option-rank arrays.

A condition (see :mod:`detente.model.conditions`) is evaluated on a whole block of outcomes at
once: each leaf comparison is one NumPy comparison of a rank column with a constant, and the
connectives are element-wise ``&``, ``|`` and ``~`` (``a -> b`` is ``~a | b``). The scalar
:func:`detente.model.conditions.evaluate` is the reference these masks are tested against.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from detente.engines.space import OutcomeSpace, Ranks
from detente.model.conditions import (
    Always,
    And,
    Compare,
    Condition,
    Implies,
    InSet,
    Not,
    Or,
)

__all__ = ["Mask", "condition_mask"]

Mask = npt.NDArray[np.bool_]

_OPS = {
    "==": np.equal,
    "!=": np.not_equal,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
}


def condition_mask(condition: Condition, space: OutcomeSpace, ranks: Ranks) -> Mask:
    """Boolean mask: which rows of ``ranks`` satisfy ``condition``.

    Examples
    --------
    >>> from detente.model.conditions import parse_condition
    >>> space = OutcomeSpace(("a", "b"), (("lo", "hi"), ("no", "yes")))
    >>> ranks = space.decode(np.arange(space.size))
    >>> condition_mask(parse_condition("a == hi -> b == yes"), space, ranks).tolist()
    [True, True, False, True]
    """
    n = ranks.shape[0]
    if isinstance(condition, Always):
        return np.full(n, condition.value, dtype=bool)
    if isinstance(condition, Compare):
        column = ranks[:, space.issues.index(condition.issue)]
        target = space.rank_of(condition.issue, condition.option)
        return np.asarray(_OPS[condition.op](column, target), dtype=bool)
    if isinstance(condition, InSet):
        column = ranks[:, space.issues.index(condition.issue)]
        targets = [space.rank_of(condition.issue, o) for o in condition.options]
        return np.isin(column, targets)
    if isinstance(condition, Not):
        return ~condition_mask(condition.operand, space, ranks)
    if isinstance(condition, And | Or):
        combine = np.logical_and if isinstance(condition, And) else np.logical_or
        result = condition_mask(condition.operands[0], space, ranks)
        for operand in condition.operands[1:]:
            result = combine(result, condition_mask(operand, space, ranks))
        return result
    assert isinstance(condition, Implies)
    premise = condition_mask(condition.premise, space, ranks)
    return ~premise | condition_mask(condition.conclusion, space, ranks)
