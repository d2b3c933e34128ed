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
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from detente.engines.simulation.protocols import END_CODES, BatchResult
from detente.engines.simulation.state import Ints
from detente.engines.space import OutcomeSpace
from detente.errors import require_extra
from detente.model.storefile import open_store

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
    """Open (creating if needed) the store at ``path``.

    Raises
    ------
    StoreFileError
        The path cannot hold a store, is not one, or is held by another process.
    """
    require_extra("sim", ("duckdb",), "the simulation results store")
    con = open_store(path)
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


def _options(space: OutcomeSpace, outcomes: Ints) -> npt.NDArray[np.object_]:
    """The JSON labels of each outcome (None without a deal), decoded once per distinct one."""
    result = np.full(outcomes.shape[0], None, dtype=object)
    distinct, inverse = np.unique(outcomes, return_inverse=True)
    labels = np.array([None] * distinct.shape[0], dtype=object)
    for k, index in enumerate(distinct.tolist()):
        if index >= 0:
            labels[k] = json.dumps(space.labels(space.decode(np.array([index]))[0].tolist()))
    result[:] = labels[inverse]
    return result


def _list(prefix: str, width: int) -> str:
    return "[" + ", ".join(f"{prefix}{k}" for k in range(width)) + "]"


def write_batch(con: Any, sweep_id: str, space: OutcomeSpace, batch: BatchResult) -> None:
    """Insert one batch's runs in one transaction (a batch is stored whole or not at all).

    The batch's columns are handed to DuckDB as NumPy arrays (no Python loop over runs).
    """
    n_params, n_parties = batch.parameters.shape[1], batch.utilities.shape[1]
    columns: dict[str, Any] = {
        "run_id": batch.runs,
        "agreement": batch.agreement,
        "outcome": batch.outcome,
        "options": _options(space, batch.outcome),
        "round": batch.rounds,
        "end_code": np.array(END_CODES, dtype=object)[batch.end],
    }
    columns.update({f"p{k}": batch.parameters[:, k] for k in range(n_params)})
    columns.update({f"u{k}": batch.utilities[:, k] for k in range(n_parties)})
    parameters = _list("p", n_params) if n_params else "[]::DOUBLE[]"
    utilities = f"CASE WHEN agreement THEN {_list('u', n_parties)} END"
    con.register("batch_columns", columns)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            f"INSERT INTO runs SELECT ?, run_id, {parameters}, agreement, outcome, options, "
            f"round, end_code, {utilities} FROM batch_columns",
            [sweep_id],
        )
        con.execute("COMMIT")
    finally:
        con.unregister("batch_columns")
