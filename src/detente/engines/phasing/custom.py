"""A path of moves fixed by the analyst (``--path``): parsed, checked, evaluated.

Syntax: steps separated by ``;``; a step is ``[PARTY:] ISSUE=OPTION, ... [, verified[=Q]]``.

- ``ISSUE=OPTION`` moves ``ISSUE`` to ``OPTION`` in that step (issues not named stay);
- ``PARTY:`` is a label naming who is meant to move; it must be a principal, and is checked
  against the step: the party must give something in it (otherwise the path is refused);
- ``verified`` marks the step as fully verified (cheating on it is detected with probability 1
  for every mover); ``verified=Q`` sets that probability to ``Q`` in ``[0, 1]``; without it the
  step uses ``process.verification``.

Example (Iran, 2015: verified steps first, relief on Implementation Day)::

    iran: enrichment=limited, stockpile=reduced, verified; e3eu3: sanctions=lifted

The path starts at the status quo; its last state is the final outcome. Every issue must move
monotonically away from the status quo (never back), every step must move something, every
state must be feasible. Errors name the step, its text and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.engines.compile import Compiled, Floats
from detente.engines.phasing.analysis import PhaseResult, analyse_phasing
from detente.engines.phasing.errors import FinalSpecError
from detente.engines.phasing.finals import Final
from detente.engines.phasing.paths import PathNumbers, path_numbers
from detente.engines.phasing.proposals import PhaseOptions
from detente.engines.phasing.reports import PathReport, path_report
from detente.engines.phasing.values import PhaseContext, phase_context, status_quo_ranks
from detente.engines.space import Ranks

__all__ = ["CustomPath", "PathStep", "analyse_path", "build_path", "evaluate_path", "parse_path"]


@dataclass(frozen=True)
class PathStep:
    """One step of ``--path``: its label, its moves and its verification (``None``: default)."""

    text: str
    party: str | None
    moves: tuple[tuple[str, str], ...]
    verified: float | None


def _verified(item: str, where: str) -> float:
    _, _, value = item.partition("=")
    if not value.strip():
        return 1.0
    try:
        q = float(value)
    except ValueError:
        raise FinalSpecError(f"{where}: {item!r}: expected verified or verified=Q") from None
    if not 0.0 <= q <= 1.0:
        raise FinalSpecError(f"{where}: {item!r}: Q must be in [0, 1]")
    return q


def _step(text: str, number: int) -> PathStep:
    where = f"--path step {number} ({text.strip()!r})"
    body, party = text, None
    head, colon, rest = text.partition(":")
    if colon and "=" not in head:
        party, body = head.strip() or None, rest
    moves, verified = [], None
    for item in filter(None, (part.strip() for part in body.split(","))):
        if item == "verified" or item.startswith("verified="):
            verified = _verified(item, where)
            continue
        issue, sep, option = (s.strip() for s in item.partition("="))
        if not sep or not issue or not option:
            raise FinalSpecError(f"{where}: {item!r} is not ISSUE=OPTION or verified[=Q]")
        moves.append((issue, option))
    if not moves:
        raise FinalSpecError(f"{where}: the step moves no issue")
    return PathStep(text.strip(), party, tuple(moves), verified)


def parse_path(spec: str) -> tuple[PathStep, ...]:
    """Split ``--path`` into steps (syntax in the module).

    Examples
    --------
    >>> [s.moves for s in parse_path("a: x=1, verified; y=2")]
    [(('x', '1'),), (('y', '2'),)]
    >>> parse_path("a: x=1, verified=0.5")[0].verified
    0.5
    """
    parts = [p for p in spec.split(";") if p.strip()]
    if not parts:
        raise FinalSpecError("--path is empty: expected [PARTY:] ISSUE=OPTION,... ; ...")
    return tuple(_step(text, k + 1) for k, text in enumerate(parts))


def _state(compiled: Compiled, previous: Ranks, step: PathStep, where: str) -> Ranks:
    space, state = compiled.space, previous.copy()
    for issue, option in step.moves:
        if issue not in space.issues:
            raise FinalSpecError(f"{where}: unknown issue {issue!r}; issues: "
                                 + ", ".join(space.issues))  # fmt: skip
        i = space.issues.index(issue)
        if option not in space.options[i]:
            raise FinalSpecError(f"{where}: unknown option {option!r} of issue {issue!r}; "
                                 f"options: {', '.join(space.options[i])}")  # fmt: skip
        state[i] = space.options[i].index(option)
    return state


def _check(compiled: Compiled, ranks: Ranks, steps: tuple[PathStep, ...]) -> None:
    start, space = ranks[0], compiled.space
    for k in range(1, ranks.shape[0]):
        where = f"--path step {k} ({steps[k - 1].text!r})"
        if np.array_equal(ranks[k], ranks[k - 1]):
            raise FinalSpecError(f"{where}: nothing changes")
        back = (np.abs(ranks[k] - start) < np.abs(ranks[k - 1] - start)) | (
            (ranks[k] - start) * (ranks[k - 1] - start) < 0
        )
        if back.any():
            issue = space.issues[int(np.flatnonzero(back)[0])]
            raise FinalSpecError(f"{where}: issue {issue!r} moves back toward the status quo")
        broken = [r.id for r in compiled.feasibility
                  if not compiled.mask(r.condition, ranks[k][None, :])[0]]  # fmt: skip
        if broken:
            raise FinalSpecError(f"{where}: the state after it is infeasible ({', '.join(broken)})")


def build_path(compiled: Compiled, steps: tuple[PathStep, ...]) -> Ranks:
    """The states ``s_0 .. s_K`` of the path (``s_0`` the status quo), checked."""
    states = [status_quo_ranks(compiled)]
    for k, step in enumerate(steps):
        where = f"--path step {k + 1} ({step.text!r})"
        if step.party is not None and step.party not in compiled.principals:
            raise FinalSpecError(f"{where}: {step.party!r} is not a principal; principals: "
                                 + ", ".join(compiled.principals))  # fmt: skip
        states.append(_state(compiled, states[-1], step, where))
    ranks = np.stack(states).astype(np.int16)
    _check(compiled, ranks, steps)
    return ranks


def evaluate_path(
    ctx: PhaseContext,
    steps: tuple[PathStep, ...],
    trust: Floats,
    discount: Floats,
    verification: Floats,
    learning: bool,
) -> tuple[Ranks, PathNumbers]:
    """Build, check and evaluate the path; the labels ``PARTY:`` must be movers of their step."""
    ranks = build_path(ctx.compiled, steps)
    per_step = np.tile(verification, (len(steps), 1))
    for k, step in enumerate(steps):
        if step.verified is not None:
            per_step[k] = step.verified
    numbers = path_numbers(ctx, ranks, trust, discount, per_step, learning)
    for k, step in enumerate(steps):
        if step.party is not None and not numbers.movers[k, ctx.principals.index(step.party)]:
            raise FinalSpecError(
                f"--path step {k + 1} ({step.text!r}): {step.party} gives nothing in this step "
                "(its value on no issue drops)"
            )
    return ranks, numbers


@dataclass(frozen=True)
class CustomPath:
    """A ``--path`` evaluated: its report, beside the analysis of its final (big bang, best)."""

    steps: tuple[PathStep, ...]
    report: PathReport
    analysis: PhaseResult


def analyse_path(compiled: Compiled, spec: str, options: PhaseOptions) -> CustomPath:
    """Evaluate ``--path`` ``spec`` and analyse its final outcome with the same options."""
    steps = parse_path(spec)
    ctx = phase_context(compiled, options.snapback)
    ranks = build_path(compiled, steps)
    named = ", ".join(f"{k}={v}" for s in steps for k, v in s.moves)
    analysis = analyse_phasing(
        compiled, Final(ranks[-1], f"the end of --path ({named})"), **options.keywords()
    )
    t = np.array([analysis.trust[p] for p in ctx.principals])
    d = np.array([analysis.discount[p] for p in ctx.principals])
    v = np.array([analysis.verification[p] for p in ctx.principals])
    _, numbers = evaluate_path(ctx, steps, t, d, v, options.learning)
    return CustomPath(steps, path_report(ctx, numbers), analysis)
