"""Open a DuckDB store file (simulation results, evidence) with errors that say what to do.

DuckDB reports a file it cannot use with an ``IOException`` whose text depends on the case;
:func:`open_store` turns each case into a :class:`StoreFileError` with a plain message:

- the path is a directory, or its folder cannot be created (``/dev/full/x``: ``/dev/full`` is
  not a folder);
- the file exists but is not a DuckDB database (a junk file, another program's file);
- another process holds the store (DuckDB allows one writing process per file): wait for it
  or give another ``--db``;
- anything else DuckDB refuses, with its first line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from detente.errors import DetenteError

__all__ = ["StoreFileError", "open_store"]


class StoreFileError(DetenteError):
    """A store file that cannot be opened; the message names the file and what to do."""


def _prepare(path: Path) -> None:
    if path.is_dir():
        raise StoreFileError(
            f"{path} is a directory, not a store file; give a file path such as "
            f"{path / 'detente.duckdb'}"
        )
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileExistsError | NotADirectoryError):
            reason = "a file that is not a folder is in the way"
        message = f"cannot create the folder {parent} for {path.name}: {reason}"
        raise StoreFileError(message) from None


def _explain(path: Path, error: Exception) -> StoreFileError:
    text = str(error)
    if "not a valid DuckDB database" in text or "not a DuckDB" in text.lower():
        return StoreFileError(
            f"{path} is not a detente store (not a DuckDB database); give another --db path "
            "or move the file away"
        )
    if "lock" in text.lower():
        holder = re.search(r"PID (\d+)", text)
        who = f" (process {holder.group(1)})" if holder else ""
        return StoreFileError(
            f"{path} is in use by another process{who}; wait for it to finish or give "
            "another --db path"
        )
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return StoreFileError(f"cannot open {path} as a store: {first}")


def open_store(path: str | Path, read_only: bool = False) -> Any:
    """A DuckDB connection to ``path`` (created with its folder if missing).

    Raises
    ------
    StoreFileError
        The path is a directory, its folder cannot be made, the file is not a DuckDB
        database, or another process holds it.
    """
    import duckdb

    path = Path(path)
    _prepare(path)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as error:
        raise _explain(path, error) from None
