"""Readable reports of evaluated paths: the moves of each step, who gives, the margins."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.phasing.paths import TOLERANCE, PathNumbers, party_thresholds
from detente.engines.phasing.values import EPS, PhaseContext

__all__ = ["Incentive", "Move", "PathReport", "StepReport", "path_report"]


@dataclass(frozen=True)
class Move:
    """One issue moved in a step; ``givers`` are the principals whose value on it drops, and
    ``payers`` the other parties with preferences (a mediator paying a side payment, a
    stakeholder) whose value on it drops: what the move costs them."""

    issue: str
    before: str
    after: str
    givers: tuple[str, ...]
    payers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Incentive:
    """Principal ``party``'s constraint at state ``state`` (before step ``state + 1``).

    ``state == 0`` is participation (continuing beats no deal); later states compare continuing
    with stopping there.
    """

    party: str
    state: int
    margin: float

    @property
    def kind(self) -> str:
        return "participation" if self.state == 0 else "stop"

    def describe(self) -> str:
        where = "entering the deal" if self.state == 0 else f"after step {self.state}"
        return f"{self.party} {where}: margin {self.margin:+.3f}"


@dataclass(frozen=True)
class StepReport:
    """Step ``number``: its moves and movers, and per principal the numbers around it.

    ``margins[p] = continuation[p] - stop[p]`` is ``p``'s margin at the state before the step;
    ``utilities[p]`` is ``u_p`` after it; ``compliance[p]`` the probability that the other
    movers of the step comply (``q``).
    """

    number: int
    moves: tuple[Move, ...]
    movers: tuple[str, ...]
    compliance: dict[str, float]
    continuation: dict[str, float]
    stop: dict[str, float]
    margins: dict[str, float]
    utilities: dict[str, float]


@dataclass(frozen=True)
class PathReport:
    """A path with its verdict: feasible (self-enforcing), weakest margin, binding constraints,
    each principal's trust threshold, and red lines its intermediate states break."""

    outcomes: tuple[dict[str, str], ...]
    steps: tuple[StepReport, ...]
    feasible: bool
    min_margin: float
    binding: tuple[Incentive, ...]
    violated: tuple[Incentive, ...]
    thresholds: dict[str, float | None]
    red_line_breaches: tuple[str, ...]

    @property
    def length(self) -> int:
        return len(self.steps)

    @property
    def first_movers(self) -> tuple[str, ...]:
        return self.steps[0].movers if self.steps else ()


def _payers(ctx: PhaseContext, issue: int, before: int, after: int) -> tuple[str, ...]:
    compiled = ctx.compiled
    tables = compiled.tables
    return tuple(
        party
        for row, party in enumerate(compiled.parties)
        if party not in ctx.principals
        and tables[row, issue, after] < tables[row, issue, before] - EPS
    )


def _moves(ctx: PhaseContext, numbers: PathNumbers, k: int) -> tuple[Move, ...]:
    space = ctx.compiled.space
    before, after = numbers.ranks[k], numbers.ranks[k + 1]
    changed = np.flatnonzero(before != after)
    return tuple(
        Move(
            issue=space.issues[i],
            before=space.options[i][int(before[i])],
            after=space.options[i][int(after[i])],
            givers=tuple(p for j, p in enumerate(ctx.principals) if numbers.gives[k, j, i]),
            payers=_payers(ctx, int(i), int(before[i]), int(after[i])),
        )
        for i in changed
    )


def _step(ctx: PhaseContext, numbers: PathNumbers, k: int) -> StepReport:
    names = ctx.principals

    def row(values: np.ndarray) -> dict[str, float]:
        return {p: float(v) for p, v in zip(names, values, strict=True)}

    return StepReport(
        number=k + 1,
        moves=_moves(ctx, numbers, k),
        movers=tuple(p for j, p in enumerate(names) if numbers.movers[k, j]),
        compliance=row(numbers.compliance[k]),
        continuation=row(numbers.values[k]),
        stop=row(numbers.stops[k]),
        margins=row(numbers.margins[k]),
        utilities=row(numbers.utilities[k + 1]),
    )


def _breaches(ctx: PhaseContext, numbers: PathNumbers) -> tuple[str, ...]:
    compiled, found = ctx.compiled, list[str]()
    inner = numbers.ranks[1:-1]
    for line in compiled.red_lines:
        if line.party not in ctx.principals or inner.shape[0] == 0:
            continue
        broken = np.flatnonzero(~compiled.mask(line.condition, inner))
        found.extend(f"after step {k + 1}: {line.party}:{line.id}" for k in broken)
    return tuple(sorted(found))


def path_report(ctx: PhaseContext, numbers: PathNumbers) -> PathReport:
    """The :class:`PathReport` of an evaluated path (thresholds by bisection on trust)."""
    names = ctx.principals
    constraints = [
        Incentive(p, k, float(numbers.margins[k, j]))
        for k in range(numbers.margins.shape[0])
        for j, p in enumerate(names)
    ]
    low = numbers.min_margin
    return PathReport(
        outcomes=tuple(ctx.compiled.space.labels(r) for r in numbers.ranks),
        steps=tuple(_step(ctx, numbers, k) for k in range(numbers.margins.shape[0])),
        feasible=numbers.feasible,
        min_margin=low,
        binding=tuple(c for c in constraints if c.margin <= low + TOLERANCE),
        violated=tuple(c for c in constraints if c.margin < -TOLERANCE),
        thresholds=party_thresholds(numbers, names),
        red_line_breaches=_breaches(ctx, numbers),
    )
