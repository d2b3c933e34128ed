"""Interoperability: GENIUS XML and GeniusWeb JSON negotiation domains as detente scenarios.

A leaf package: the model never imports it. Public API::

    load_domain(domain_file, profile_files) -> Scenario
    load_domain_folder(folder) -> (Scenario, [SkippedFile])
    import_domain(...), import_domain_folder(...) -> DomainImport (scenario, warnings, skipped)
    detect_format(path_or_bytes) -> "genius_xml" | "geniusweb_json"
    export_domain(scenario, folder, "genius" | "geniusweb") -> DomainExport (files, warnings)
    InteropError (file, line, column, message), NoProfilesError, SkippedFile

The semantics followed are documented in :mod:`~detente.interop.genius_xml`,
:mod:`~detente.interop.geniusweb_json`, :mod:`~detente.interop.build` and
:mod:`~detente.interop.ids` (how foreign names become ids).
"""

from detente.interop.domains import (
    DomainImport,
    detect_format,
    import_domain,
    import_domain_folder,
    load_domain,
    load_domain_folder,
)
from detente.interop.errors import InteropError, NoProfilesError, SkippedFile
from detente.interop.export import DomainExport, domain_files, export_domain

__all__ = [
    "DomainExport",
    "DomainImport",
    "InteropError",
    "NoProfilesError",
    "SkippedFile",
    "detect_format",
    "domain_files",
    "export_domain",
    "import_domain",
    "import_domain_folder",
    "load_domain",
    "load_domain_folder",
]
