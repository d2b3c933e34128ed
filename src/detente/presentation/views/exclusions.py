"""What excludes each outcome of the utility plane, grouped for the figures (HTML and PNG).

Each drawn outcome of :func:`detente.presentation.views.space.utility_space` carries the
requirements it fails (``cloud.unmet``). An outcome is

- in the ZOPA when it fails none;
- *blocked by red lines* when it clears every principal's no-deal value but breaks a red line:
  one group per set of parties whose red lines it breaks (``usa``, ``dprk``, both);
- *below a no-deal value* when it falls short of a principal's no-deal value while meeting
  every red line, and *below a no-deal value and against a red line* when it fails both kinds.

The groups are drawn in this order (the ZOPA last, on top) with the same colours in the
interactive figure and the PNG. :func:`reasons` gives each point's exclusion in words for its
hover text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ExclusionGroup", "exclusion_groups", "reasons"]

_ZOPA = "#2ca02c"
_BELOW = "#d4d8de"
_BELOW_AND_RED = "#b0b7c3"
#: Red lines of the first principal, the second, both, and any other set of parties.
_RED = ["#6baed6", "#fb6a4a", "#9e65c8", "#e6a23c", "#8c564b", "#17becf"]


@dataclass(frozen=True)
class ExclusionGroup:
    """Drawn outcomes ``points`` (indices into the cloud) sharing what excludes them."""

    key: str
    label: str
    colour: str
    points: tuple[int, ...]


def _kinds(space: dict[str, Any], unmet: list[int]) -> tuple[bool, tuple[str, ...]]:
    """(below some no-deal value, the parties whose red lines the outcome breaks)."""
    reqs = space["requirements"]
    below = any(reqs[k]["kind"] == "reservation" for k in unmet)
    parties = {reqs[k]["party"] for k in unmet if reqs[k]["kind"] == "red_line"}
    order = [r["party"] for r in reqs]
    return below, tuple(sorted(parties, key=order.index))


def _name(space: dict[str, Any], party: str) -> str:
    parties: list[str] = space["parties"]
    return str(space["names"][parties.index(party)]) if party in parties else party


def _red_label(space: dict[str, Any], parties: tuple[str, ...]) -> str:
    names = " and ".join(_name(space, p) for p in parties)
    return f"clears every no-deal value; breaks a red line of {names}"


def exclusion_groups(space: dict[str, Any]) -> list[ExclusionGroup]:
    """The drawn outcomes grouped by what excludes them, in drawing order (see module doc)."""
    buckets: dict[tuple[bool, tuple[str, ...]], list[int]] = {}
    for k, unmet in enumerate(space["cloud"]["unmet"]):
        below, parties = _kinds(space, unmet)
        bucket = (below, ("any",) if below and parties else parties)
        buckets.setdefault(bucket, []).append(k)
    groups = []
    for (below, parties), points in buckets.items():
        if below:
            key = "below+red" if parties else "below"
            label = "below a no-deal value" + (" and against a red line" if parties else "")
            colour = _BELOW_AND_RED if parties else _BELOW
        elif parties:
            key, label = "red:" + ",".join(parties), _red_label(space, parties)
            colour = _red_colour(space, parties)
        else:
            key, label, colour = "zopa", "ZOPA", _ZOPA
        groups.append(ExclusionGroup(key, label, colour, tuple(points)))
    rank = {"below": 0, "below+red": 1, "zopa": 3}
    return sorted(groups, key=lambda g: (rank.get(g.key, 2), g.key))


def _red_colour(space: dict[str, Any], parties: tuple[str, ...]) -> str:
    first_two = list(space["parties"])
    if parties == (first_two[0],):
        return _RED[0]
    if parties == (first_two[1],):
        return _RED[1]
    if set(parties) == set(first_two):
        return _RED[2]
    return _RED[3 + sum(map(ord, ",".join(parties))) % 3]


def reasons(space: dict[str, Any]) -> list[str]:
    """Each drawn outcome's exclusion in words: ``in the ZOPA`` or the failed requirements
    (``below usa's no-deal value``, ``breaks dprk's red line no_deal_without_relief``)."""
    reqs = space["requirements"]
    words = [
        f"below {r['party']}'s no-deal value"
        if r["kind"] == "reservation"
        else f"breaks {r['party']}'s red line {r['id']}"
        for r in reqs
    ]
    return [
        "; ".join(words[k] for k in unmet) if unmet else "in the ZOPA"
        for unmet in space["cloud"]["unmet"]
    ]
