"""``detente simulate --history RUN_ID``: one run of a sweep, round by round."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from detente.documents import envelope
from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.history import replay
from detente.presentation.cli.common import console, fail, print_json

__all__ = ["show_history"]


def _offer_text(labels: dict[str, str]) -> str:
    return " · ".join(labels.values())


def show_history(scenario: Any, config: Any, seed: int, run: int, as_json: bool) -> None:
    """Replay run ``run`` of the sweep ``(scenario, config, seed)`` and print its history."""
    try:
        found = replay(scenario, config, seed, run)
    except SimulationError as error:
        fail(str(error))
    if as_json:
        print_json(envelope("simulate", scenario.metadata.id, found))
        return
    issues = " · ".join(i.id for i in scenario.issues)
    table = Table(
        title=f"{scenario.metadata.id}: run {run} of seed {seed}", caption=f"offer: {issues}"
    )
    for column in ("round", "mover", "offer", "answers", "events"):
        table.add_column(column, overflow="fold")
    for row in found.history:
        answers = ", ".join(f"{p}: {a}" for p, a in row["answers"].items())
        table.add_row(str(row["round"]), row["mover"], _offer_text(row["offer"]), answers,
                      ", ".join(row["events"]))  # fmt: skip
    console.print(table)
    ending = f"ended by {found.end} after {found.rounds} rounds"
    if found.deal is not None and found.utilities is not None:
        shares = ", ".join(f"{p} {u:.3f}" for p, u in found.utilities.items())
        ending += f": {', '.join(f'{k}={v}' for k, v in found.deal.items())} (utilities {shares})"
    console.print(ending, highlight=False)
