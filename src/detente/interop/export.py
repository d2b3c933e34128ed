"""Write a scenario as a GENIUS XML or GeniusWeb JSON domain with one profile per principal.

The inverse of the readers (:mod:`~detente.interop.genius_xml`,
:mod:`~detente.interop.geniusweb_json`), under the same semantics, so that reading what is
written gives back the scenario's issues, options, weights, values and no-deal values:

* every issue is written as a discrete issue, its values the options' labels (their ids when
  labels are missing or repeated), in the scenario's order; issue names are the issues' labels
  (else ids) and the domain's name the scenario's title. A numeric issue read from a file
  comes back with the same option ids (:func:`~detente.interop.ids.number_id` and the slug of
  its label agree);
* each principal becomes a profile file ``NAME.xml`` / ``NAME.json`` (its name when that is a
  safe file name, else its id): weights divided by their sum, values per option
  (``increasing`` / ``decreasing`` spelled out as ``k / (n - 1)``);
* GENIUS divides each issue's evaluations by their maximum. When a party's best option on an
  issue is worth ``m_i < 1``, the evaluations ``v / m_i`` and weights ``w_i m_i / S`` are written,
  which gives the utility ``u / S`` with ``S = sum_i w_i m_i`` (a positive rescaling: every
  preference and the zone of agreement are kept); the reservation value is written as
  ``r / S`` (at most 1) and a warning says so;
* GeniusWeb has no reservation *value*, only a reservation *bid* whose utility is the value
  (Baarslag et al., GeniusWeb ``LinearAdditiveUtilitySpace``): the outcome whose utility is
  nearest to ``r`` is written (none when ``r = 0``, which GeniusWeb reads as 0), with a warning
  when no outcome has exactly that utility; spaces above :data:`MAX_BID_SEARCH` outcomes are
  not searched;
* red lines, linkage bonuses, non-principal parties, postures, evidence and events have no
  place in either format: a warning lists what is left out.

Nothing is written outside the folder given; file names never come from unchecked text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import quoteattr

import numpy as np

from detente.interop.build import normalised, reservation_value
from detente.interop.errors import InteropError
from detente.interop.foreign import ForeignProfile
from detente.model.scenario import Issue, Party, Scenario

__all__ = [
    "MAX_BID_SEARCH",
    "DomainExport",
    "ExportFormat",
    "domain_files",
    "export_domain",
]

ExportFormat = Literal["genius", "geniusweb"]
#: The largest outcome space searched for a GeniusWeb reservation bid.
MAX_BID_SEARCH = 2_000_000
_NEAR_ONE = 1e-12
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,79}$")


@dataclass(frozen=True)
class DomainExport:
    """The files written (domain first, then one profile per principal) and the warnings."""

    files: tuple[Path, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _Profile:
    stem: str
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    reservation: float


def _labels(issue: Issue) -> list[str]:
    options = issue.ordered_options
    labels = [o.label or o.id for o in options]
    return labels if len(set(labels)) == len(labels) else [o.id for o in options]


def _row(issue: Issue, values: object) -> list[float]:
    ids = issue.option_ids
    n = len(ids)
    if values == "increasing":
        return [k / (n - 1) for k in range(n)]
    if values == "decreasing":
        return [1 - k / (n - 1) for k in range(n)]
    table = values if isinstance(values, dict) else {}
    return [float(table.get(o, 0.0)) for o in ids]


def _stems(parties: Sequence[Party]) -> list[str]:
    stems: list[str] = []
    for party in parties:
        stem = party.name if _SAFE.match(party.name) else party.id
        stems.append(stem if stem.lower() not in {s.lower() for s in stems} else party.id)
    return stems


def _profiles(scenario: Scenario) -> list[_Profile]:
    profiles = []
    for party, stem in zip(scenario.principals, _stems(scenario.principals), strict=True):
        prefs = party.preferences
        assert prefs is not None  # a principal has preferences (model validation)
        weights = normalised([prefs.weights.get(i.id, 0.0) for i in scenario.issues], party.id)
        rows = tuple(tuple(_row(i, prefs.values.get(i.id))) for i in scenario.issues)
        profiles.append(_Profile(stem, tuple(weights), rows, float(prefs.reservation)))
    return profiles


def _left_out(scenario: Scenario) -> list[str]:
    dropped = []
    principals = scenario.principals
    red = sum(len(p.preferences.red_lines) for p in principals if p.preferences)
    linkage = sum(len(p.preferences.linkage) for p in principals if p.preferences)
    others = [p.id for p in scenario.parties if p.role != "principal"]
    for count, what in (
        (red, "red line(s)"),
        (linkage, "linkage bonus(es)"),
        (len(scenario.feasibility), "feasibility constraint(s)"),
    ):
        if count:
            dropped.append(f"{count} {what}")
    if others:
        dropped.append(f"the non-principal parties {', '.join(others)}")
    if not dropped:
        return []
    return ["left out (no place in the format): " + "; ".join(dropped)]


def _genius_scaled(profile: _Profile, warnings: list[str]) -> _Profile:
    """Evaluations with issue maxima 1 (GENIUS divides by them), keeping u up to 1 / S."""
    tops = [max(row) for row in profile.values]
    # an all-0 issue reads back as 0 throughout; a maximum within 1e-12 of 1 (a clamped real
    # issue's 1 - 2**-53) is left alone: GENIUS's division moves its values by an ulp or so
    if all(t == 0.0 or abs(t - 1.0) <= _NEAR_ONE for t in tops):
        return profile
    scale = sum(w * t for w, t in zip(profile.weights, tops, strict=True))
    if not scale > 0:
        raise InteropError(profile.stem, "every weighted issue is worth 0: no utility to write")
    # weights summing to 1, as GENIUS expects (and NegMAS reads them without dividing)
    weights = tuple(w * t / scale for w, t in zip(profile.weights, tops, strict=True))
    values = tuple(
        tuple(v / t for v in row) if t > 0 else row
        for row, t in zip(profile.values, tops, strict=True)
    )
    reservation = min(1.0, profile.reservation / scale)
    warnings.append(
        f"{profile.stem}: GENIUS divides each issue's evaluations by their maximum, so "
        f"utilities are written divided by {scale:.6g} (reservation {profile.reservation:.6g} "
        f"-> {reservation:.6g}); every preference and the zone of agreement are kept"
    )
    return _Profile(profile.stem, weights, values, reservation)


def _genius_issue(k: int, name: str, labels: list[str], row: Sequence[float] | None) -> str:
    head = (
        f'<issue index="{k}" name={quoteattr(name)} type="discrete" etype="discrete" '
        'vtype="discrete">'
    )
    items = []
    for j, label in enumerate(labels, 1):
        evaluation = "" if row is None else f' evaluation="{row[j - 1]!r}"'
        items.append(f'  <item index="{j}" value={quoteattr(label)}{evaluation}/>')
    return "\n".join([head, *items, "</issue>"])


def _genius(scenario: Scenario, profiles: list[_Profile], warnings: list[str]) -> dict[str, str]:
    names = [i.label or i.id for i in scenario.issues]
    labels = [_labels(i) for i in scenario.issues]
    title = quoteattr(scenario.metadata.title)
    objective = f'<objective index="0" name={title} type="objective" etype="objective">'
    issues = [
        _genius_issue(k, n, ls, None)
        for k, (n, ls) in enumerate(zip(names, labels, strict=True), 1)
    ]
    domain = "\n".join(
        ['<?xml version="1.0" encoding="UTF-8"?>', "<negotiation_template>",
         f'<utility_space number_of_issues="{len(names)}">', objective, *issues,
         "</objective>", "</utility_space>", "</negotiation_template>", ""]
    )  # fmt: skip
    files = {f"{scenario.metadata.id}-domain.xml": domain}
    for profile in (_genius_scaled(p, warnings) for p in profiles):
        rows = zip(names, labels, profile.values, strict=True)
        body = [_genius_issue(k, n, ls, row) for k, (n, ls, row) in enumerate(rows, 1)]
        body += [f'<weight index="{k}" value="{w!r}"/>' for k, w in enumerate(profile.weights, 1)]
        files[f"{profile.stem}.xml"] = "\n".join(
            ['<?xml version="1.0" encoding="UTF-8"?>', "<utility_space>", objective, *body,
             "</objective>", f'<reservation value="{profile.reservation!r}"/>',
             "</utility_space>", ""]
        )  # fmt: skip
    return files


def _worth(profile: _Profile, weights: list[float], bid: list[int]) -> float:
    """The bid's utility exactly as :func:`~detente.interop.build.reservation_value` reads it."""
    foreign = ForeignProfile(profile.stem, "", profile.weights, profile.values, 0.0, tuple(bid))
    return reservation_value(foreign, weights)


def _bid(profile: _Profile, warnings: list[str]) -> list[int] | None:
    """The outcome (option positions) whose utility, as GeniusWeb's reader computes it, is
    nearest to the reservation value; None for a reservation of 0."""
    if profile.reservation == 0.0:
        return None
    sizes = [len(row) for row in profile.values]
    if int(np.prod(sizes)) > MAX_BID_SEARCH:
        warnings.append(f"{profile.stem}: space too large to search for a reservation bid")
        return None
    weights = normalised(profile.weights, profile.stem)
    grids = np.meshgrid(*[np.arange(n) for n in sizes], indexing="ij")
    total = np.zeros(sizes)
    for w, row, g in zip(weights, profile.values, grids, strict=True):
        total += w * np.asarray(row)[g]
    gap = np.abs(total - profile.reservation).ravel()
    # the nearest few by NumPy's sum, then the reader's own sum (its rounding) decides
    candidates = np.argsort(gap, kind="stable")[:64]
    bids = [[int(k) for k in np.unravel_index(int(c), sizes)] for c in candidates]
    worth = [_worth(profile, weights, bid) for bid in bids]
    best = min(range(len(bids)), key=lambda j: abs(worth[j] - profile.reservation))
    bid, value = bids[best], worth[best]
    if value != profile.reservation:
        warnings.append(
            f"{profile.stem}: no outcome is worth exactly the reservation value "
            f"{profile.reservation:.6g}; the reservation bid written is worth {value:.6g}"
        )
    return bid


def _geniusweb(scenario: Scenario, profiles: list[_Profile], warnings: list[str]) -> dict[str, str]:
    names = [i.label or i.id for i in scenario.issues]
    labels = [_labels(i) for i in scenario.issues]
    domain = {
        "name": scenario.metadata.title,
        "issuesValues": {n: {"values": ls} for n, ls in zip(names, labels, strict=True)},
    }
    files = {f"{scenario.metadata.id}-domain.json": json.dumps(domain, indent=2) + "\n"}
    for profile in profiles:
        space: dict[str, object] = {
            "name": profile.stem,
            "issueUtilities": {
                n: {"discreteutils": {"valueUtilities": dict(zip(ls, row, strict=True))}}
                for n, ls, row in zip(names, labels, profile.values, strict=True)
            },
            "issueWeights": dict(zip(names, profile.weights, strict=True)),
            "domain": domain,
        }
        bid = _bid(profile, warnings)
        if bid is not None:
            chosen = {n: ls[k] for n, ls, k in zip(names, labels, bid, strict=True)}
            space["reservationBid"] = {"issuevalues": chosen}
        text = json.dumps({"LinearAdditiveUtilitySpace": space}, indent=2, ensure_ascii=False)
        files[f"{profile.stem}.json"] = text + "\n"
    return files


def domain_files(scenario: Scenario, fmt: ExportFormat) -> tuple[dict[str, str], list[str]]:
    """The files of ``scenario`` in format ``fmt`` (file name -> text) and the warnings.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> files, warnings = domain_files(resolve_scenario("hanoi-2019"), "geniusweb")
    >>> sorted(files)
    ['North Korea.json', 'United States.json', 'hanoi-2019-domain.json']
    """
    if len(scenario.principals) < 2:
        raise InteropError(scenario.metadata.id, "a domain needs at least two principals")
    warnings = _left_out(scenario)
    profiles = _profiles(scenario)
    if fmt == "genius":
        return _genius(scenario, profiles, warnings), warnings
    if fmt == "geniusweb":
        return _geniusweb(scenario, profiles, warnings), warnings
    raise InteropError(scenario.metadata.id, f"unknown format {fmt!r}: genius or geniusweb")


def export_domain(scenario: Scenario, folder: str | Path, fmt: ExportFormat) -> DomainExport:
    """Write :func:`domain_files` into ``folder`` (created if needed)."""
    files, warnings = domain_files(scenario, fmt)
    root = Path(folder)
    written = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = root / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise InteropError(str(root), f"cannot write: {error.strerror or error}") from None
    return DomainExport(tuple(written), tuple(warnings))
