"""The issue table: issues with a reference point and an outcome, actors with positions.

An *issue table* is the input of a collective-decision benchmark: for every issue, the
actors' positions and saliences on one 0–100 dimension, optionally their capabilities, the
reference point (status quo) when known, the adopted outcome when known, and the issue's
group (the proposal it belongs to, for exchange models and for resampling) and voting rule.
The DEU data (:mod:`.deu`) are one instance; any other table with the same fields is another.

Actors carry a *role*: ``setter`` (the agenda setter, e.g. the European Commission),
``chamber`` (a second chamber whose consent is needed under co-decision, e.g. the European
Parliament) or ``member`` (a voting member of the council). Models that ignore institutions
treat every role alike.

Examples
--------
>>> issue = make_issue("i1", "p1", ["a", "b", "c"], [0, 50, 100], [50, 50, 50],
...                    reference=0.0, outcome=50.0)
>>> issue.n, issue.scored
(3, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from detente.errors import DetenteError

__all__ = ["ROLES", "Issue", "IssueTable", "IssueTableError", "make_issue"]

FloatArray = npt.NDArray[np.float64]
ROLES = ("setter", "chamber", "member")


class IssueTableError(DetenteError, ValueError):
    """A malformed issue table; ``problems`` lists every ``file:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Issue:
    """One issue: ``actors[i]`` at ``position[i]`` (0–100) with salience (0–100), capability.

    ``reference`` and ``outcome`` are None when unknown. ``rule`` is the voting rule of the
    council (``QMV``, ``Unan``, ...), ``procedure`` the legislative procedure (``COD`` needs
    the chamber's consent, ``CNS`` does not), ``scheme`` names the capability scheme used
    (e.g. ``pre-nice``), and ``threshold`` the share of member votes that a qualified
    majority needs under that scheme.
    """

    issue_id: str
    group: str
    actors: tuple[str, ...]
    position: FloatArray
    salience: FloatArray
    capability: FloatArray
    role: tuple[str, ...]
    reference: float | None = None
    outcome: float | None = None
    rule: str = "QMV"
    procedure: str = "CNS"
    scheme: str = "equal"
    threshold: float = 0.71
    source: str = field(default="", compare=False)

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def scored(self) -> bool:
        """Whether the issue counts in a benchmark: an outcome and at least 3 actors."""
        return self.outcome is not None and self.n >= 3

    @property
    def dichotomous(self) -> bool:
        """Whether every position and the outcome lie at 0 or 100."""
        values = np.append(self.position, [] if self.outcome is None else [self.outcome])
        return bool(np.isin(values, (0.0, 100.0)).all())


@dataclass(frozen=True)
class IssueTable:
    """Issues in source order; ``source`` names where they came from, ``notes`` what was
    left out or assumed while reading them."""

    issues: tuple[Issue, ...]
    source: str = ""
    capability: str = "equal"
    notes: tuple[str, ...] = ()

    def scored(self) -> IssueTable:
        """The issues that count in a benchmark (:attr:`Issue.scored`)."""
        return replace(self, issues=tuple(i for i in self.issues if i.scored))

    @property
    def groups(self) -> tuple[str, ...]:
        """The distinct groups (proposals) in order of first appearance."""
        return tuple(dict.fromkeys(i.group for i in self.issues))


def make_issue(
    issue_id: str,
    group: str,
    actors: Sequence[str],
    position: Sequence[float] | FloatArray,
    salience: Sequence[float] | FloatArray,
    **fields: object,
) -> Issue:
    """An :class:`Issue` from plain sequences; capability defaults to 1, role to ``member``.

    Raises
    ------
    IssueTableError
        For mismatched lengths or numbers outside 0–100 / negative capabilities.
    """
    x = np.asarray(position, dtype=np.float64)
    s = np.asarray(salience, dtype=np.float64)
    raw_c = fields.pop("capability", None)
    c = np.ones_like(x) if raw_c is None else np.asarray(raw_c, dtype=np.float64)
    raw_role = fields.pop("role", None)
    role = ("member",) * x.size if raw_role is None else tuple(str(r) for r in raw_role)  # type: ignore[attr-defined]
    where = f"issue {issue_id}"
    if not len(actors) == x.size == s.size == c.size == len(role):
        raise IssueTableError([f"{where}: actors, positions, saliences differ in length"])
    if not (np.isfinite(x).all() and np.isfinite(s).all() and np.isfinite(c).all()):
        raise IssueTableError([f"{where}: every number must be finite"])
    if ((x < 0) | (x > 100) | (s < 0) | (s > 100)).any() or (c < 0).any():
        raise IssueTableError([f"{where}: positions, saliences in 0-100, capability >= 0"])
    if any(r not in ROLES for r in role):
        raise IssueTableError([f"{where}: role must be one of {', '.join(ROLES)}"])
    return Issue(issue_id, group, tuple(actors), x, s, c, role, **fields)  # type: ignore[arg-type]
