"""The DuckDB results store of simulation sweeps (optional extra ``sim``).

Two tables. ``sweeps``: one row per sweep (``id``, scenario id, seed, number of runs, protocol,
strategies, the configuration as JSON, the parties and parameter paths as JSON arrays, detente
version, creation time). ``runs``: one row per run (``sweep_id``, ``run_id``, the sampled
parameters as a ``DOUBLE[]`` in the order of ``sweeps.paths``, ``agreement``, ``outcome`` (global
index, -1 without a deal), ``options`` (JSON issue -> option), ``round``, ``end``, and
``utilities`` as a ``DOUBLE[]`` in the order of ``sweeps.parties``, NULL without a deal).
``(sweep_id, run_id)`` is the primary key: each batch is written in one transaction, so a
killed sweep leaves whole batches only, and a rerun computes exactly the missing runs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from detente.engines.simulation.protocols import END_CODES, BatchResult
from detente.engines.space import OutcomeSpace

__all__ = ["SweepRecord", "connect", "done_runs", "record_sweep", "write_batch"]

SweepRecord = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sweeps (
    id VARCHAR PRIMARY KEY, scenario VARCHAR, seed BIGINT, runs BIGINT, protocol VARCHAR,
    strategies VARCHAR, config VARCHAR, parties VARCHAR, paths VARCHAR, version VARCHAR,
    created TIMESTAMP
);
CREATE TABLE IF NOT EXISTS runs (
    sweep_id VARCHAR, run_id BIGINT, parameters DOUBLE[], agreement BOOLEAN, outcome BIGINT,
    options VARCHAR, round BIGINT, "end" VARCHAR, utilities DOUBLE[],
    PRIMARY KEY (sweep_id, run_id)
);
"""


def connect(path: str | Path) -> Any:
    """Open (creating if needed) the store at ``path``."""
    import duckdb

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(_SCHEMA)
    return con


def record_sweep(con: Any, record: SweepRecord) -> None:
    """Insert the sweep's metadata, or update its number of runs when it already exists."""
    existing = con.execute("SELECT 1 FROM sweeps WHERE id = ?", [record["id"]]).fetchone()
    if existing:
        con.execute("UPDATE sweeps SET runs = ? WHERE id = ?", [record["runs"], record["id"]])
        return
    columns = ("id", "scenario", "seed", "runs", "protocol", "strategies", "config")
    values = [record[c] for c in columns]
    values += [json.dumps(record["parties"]), json.dumps(record["paths"]), record["version"]]
    values.append(dt.datetime.now(dt.UTC).replace(tzinfo=None))
    con.execute("INSERT INTO sweeps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)


def done_runs(con: Any, sweep_id: str) -> set[int]:
    """Run ids already stored for ``sweep_id``."""
    rows = con.execute("SELECT run_id FROM runs WHERE sweep_id = ?", [sweep_id]).fetchall()
    return {int(r[0]) for r in rows}


def _options(space: OutcomeSpace, outcomes: Sequence[int]) -> list[str | None]:
    result: list[str | None] = [None] * len(outcomes)
    index = np.asarray(outcomes, dtype=np.int64)
    deal = np.flatnonzero(index >= 0)
    if deal.size:
        ranks = space.decode(index[deal])
        for row, r in zip(deal.tolist(), ranks, strict=True):
            result[row] = json.dumps(space.labels(r.tolist()))
    return result


def write_batch(con: Any, sweep_id: str, space: OutcomeSpace, batch: BatchResult) -> None:
    """Insert one batch's runs in one transaction (a batch is stored whole or not at all)."""
    utilities = [None if np.isnan(u).any() else u.tolist() for u in batch.utilities]
    con.execute("BEGIN TRANSACTION")
    con.execute(
        "INSERT INTO runs SELECT ?, unnest(?::BIGINT[]), unnest(?::DOUBLE[][]), "
        "unnest(?::BOOLEAN[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::BIGINT[]), "
        "unnest(?::VARCHAR[]), unnest(?::DOUBLE[][])",
        [
            sweep_id,
            batch.runs.tolist(),
            batch.parameters.tolist(),
            batch.agreement.tolist(),
            batch.outcome.tolist(),
            _options(space, batch.outcome.tolist()),
            batch.rounds.tolist(),
            [END_CODES[int(e)] for e in batch.end],
            utilities,
        ],
    )
    con.execute("COMMIT")
