"""The phased-deals section of the report and the web page: steps, thresholds, the big bang.

For the Nash deal of the zone of agreement, or, with no zone, for each proposal on the table
(:mod:`detente.engines.phasing.proposals`): the big bang and the best phased path (at most
:data:`MAX_STEPS` steps) with their verdicts and trust thresholds, and the best path's steps.
Plain JSON-ready data; the template only formats it. A failure costs the section only.
"""

from __future__ import annotations

import math
from typing import Any

from detente.engines.compile import Compiled, compile_scenario
from detente.engines.phasing import PathReport, PhaseResult, PhasingError, analyse_phasing
from detente.engines.phasing.finals import Final, nash_final
from detente.engines.phasing.proposals import PhaseOptions, evaluate_proposals
from detente.model.scenario import Scenario

__all__ = ["MAX_STEPS", "phasing_section"]

#: Most steps searched for the report (the command's default is 5; 3 keeps the page quick).
MAX_STEPS = 3


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 4)


def _form(path: PathReport | None, uniform: float | None) -> dict[str, Any] | None:
    if path is None:
        return None
    return {
        "steps": path.length,
        "self_enforcing": path.feasible,
        "min_margin": _number(path.min_margin),
        "violated": [c.describe() for c in path.violated],
        "thresholds": {p: _number(t) for p, t in path.thresholds.items()},
        "threshold": _number(uniform),
    }


def _steps(path: PathReport) -> list[dict[str, Any]]:
    return [
        {
            "number": step.number,
            "moves": [f"{m.issue}: {m.before} → {m.after}" for m in step.moves],
            "movers": list(step.movers),
            "margins": {p: _number(m) for p, m in step.margins.items()},
        }
        for step in path.steps
    ]


def _final_view(label: str, result: PhaseResult) -> dict[str, Any]:
    shown = result.best or result.big_bang
    return {
        "label": label,
        "final": result.final_source,
        "acceptable": result.acceptability.acceptable,
        "red_lines_broken": list(result.acceptability.red_lines_broken),
        "big_bang": _form(result.big_bang, result.big_bang_threshold),
        "best": _form(result.best, result.phased_threshold),
        "best_steps": _steps(shown),
    }


def _has_nash(compiled: Compiled) -> bool:
    try:
        nash_final(compiled)
    except PhasingError:
        return False
    return True


def phasing_section(scenario: Scenario) -> dict[str, Any]:
    """The section (``available``; ``finals``: one entry per final evaluated)."""
    try:
        compiled = compile_scenario(scenario)
        options = PhaseOptions(max_steps=MAX_STEPS)
        if _has_nash(compiled):
            final = Final(nash_final(compiled), "the Nash deal of the zone of agreement")
            result = analyse_phasing(compiled, final, **options.keywords())
            finals = [_final_view("Nash deal", result)]
        else:
            finals = [
                _final_view(f"{v.proposal.party} {v.proposal.kind}", v.result)
                for v in evaluate_proposals(compiled, options)
                if v.result is not None
            ]
    except Exception as error:  # another engine's failure must not break the page
        return {"available": False, "reason": f"the phased-deal analysis failed: {error}"}
    return {"available": True, "max_steps": MAX_STEPS, "zopa": _has_nash(compiled),
            "finals": finals}  # fmt: skip
