"""How many outcomes each command may enumerate, checked before anything is allocated.

The outcome space of a scenario has ``prod_i n_i`` outcomes (``n_i`` options of issue ``i``).
Twenty issues of ten options are already 10^20 outcomes, and 64 binary issues overflow a
64-bit index, so the size is computed with Python integers (:func:`math.prod`) and compared
with the limit of the command *before* any engine allocates an array. The limits are sized
for the time and memory each command spends per outcome on a laptop-class machine (see
docs/scenario-format.md, "Validation and limits"):

===========================  =============  ==================================================
command                      limit          why
===========================  =============  ==================================================
``analyze``                  10,000,000     chunked passes, about 10 s and < 1 GB at the limit
``report``, web document     2,000,000      the report keeps per-outcome utilities for figures
``simulate``                 2,000,000      each run searches the offer space
``phase``                    1,000,000      the step lattice holds every outcome and its moves;
                                            at most 16 principals (2^principals mover sets)
web what-if (interactive)    2,000,000      shared by concurrent requests (see the web app)
===========================  =============  ==================================================
"""

from __future__ import annotations

import math

from detente.errors import DetenteError
from detente.model.scenario import Scenario

__all__ = [
    "MAX_ANALYZE_OUTCOMES",
    "MAX_PHASE_OUTCOMES",
    "MAX_PHASE_PRINCIPALS",
    "MAX_REPORT_OUTCOMES",
    "MAX_SAMPLE_OUTCOMES",
    "MAX_SIMULATE_OUTCOMES",
    "MAX_VIEW_SIMULATED_PRINCIPALS",
    "SpaceTooLargeError",
    "check_space_size",
    "has_feasible_outcome",
    "space_size",
]

MAX_ANALYZE_OUTCOMES = 10_000_000
MAX_REPORT_OUTCOMES = 2_000_000
MAX_SIMULATE_OUTCOMES = 2_000_000
MAX_PHASE_OUTCOMES = 1_000_000
#: Phased deals weigh every set of movers at each step: 2^principals patterns.
MAX_PHASE_PRINCIPALS = 16
#: The report and the web views simulate scenarios with at most this many principals (each
#: run steps every party in turn); ``detente simulate`` has no such limit.
MAX_VIEW_SIMULATED_PRINCIPALS = 50
#: ``analyze --samples``: samples times outcomes (each sample re-evaluates every outcome;
#: about 0.4 s per 10^6 sample-outcomes, so the budget is a few minutes at most).
MAX_SAMPLE_OUTCOMES = 200_000_000


def _size_text(size: int) -> str:
    """``1,000,000`` for sizes up to 10^15, ``about 10^20`` beyond (no 60-digit numbers)."""
    if size < 10**15:
        return f"{size:,}"
    return f"about 10^{len(str(size)) - 1}"


class SpaceTooLargeError(DetenteError, ValueError):
    """The scenario's outcome space is larger than the caller's limit.

    Examples
    --------
    >>> str(SpaceTooLargeError(2**64, 1000, "analyze"))[:60]
    'the outcome space has about 10^19 outcomes; the limit of ana'
    """

    def __init__(self, size: int, limit: int, command: str = "") -> None:
        self.size = size
        self.limit = limit
        where = f"of {command} " if command else "here "
        super().__init__(
            f"the outcome space has {_size_text(size)} outcomes; the limit {where}is "
            f"{limit:,} (merge or coarsen issues, or drop issues no principal weighs)"
        )


def space_size(scenario: Scenario) -> int:
    """Number of outcomes (product of the issues' option counts) as an exact Python int.

    Examples
    --------
    >>> from detente.model.catalog import load_embedded
    >>> space_size(load_embedded("hanoi-2019")) > 1
    True
    """
    return math.prod(
        issue.numeric.steps if issue.numeric is not None else len(issue.options)
        for issue in scenario.issues
    )


def has_feasible_outcome(scenario: Scenario) -> bool:
    """Whether any outcome meets the feasibility rules (one chunked pass; check the size first).

    Examples
    --------
    >>> from detente.model.catalog import load_embedded
    >>> has_feasible_outcome(load_embedded("hanoi-2019"))
    True
    """
    from detente.engines.compile import compile_scenario

    compiled = compile_scenario(scenario)
    return any(bool(compiled.feasible(ranks).any()) for _, ranks in compiled.chunks())


def check_space_size(scenario: Scenario, limit: int, command: str = "") -> int:
    """The outcome-space size, or :class:`SpaceTooLargeError` when it exceeds ``limit``."""
    size = space_size(scenario)
    if size > limit:
        raise SpaceTooLargeError(size, limit, command)
    return size
