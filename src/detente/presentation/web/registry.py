"""The scenarios a server knows: embedded, given on the command line, uploaded (in memory).

A scenario id from a request is only ever a key of this registry, never a path: embedded ids
come from the package, command-line files are read at start-up, uploads get a random id made
by the server. Uploads are kept in memory, at most ``max_uploads`` (the oldest is forgotten).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from detente.model.catalog import embedded_scenarios, load_embedded
from detente.model.scenario import Scenario

__all__ = ["Entry", "Registry"]


@dataclass(frozen=True)
class Entry:
    """A known scenario and where it came from (``embedded``, ``file`` or ``upload``)."""

    id: str
    origin: str
    scenario: Scenario


#: Bytes of built documents (as JSON) the cache keeps, all scenarios together.
MAX_CACHE_BYTES = 256 * 1024 * 1024


class Registry:
    """Scenario id -> :class:`Entry`, plus a cache of built documents bounded by bytes.

    The cache is least-recently-used: storing a document forgets the oldest ones until the
    JSON size of those kept is at most ``max_cache_bytes``; a document larger than that on its
    own is not kept.
    """

    def __init__(
        self,
        files: list[Scenario] | None = None,
        max_uploads: int = 32,
        max_cache_bytes: int = MAX_CACHE_BYTES,
    ) -> None:
        self._lock = threading.Lock()
        self._fixed: dict[str, Entry | None] = {sid: None for sid in embedded_scenarios()}
        self._uploads: OrderedDict[str, Entry] = OrderedDict()
        self._cache: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._cache_bytes = 0
        self.max_uploads = max_uploads
        self.max_cache_bytes = max_cache_bytes
        for scenario in files or []:
            sid = self._free_id(scenario.metadata.id)
            self._fixed[sid] = Entry(sid, "file", scenario)

    def _free_id(self, wanted: str) -> str:
        sid, k = wanted, 2
        while sid in self._fixed:
            sid, k = f"{wanted}-{k}", k + 1
        return sid

    def entries(self) -> list[Entry]:
        """Every known scenario (embedded ones are loaded on first use)."""
        found = [self.get(sid) for sid in list(self._fixed)]
        with self._lock:
            found += list(self._uploads.values())
        return [e for e in found if e is not None]

    def get(self, sid: str) -> Entry | None:
        """The entry for ``sid``, or None when no scenario has that id."""
        with self._lock:
            if sid in self._uploads:
                return self._uploads[sid]
            if sid not in self._fixed:
                return None
            entry = self._fixed[sid]
        if entry is None:
            entry = Entry(sid, "embedded", load_embedded(sid))
            with self._lock:
                self._fixed[sid] = entry
        return entry

    def add_upload(self, scenario: Scenario) -> Entry:
        """Keep an uploaded scenario under a new random id; forget the oldest beyond the cap."""
        sid = f"upload-{secrets.token_hex(8)}"
        entry = Entry(sid, "upload", scenario)
        with self._lock:
            self._uploads[sid] = entry
            while len(self._uploads) > self.max_uploads:
                old, _ = self._uploads.popitem(last=False)
                self._forget(old)
        return entry

    def cached(self, sid: str) -> Any | None:
        """The cached document of ``sid`` (now the most recently used), or None."""
        with self._lock:
            found = self._cache.get(sid)
            if found is None:
                return None
            self._cache.move_to_end(sid)
            return found[0]

    @property
    def cache_bytes(self) -> int:
        """JSON bytes of the documents the cache keeps."""
        return self._cache_bytes

    def store(self, sid: str, value: Any, size: int | None = None) -> None:
        """Cache ``value`` (``size``: its JSON bytes, measured here when not given)."""
        if size is None:
            size = len(json.dumps(value, default=str).encode("utf-8", "backslashreplace"))
        with self._lock:
            self._forget(sid)
            if size > self.max_cache_bytes:
                return
            self._cache[sid] = (value, size)
            self._cache_bytes += size
            while self._cache_bytes > self.max_cache_bytes:
                self._forget(next(iter(self._cache)))

    def _forget(self, sid: str) -> None:
        found = self._cache.pop(sid, None)
        if found is not None:
            self._cache_bytes -= found[1]
