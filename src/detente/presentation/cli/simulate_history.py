"""``detente simulate --history RUN_ID``: one run of a sweep, round by round."""

from __future__ import annotations

from typing import Any

import numpy as np
from rich.table import Table

from detente.presentation.cli.common import console, fail, print_json

__all__ = ["history_rows", "show_history"]


def _offer_text(labels: dict[str, str]) -> str:
    return " · ".join(labels.values())


def history_rows(domain: Any, result: Any) -> list[dict[str, Any]]:
    """Each round of a one-run ``BatchResult``: round, mover, offer, answers, events."""
    issues = domain.compiled.space.issues
    rows = []
    for move in result.history:
        answers = {}
        for party, accepted in move.accepted.items():
            objection = int(move.objections.get(party, np.array([-1]))[0])
            if bool(accepted[0]):
                answers[party] = "accept"
            else:
                answers[party] = f"object: {issues[objection]}" if objection >= 0 else "reject"
        labels = domain.compiled.space.labels(domain.ranks[int(move.offer[0])].tolist())
        rows.append(
            {
                "round": move.round,
                "mover": move.mover,
                "offer": labels,
                "answers": answers,
                "events": list(move.events),
            }
        )
    return rows


def show_history(scenario: Any, config: Any, seed: int, run: int, as_json: bool) -> None:
    """Replay run ``run`` of the sweep ``(scenario, config, seed)`` and print its history."""
    import dataclasses

    from detente.engines.compile import compile_scenario
    from detente.engines.simulation import build_domain, run_batch
    from detente.engines.simulation.protocols import END_CODES

    domain = build_domain(compile_scenario(scenario))
    try:
        result = run_batch(domain, dataclasses.replace(config, record=True), seed, np.array([run]))
    except ValueError as error:
        fail(str(error))
    rows = history_rows(domain, result)
    end = END_CODES[int(result.end[0])]
    deal = None
    if result.agreement[0]:
        deal = domain.compiled.space.labels(domain.compiled.space.decode([result.outcome[0]])[0])
    utilities = dict(zip(domain.parties, result.utilities[0].tolist(), strict=True))
    parameters = dict(zip(result.paths, result.parameters[0].tolist(), strict=True))
    if as_json:
        print_json({"run": run, "seed": seed, "end": end, "rounds": int(result.rounds[0]),
                    "deal": deal, "utilities": utilities if deal else None,
                    "parameters": parameters, "history": rows})  # fmt: skip
        return
    issues = " · ".join(domain.compiled.space.issues)
    table = Table(
        title=f"{scenario.metadata.id}: run {run} of seed {seed}", caption=f"offer: {issues}"
    )
    for column in ("round", "mover", "offer", "answers", "events"):
        table.add_column(column, overflow="fold")
    for row in rows:
        answers = ", ".join(f"{p}: {a}" for p, a in row["answers"].items())
        table.add_row(str(row["round"]), row["mover"], _offer_text(row["offer"]), answers,
                      ", ".join(row["events"]))  # fmt: skip
    console.print(table)
    ending = f"ended by {end} after {int(result.rounds[0])} rounds"
    if deal is not None:
        shares = ", ".join(f"{p} {u:.3f}" for p, u in utilities.items())
        ending += f": {', '.join(f'{k}={v}' for k, v in deal.items())} (utilities {shares})"
    console.print(ending, highlight=False)
