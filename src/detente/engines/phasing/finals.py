"""Which final outcome to phase toward: an explicit (partial) outcome, the Nash deal, a bridge.

- ``ISSUE=OPTION,...``: a partial outcome, *completed by the status quo* on every issue it does
  not name (an issue the status quo does not name either is at its first option). The result
  must be feasible; otherwise the broken feasibility rule is named.
- ``nash``: the Nash bargaining solution over the zone of possible agreement,
  ``argmax_{o in ZOPA} sum_p log(u_p(o) - r_p)`` over the principals (Nash, "The Bargaining
  Problem", *Econometrica* 18, 1950), as computed by :mod:`detente.engines.analysis.solutions`
  (its tie rule). With no ZOPA it fails with a message that suggests a bridge or an explicit
  final.
- ``bridge:N``: the Nash deal of the N-th bridge of :mod:`detente.engines.analysis.bridges`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import Compiled
from detente.engines.phasing.errors import FinalSpecError, NoNashDealError, PhasingError
from detente.engines.phasing.values import status_quo_ranks
from detente.engines.space import Ranks

__all__ = [
    "Final",
    "PhasingError",
    "bridge_final",
    "complete_final",
    "nash_final",
    "parse_final",
    "resolve_final",
]


@dataclass(frozen=True)
class Final:
    """The final outcome of a phased deal, its ranks and where it came from."""

    ranks: Ranks
    source: str
    named: tuple[str, ...] = ()


def parse_final(spec: str) -> tuple[str, Any]:
    """Split a final specification into ``("nash", None)``, ``("bridge", N)`` or
    ``("explicit", dict)``.

    Examples
    --------
    >>> parse_final("bridge:2")
    ('bridge', 2)
    >>> parse_final("sanctions=all, yongbyon=frozen")
    ('explicit', {'sanctions': 'all', 'yongbyon': 'frozen'})
    """
    text = spec.strip()
    if text == "nash":
        return "nash", None
    if text.startswith("bridge:"):
        number = text.removeprefix("bridge:").strip()
        if not number.isdigit() or int(number) < 1:
            raise FinalSpecError(f"final {spec!r}: expected bridge:N with N = 1, 2, ...")
        return "bridge", int(number)
    pairs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        issue, sep, option = (s.strip() for s in item.partition("="))
        if not sep or not issue or not option:
            raise FinalSpecError(
                f"final {spec!r}: {item!r} is not ISSUE=OPTION "
                "(expected nash, bridge:N or ISSUE=OPTION,...)"
            )
        pairs[issue] = option
    if not pairs:
        raise FinalSpecError("the final is empty: expected nash, bridge:N or ISSUE=OPTION,...")
    return "explicit", pairs


def complete_final(compiled: Compiled, partial: Mapping[str, str]) -> Ranks:
    """Ranks of ``partial`` completed by the status quo; unknown ids and infeasibility raise."""
    space = compiled.space
    ranks = status_quo_ranks(compiled).copy()
    for issue, option in partial.items():
        if issue not in space.issues:
            raise FinalSpecError(f"unknown issue {issue!r}; issues: {', '.join(space.issues)}")
        options = space.options[space.issues.index(issue)]
        if option not in options:
            raise FinalSpecError(
                f"unknown option {option!r} of issue {issue!r}; options: {', '.join(options)}"
            )
        ranks[space.issues.index(issue)] = options.index(option)
    broken = [
        rule
        for rule in compiled.feasibility
        if not compiled.mask(rule.condition, ranks[None, :])[0]
    ]
    if broken:
        texts = "; ".join(f"{rule.id}: {rule.text}" if rule.text else rule.id for rule in broken)
        raise FinalSpecError(
            f"the final outcome {space.labels(ranks.tolist())} is infeasible ({texts}); "
            "name in the final the issues that rule needs"
        )
    return ranks


def nash_final(compiled: Compiled) -> Ranks:
    """The Nash deal of the ZOPA (PhasingError when the ZOPA is empty)."""
    nash = bargaining_solutions(compiled).get("nash")
    if nash is None:
        raise NoNashDealError(
            "there is no zone of possible agreement (no outcome meets every principal's "
            "reservation value and red lines), so there is no Nash deal to phase toward; "
            "aim at a bridge's deal (bridge:N: a deal that a moved red line or reservation "
            "would open) or at an explicit final (ISSUE=OPTION,...)"
        )
    return np.asarray(compiled.space.decode(np.array([nash.index]))[0], dtype=np.int16)


def bridge_final(compiled: Compiled, number: int) -> Ranks:
    """The Nash deal of bridge ``number`` (1-based) found by the analysis engine."""
    found = find_bridges(compiled).bridges
    if not 1 <= number <= len(found):
        raise PhasingError(f"bridge:{number} does not exist: the analysis found {len(found)}")
    index = found[number - 1].deal.index
    return np.asarray(compiled.space.decode(np.array([index]))[0], dtype=np.int16)


def resolve_final(compiled: Compiled, spec: str) -> Final:
    """The :class:`Final` named by ``spec``: ``nash``, ``bridge:N`` or ``ISSUE=OPTION,...``."""
    kind, argument = parse_final(spec)
    if kind == "nash":
        return Final(nash_final(compiled), "the Nash deal of the zone of possible agreement")
    if kind == "bridge":
        return Final(bridge_final(compiled, argument), f"the deal of bridge {argument}")
    ranks = complete_final(compiled, argument)
    named = ", ".join(f"{k}={v}" for k, v in argument.items())
    return Final(ranks, f"{named}, the other issues at the status quo", tuple(argument))
