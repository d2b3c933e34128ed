"""Scoring predictions against a recorded outcome: plain functions over plain data.

A case records whether the talks reached an agreement, ``y in {0, 1}``, and, per issue, the
agreed option (or ``unresolved``). A prediction gives a deal / no-deal verdict, optionally a
probability of a deal ``p``, and optionally a package (one option per issue).

- *Deal right*: the verdict equals ``y``.
- *Brier score* (Brier, "Verification of forecasts expressed in terms of probability",
  *Monthly Weather Review* 78(1), 1950) over ``N`` cases: ``B = (1/N) sum_c (p_c - y_c)^2``,
  in ``[0, 1]``; 0 for a perfect forecast, 0.25 for the constant ``p = 1/2``.
- *Per issue*, on the issues with an agreed option: *exact* when the predicted option is the
  agreed one; the *distance* ``|rank(predicted) - rank(agreed)|`` in option steps on the issue's
  ordered options. A method that predicts no package misses every scored issue (no distance).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "UNRESOLVED",
    "IssueScore",
    "brier",
    "brier_term",
    "option_distance",
    "score_terms",
]

#: The recorded value of an issue that the agreement left open.
UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class IssueScore:
    """One issue of one case: the agreed option, the predicted one (None: no package)."""

    issue: str
    recorded: str
    predicted: str | None
    exact: bool
    distance: int | None


def brier_term(probability: float, happened: bool) -> float:
    """``(p - y)^2`` for one case.

    >>> brier_term(0.8, True), brier_term(0.8, False)
    (0.03999999999999998, 0.6400000000000001)
    """
    if not 0.0 <= probability <= 1.0 or math.isnan(probability):
        raise ValueError(f"a probability must lie in [0, 1], not {probability}")
    return (probability - float(happened)) ** 2


def brier(probabilities: Sequence[float], happened: Sequence[bool]) -> float | None:
    """The mean Brier score over cases (None for no case).

    >>> brier([1.0, 0.0, 0.5], [True, False, True])
    0.08333333333333333
    """
    if len(probabilities) != len(happened):
        raise ValueError(f"{len(probabilities)} probabilities for {len(happened)} cases")
    if not probabilities:
        return None
    terms = [brier_term(p, y) for p, y in zip(probabilities, happened, strict=True)]
    return sum(terms) / len(terms)


def option_distance(options: Sequence[str], a: str, b: str) -> int:
    """Distance in option steps between options ``a`` and ``b`` of one ordered issue.

    >>> option_distance(["none", "partial", "all"], "all", "none")
    2
    """
    return abs(options.index(a) - options.index(b))


def score_terms(
    predicted: Mapping[str, str] | None,
    recorded: Mapping[str, str],
    issues: Mapping[str, Sequence[str]],
) -> tuple[IssueScore, ...]:
    """Per issue with an agreed option (in the order of ``issues``): exact match and distance.

    ``recorded`` maps issues to the agreed option; issues it leaves out, or marks
    ``unresolved``, are not scored. ``predicted`` None (no package predicted) misses them all.
    """
    scores = []
    for issue, options in issues.items():
        agreed = recorded.get(issue, UNRESOLVED)
        if agreed == UNRESOLVED:
            continue
        guess = None if predicted is None else predicted.get(issue)
        if guess is None:
            scores.append(IssueScore(issue, agreed, None, False, None))
            continue
        distance = option_distance(options, guess, agreed)
        scores.append(IssueScore(issue, agreed, guess, distance == 0, distance))
    return tuple(scores)
