"""One run of a sweep replayed round by round: who moved, the offer, the answers, the events.

Run ``i`` of a sweep depends only on ``(seed, i)``, so replaying it with the history recorded
gives the stored run again, move by move.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.engines.compile import compile_scenario
from detente.engines.simulation.domain import Domain, build_domain
from detente.engines.simulation.protocols import (
    END_CODES,
    BatchResult,
    SimulationConfig,
    run_batch,
)
from detente.model.scenario import Scenario

__all__ = ["RunHistory", "history_rows", "replay"]


@dataclass(frozen=True)
class RunHistory:
    """Run ``run`` of the sweep with ``seed``: how it ended, the deal by name, each round."""

    run: int
    seed: int
    end: str
    rounds: int
    deal: dict[str, str] | None
    utilities: dict[str, float] | None
    parameters: dict[str, float]
    history: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON data; ``history`` rows are ``{round, mover, offer, answers,
        events}`` with the offer by name."""
        return {
            "run": self.run,
            "seed": self.seed,
            "end": self.end,
            "rounds": self.rounds,
            "deal": self.deal,
            "utilities": self.utilities,
            "parameters": self.parameters,
            "history": list(self.history),
        }


def history_rows(domain: Domain, result: BatchResult) -> list[dict[str, Any]]:
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


def replay(scenario: Scenario, config: SimulationConfig, seed: int, run: int) -> RunHistory:
    """Replay run ``run`` of the sweep ``(scenario, config, seed)`` with its history."""
    domain = build_domain(compile_scenario(scenario))
    recorded = dataclasses.replace(config, record=True)
    result = run_batch(domain, recorded, seed, np.array([run], dtype=np.int64))
    space = domain.compiled.space
    deal = space.named([int(result.outcome[0])])[0] if result.agreement[0] else None
    utilities = dict(zip(domain.parties, result.utilities[0].tolist(), strict=True))
    return RunHistory(
        run=run,
        seed=seed,
        end=END_CODES[int(result.end[0])],
        rounds=int(result.rounds[0]),
        deal=deal,
        utilities=utilities if deal else None,
        parameters=dict(zip(result.paths, result.parameters[0].tolist(), strict=True)),
        history=tuple(history_rows(domain, result)),
    )
