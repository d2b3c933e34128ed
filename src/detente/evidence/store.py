"""The evidence store: sources and statements in one embedded DuckDB file.

Tables ``sources`` (one row per article, keyed by the SHA-256 of its normalised text) and
``statements`` (keyed by source, kind and quote), so adding the same article again — even from
another path — changes nothing. Queries filter by speaker (substring, case-insensitive), party,
issue and a date range on ``said_on``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import TracebackType
from typing import Any

from detente.errors import DetenteError
from detente.evidence.extract import ExtractedStatement

__all__ = ["EvidenceStore", "StoreError", "source_id"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id VARCHAR PRIMARY KEY, address VARCHAR, title VARCHAR, article_date DATE,
    added_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS statements (
    source_id VARCHAR, kind VARCHAR, quote VARCHAR, speaker VARCHAR, party VARCHAR,
    speaker_role VARCHAR, said_on DATE, said_until DATE, date_precision VARCHAR, venue VARCHAR,
    reported_by VARCHAR, issues VARCHAR[], stance VARCHAR, start_offset INTEGER,
    PRIMARY KEY (source_id, kind, quote)
);
"""
_COLUMNS = (
    "source_id, kind, quote, speaker, party, speaker_role, said_on, said_until, date_precision, "
    "venue, reported_by, issues, stance, start_offset"
)


class StoreError(DetenteError, RuntimeError):
    """The database file cannot be opened or is not an evidence store."""


def source_id(text: str) -> str:
    """The id of a source: the first 16 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class EvidenceStore:
    """An evidence database file (created if missing). Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        try:
            import duckdb
        except ImportError:
            raise StoreError(
                "the evidence store needs DuckDB: pip install 'detente[store]'"
            ) from None
        try:
            self.connection = duckdb.connect(str(path))
            self.connection.execute(_SCHEMA)
        except duckdb.Error as error:
            raise StoreError(f"cannot open {path} as an evidence store: {error}") from None

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database file."""
        self.connection.close()

    def add(
        self,
        text: str,
        statements: list[ExtractedStatement],
        address: str = "",
        title: str = "",
        article_date: dt.date | None = None,
    ) -> int:
        """Add an article and its statements; returns the number of new statements."""
        sid = source_id(text)
        self.connection.execute(
            "INSERT INTO sources (id, address, title, article_date) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [sid, address, title, article_date],
        )
        before = self.count()
        rows = [
            [sid, s.kind, s.quote, s.speaker, s.party, s.speaker_role, s.said_on, s.said_until,
             s.date_precision, s.venue, s.reported_by, list(s.issues), s.stance, s.start]
            for s in statements
        ]  # fmt: skip
        if rows:
            self.connection.executemany(
                f"INSERT INTO statements ({_COLUMNS}) VALUES ({', '.join('?' * 14)}) "
                "ON CONFLICT DO NOTHING",
                rows,
            )
        return self.count() - before

    def count(self) -> int:
        """The number of statements stored."""
        row = self.connection.execute("SELECT count(*) FROM statements").fetchone()
        return int(row[0]) if row else 0

    def sources(self) -> list[dict[str, Any]]:
        """All sources, oldest first."""
        cursor = self.connection.execute(
            "SELECT id, address, title, article_date FROM sources ORDER BY added_at, id"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def query(
        self,
        speaker: str | None = None,
        party: str | None = None,
        issue: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Statements matching every given filter, by date then position."""
        clauses: list[str] = ["TRUE"]
        params: list[object] = []
        if speaker:
            clauses.append("lower(speaker) LIKE ?")
            params.append(f"%{speaker.lower()}%")
        if party:
            clauses.append("party = ?")
            params.append(party)
        if issue:
            clauses.append("list_contains(issues, ?)")
            params.append(issue)
        if date_from:
            clauses.append("coalesce(said_until, said_on) >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("said_on <= ?")
            params.append(date_to)
        cursor = self.connection.execute(
            f"SELECT {_COLUMNS} FROM statements WHERE {' AND '.join(clauses)} "
            "ORDER BY said_on NULLS LAST, source_id, start_offset",
            params,
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
