"""Per-issue errors kept for later analysis: a CSV file or a DuckDB table ``errors``.

Columns: ``model, issue_id, proposal_id, outcome, forecast, abs_error``. A DuckDB file is
chosen by the ``.duckdb`` suffix (the ``store`` extra); the table is replaced on every write.
"""

from __future__ import annotations

import csv
from pathlib import Path

from detente.engines.issuetable.backtest import Forecasts, error_rows

__all__ = ["COLUMNS", "write_errors"]

COLUMNS = ("model", "issue_id", "proposal_id", "outcome", "forecast", "abs_error")


def write_errors(path: Path, forecasts: Forecasts) -> None:
    """Write every model's per-issue error to ``path`` (``.csv`` or ``.duckdb``).

    Raises
    ------
    OSError
        When the file cannot be written.
    ValueError
        For another suffix.
    """
    rows = list(error_rows(forecasts))
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        return
    if path.suffix != ".duckdb":
        raise ValueError(f"{path}: the errors file must end in .csv or .duckdb")
    import duckdb

    con = duckdb.connect(str(path))
    try:
        con.execute(
            "CREATE OR REPLACE TABLE errors (model VARCHAR, issue_id VARCHAR,"
            " proposal_id VARCHAR, outcome DOUBLE, forecast DOUBLE, abs_error DOUBLE)"
        )
        con.executemany("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)", rows)
    finally:
        con.close()
