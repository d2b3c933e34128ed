"""Foreign domain + profiles -> a detente :class:`~detente.model.scenario.Scenario`.

* issues and options keep the domain's order; ids come from :mod:`detente.interop.ids`,
  the original names are the ``label`` s;
* each profile becomes a ``principal`` party (id from its file name, made a unique id;
  capability 0.5) with ``values`` as read and ``weights`` divided by their sum (kept as they
  are when they already sum to 1 within 1e-12);
* a GeniusWeb reservation bid ``b`` becomes the reservation value
  ``r = sum_i w_i v_i(b_i)`` with the normalised weights (issues the bid leaves out count 0);
* GENIUS discount factors (no place in the model, see :mod:`~detente.interop.genius_xml`)
  and every warning of the reading are written into ``metadata.summary``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from detente.interop.errors import InteropError
from detente.interop.foreign import ForeignDomain, ForeignProfile
from detente.interop.ids import metadata_id, number_id, unique_ids
from detente.model.checks import check_scenario
from detente.model.scenario import Issue, Metadata, Option, Party, Preferences, Scenario

__all__ = ["UNKNOWN_DATE", "build_scenario", "file_date", "normalised", "reservation_value"]

#: The date of a domain whose file has none to give (see :func:`file_date`).
UNKNOWN_DATE = dt.date(1970, 1, 1)


def file_date(file: str) -> dt.date:
    """The ``as_of`` of an imported domain: its domain file's last modification day (UTC).

    GENIUS and GeniusWeb files carry no date; the day the domain was last written is the
    nearest to "as of when" the preferences hold. Pass ``as_of=`` to say otherwise.
    """
    try:
        return dt.datetime.fromtimestamp(Path(file).stat().st_mtime, dt.UTC).date()
    except (OSError, ValueError, OverflowError):
        return UNKNOWN_DATE


_FORMATS = {"genius_xml": "GENIUS XML", "geniusweb_json": "GeniusWeb JSON"}


#: Weights whose sum is this close to 1 are kept as they are: dividing by a sum of 1 ± a few
#: units in the last place would only move each weight by as much, and keeping them makes
#: reading a written domain give back exactly the weights written.
SUM_TOLERANCE = 1e-12


def normalised(weights: Sequence[float], file: str) -> list[float]:
    """``weights`` divided by their sum (an error when they are all 0); kept as they are when
    the sum is 1 within :data:`SUM_TOLERANCE`."""
    total = sum(weights)
    if not total > 0:
        raise InteropError(file, "the issue weights are all 0")
    if abs(total - 1.0) <= SUM_TOLERANCE:
        return list(weights)
    return [w / total for w in weights]


def reservation_value(profile: ForeignProfile, weights: Sequence[float]) -> float:
    """The profile's reservation value; for a reservation bid, that bid's utility."""
    if profile.reservation_bid is None:
        return profile.reservation
    total = sum(
        w * row[k]
        for w, row, k in zip(weights, profile.values, profile.reservation_bid, strict=True)
        if k is not None
    )
    return min(1.0, max(0.0, total))


def _issues(domain: ForeignDomain) -> tuple[list[Issue], list[list[str]]]:
    issue_ids = unique_ids(issue.name for issue in domain.issues)
    issues, option_ids = [], []
    for issue_id, issue in zip(issue_ids, domain.issues, strict=True):
        if issue.numbers is not None:
            ids = unique_ids(number_id(v) for v in issue.numbers)
        else:
            ids = unique_ids(issue.labels)
        options = [Option(id=o, label=label) for o, label in zip(ids, issue.labels, strict=True)]
        issues.append(Issue(id=issue_id, label=issue.name, options=options))
        option_ids.append(ids)
    return issues, option_ids


def _party(
    party_id: str, profile: ForeignProfile, issues: list[Issue], option_ids: list[list[str]]
) -> Party:
    weights = normalised(profile.weights, profile.file)
    values = {
        issue.id: dict(zip(ids, row, strict=True))
        for issue, ids, row in zip(issues, option_ids, profile.values, strict=True)
    }
    preferences = Preferences(
        weights={issue.id: w for issue, w in zip(issues, weights, strict=True)},
        values=values,  # type: ignore[arg-type]
        reservation=reservation_value(profile, weights),
    )
    return Party(id=party_id, name=profile.name, role="principal", preferences=preferences)


def _bare(text: str, files: Sequence[str]) -> str:
    """``text`` with each of ``files`` (paths as given) cut to its file name: a scenario
    carries no path of the machine that imported it."""
    for file in sorted(files, key=len, reverse=True):
        text = text.replace(file, Path(file).name)
    return text


def _summary(domain: ForeignDomain, profiles: Sequence[ForeignProfile], warnings: list[str]) -> str:
    files = [domain.file, *(p.file for p in profiles)]
    lines = [
        f"Imported from the {_FORMATS.get(domain.format, domain.format)} domain "
        f"{Path(domain.file).name} with the profiles "
        f"{', '.join(Path(p.file).name for p in profiles)}."
    ]
    discounts = [f"{p.name}={p.discount:g}" for p in profiles if p.discount not in (None, 1.0)]
    if discounts:
        lines.append(
            "GENIUS discount factors (u * d**t over normalised time t; not modelled): "
            + ", ".join(discounts)
            + "."
        )
    lines += [f"Warning: {_bare(w, files)}" for w in warnings]
    return "\n".join(lines)


def build_scenario(
    domain: ForeignDomain,
    profiles: Sequence[ForeignProfile],
    warnings: list[str],
    as_of: dt.date | None = None,
) -> Scenario:
    """The scenario of ``domain`` with one principal per profile; adds to ``warnings``.

    ``as_of`` defaults to the domain file's date (:func:`file_date`)."""
    if len(profiles) < 2:
        raise InteropError(domain.file, f"need at least two profiles, got {len(profiles)}")
    for issue in domain.issues:
        if issue.kind == "real":
            warnings.append(
                f"{domain.file}: real issue {issue.name!r} discretised to {len(issue.labels)} "
                "evenly spaced options"
            )
    for profile in profiles:
        warnings.extend(profile.warnings)
        total = sum(profile.weights)
        if abs(total - 1.0) > 1e-6:
            warnings.append(f"{profile.file}: weights sum to {total:.6g}; divided by their sum")
    issues, option_ids = _issues(domain)
    party_ids = unique_ids(p.name for p in profiles)
    parties = [
        _party(pid, p, issues, option_ids) for pid, p in zip(party_ids, profiles, strict=True)
    ]
    metadata = Metadata(
        id=metadata_id(domain.name),
        title=domain.name,
        as_of=as_of or file_date(domain.file),
        summary=_summary(domain, profiles, warnings),
        judgment_note="Utilities, weights and reservation values are the profile files' own.",
    )
    scenario = Scenario(metadata=metadata, parties=parties, issues=issues)
    errors = [p for p in check_scenario(scenario) if p.severity == "error"]
    if errors:
        raise InteropError(domain.file, "; ".join(p.message for p in errors))
    return scenario
