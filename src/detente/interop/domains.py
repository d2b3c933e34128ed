"""Format detection, and reading a domain with its profiles (files or a folder) into a scenario.

The format is recognised from the content, never the extension: after any byte-order mark
and white space, ``<`` starts GENIUS XML and ``{`` GeniusWeb JSON. In GENIUS XML the root
``<negotiation_template>`` marks a domain and ``<utility_space>`` a profile; in GeniusWeb JSON
a top-level ``issuesValues`` marks a domain and anything else a profile.

A folder holds a domain and its profiles. When it holds several domains (ANAC 2012's
``-A-``/``-B-``/``-C-`` variants), each profile belongs to the domain whose file name shares
the longest prefix with its own; the first domain in file-name order is read unless
``domain=`` names another, and the other domains and their profiles are listed as skipped.

The files carry no date: ``metadata.as_of`` is the domain file's last modification day (UTC)
unless ``as_of=`` is given; the scenario's summary names the files read without their folder.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from detente.interop import genius_xml, geniusweb_json
from detente.interop.build import build_scenario
from detente.interop.errors import InteropError, NoProfilesError, SkippedFile
from detente.interop.foreign import ForeignDomain, ForeignProfile, read_bytes
from detente.interop.xmltree import Node, parse_xml
from detente.model.scenario import Scenario

__all__ = [
    "DomainImport",
    "Format",
    "detect_format",
    "import_domain",
    "import_domain_folder",
    "load_domain",
    "load_domain_folder",
]

Format = Literal["genius_xml", "geniusweb_json"]
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class DomainImport:
    """A read domain: the scenario, the warnings of lenient reading, the skipped files."""

    scenario: Scenario
    warnings: tuple[str, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()


@dataclass(frozen=True)
class _Parsed:
    file: str
    format: Format
    is_domain: bool
    tree: Any
    warnings: tuple[str, ...]


def detect_format(content: bytes | str | os.PathLike[str]) -> Format:
    """``"genius_xml"`` or ``"geniusweb_json"`` from a file's content (bytes, or a path).

    >>> detect_format(b'  <?xml version="1.0"?><utility_space/>')
    'genius_xml'
    >>> detect_format(b'{"name": "party", "issuesValues": {}}')
    'geniusweb_json'
    """
    if isinstance(content, str | os.PathLike):
        return _detect(read_bytes(Path(content)), str(content))
    return _detect(content, "<bytes>")


def _detect(raw: bytes, file: str) -> Format:
    head = raw[:4096]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    head = head.lstrip()
    if head.startswith(b"<"):
        return "genius_xml"
    if head.startswith(b"{"):
        return "geniusweb_json"
    raise InteropError(file, "neither GENIUS XML (starts with '<') nor GeniusWeb JSON ('{')")


def _parse(path: Path) -> _Parsed:
    file = str(path)
    raw = read_bytes(path)
    fmt = _detect(raw, file) if raw.strip() else None
    if fmt is None:
        raise InteropError(file, "the file is empty")
    if fmt == "genius_xml":
        root, warnings = parse_xml(raw, file)
        if root.tag not in ("negotiation_template", "utility_space"):
            raise InteropError(file, f"unexpected root element <{root.tag}>", root.line)
        return _Parsed(file, fmt, root.tag == "negotiation_template", root, tuple(warnings))
    document = geniusweb_json.parse_json(raw, file)
    if not isinstance(document, dict):
        raise InteropError(file, "a GeniusWeb file holds a JSON object")
    return _Parsed(file, fmt, "issuesValues" in document, document, ())


def _domain(parsed: _Parsed) -> ForeignDomain:
    if not parsed.is_domain:
        raise InteropError(parsed.file, "this is a profile, not a domain")
    if parsed.format == "genius_xml":
        return genius_xml.read_genius_domain(parsed.tree, parsed.file)
    return geniusweb_json.read_geniusweb_domain(parsed.tree, parsed.file)


def _skip_reason(parsed: _Parsed, domain: ForeignDomain) -> str | None:
    if parsed.is_domain:
        return "a second domain file"
    if parsed.format != domain.format:
        return f"a {parsed.format} profile for a {domain.format} domain"
    if parsed.format == "genius_xml":
        root: Node = parsed.tree
        return genius_xml.skip_reason(root)
    return geniusweb_json.skip_reason(parsed.tree)


def _profile(parsed: _Parsed, domain: ForeignDomain) -> ForeignProfile:
    name = Path(parsed.file).stem
    if parsed.format == "genius_xml":
        return genius_xml.read_genius_profile(parsed.tree, parsed.file, name, domain)
    return geniusweb_json.read_geniusweb_profile(parsed.tree, parsed.file, name, domain)


def _plain_errors(error: ValidationError, shown: int = 5) -> str:
    """The first problems of a scenario built from a domain, in plain words (no pydantic dump)."""
    items = error.errors(include_url=False)
    parts = [
        f"{'.'.join(str(p) for p in item['loc'])}: {str(item['msg']).removeprefix('Value error, ')}"
        for item in items[:shown]
    ]
    more = f"; and {len(items) - shown} more" if len(items) > shown else ""
    return "the domain does not make a valid scenario: " + "; ".join(parts) + more


def _build(
    domain: ForeignDomain,
    profiles: list[_Parsed],
    warnings: list[str],
    skipped: list[SkippedFile],
    as_of: dt.date | None,
) -> DomainImport:
    read = [_profile(p, domain) for p in profiles]
    for p in profiles:
        warnings.extend(p.warnings)
    try:
        scenario = build_scenario(domain, read, warnings, as_of)
    except ValidationError as error:
        raise InteropError(domain.file, _plain_errors(error)) from None
    return DomainImport(scenario, tuple(warnings), tuple(skipped))


def import_domain(
    domain_file: str | os.PathLike[str],
    profile_files: Sequence[str | os.PathLike[str]],
    as_of: dt.date | None = None,
) -> DomainImport:
    """Read ``domain_file`` and the given profiles; every profile must be additive and certain."""
    parsed_domain = _parse(Path(domain_file))
    domain = _domain(parsed_domain)
    profiles = [_parse(Path(f)) for f in profile_files]
    for p in profiles:
        reason = _skip_reason(p, domain)
        if reason is not None:
            raise InteropError(p.file, f"cannot use this file as a profile: {reason}")
    return _build(domain, profiles, list(parsed_domain.warnings), [], as_of)


def load_domain(
    domain_file: str | os.PathLike[str],
    profile_files: Sequence[str | os.PathLike[str]],
    as_of: dt.date | None = None,
) -> Scenario:
    """The scenario of ``domain_file`` with one principal per profile file.

    Warnings of lenient reading are in ``metadata.summary``; use :func:`import_domain` to
    get them as a list.
    """
    return import_domain(domain_file, profile_files, as_of).scenario


def _common_prefix(a: str, b: str) -> int:
    """Length of the common leading characters of two file names."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _owner(profile: _Parsed, domains: list[_Parsed]) -> _Parsed:
    """The domain whose file name shares the longest prefix with the profile's (first wins)."""
    name = Path(profile.file).name
    return max(domains, key=lambda d: _common_prefix(Path(d.file).name, name))


def _choose(domains: list[_Parsed], wanted: str | None, folder: Path) -> _Parsed:
    if wanted is None:
        return domains[0]
    for parsed in domains:
        if Path(parsed.file).name == wanted:
            return parsed
    names = ", ".join(Path(d.file).name for d in domains)
    raise InteropError(str(folder), f"no domain file {wanted!r} here; domains: {names}")


def _scan(folder: Path) -> tuple[list[_Parsed], list[SkippedFile]]:
    if not folder.is_dir():
        raise InteropError(str(folder), "not a folder")
    parsed, skipped = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            detect_format(path)
        except InteropError:
            skipped.append(SkippedFile(str(path), "neither GENIUS XML nor GeniusWeb JSON"))
            continue
        parsed.append(_parse(path))
    return parsed, skipped


def import_domain_folder(
    folder: str | os.PathLike[str], domain: str | None = None, as_of: dt.date | None = None
) -> DomainImport:
    """Read a folder's domain and every additive, certain profile in it.

    Uncertain (``type="UNCERTAIN"``) and non-additive (``type="constraint"``, GeniusWeb
    partial orderings) profiles, files in neither format, and the profiles of other domains in
    the folder are listed in ``skipped`` with the reason. A folder with fewer than two usable
    profiles raises :class:`~detente.interop.errors.NoProfilesError` (its ``skipped`` says why).
    """
    root = Path(folder)
    parsed, skipped = _scan(root)
    domains = [p for p in parsed if p.is_domain]
    if not domains:
        raise InteropError(str(root), "no domain file (GENIUS <negotiation_template> or GeniusWeb)")
    chosen = _choose(domains, domain, root)
    read_domain = _domain(chosen)
    profiles = []
    for p in parsed:
        if p is chosen:
            continue
        owner = None if p.is_domain else _owner(p, domains)
        if p.is_domain:
            reason: str | None = f"another domain; pass domain={Path(p.file).name!r} to read it"
        elif owner is not chosen and owner is not None:
            reason = f"a profile of the other domain {Path(owner.file).name}"
        else:
            reason = _skip_reason(p, read_domain)
        if reason is None:
            profiles.append(p)
        else:
            skipped.append(SkippedFile(p.file, reason))
    if len(profiles) < 2:
        why = "; ".join(f"{Path(s.file).name}: {s.reason}" for s in skipped)
        message = f"fewer than two additive, certain profiles ({len(profiles)}); skipped: {why}"
        raise NoProfilesError(str(root), message, skipped)
    return _build(read_domain, profiles, list(chosen.warnings), skipped, as_of)


def load_domain_folder(
    folder: str | os.PathLike[str], domain: str | None = None, as_of: dt.date | None = None
) -> tuple[Scenario, list[SkippedFile]]:
    """The scenario of a domain folder and the files skipped, with reasons.

    See :func:`import_domain_folder`; warnings of lenient reading are in
    ``metadata.summary`` (and in :attr:`DomainImport.warnings`).
    """
    result = import_domain_folder(folder, domain, as_of)
    return result.scenario, list(result.skipped)
