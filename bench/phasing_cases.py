"""Measurement (not timing): does sequencing help on the case library's real agreements?

For every embedded case whose ``outcome`` records an agreement, the final outcome is the
recorded terms (issues left unresolved stay at the status quo). For each model setting it
prints the big-bang trust threshold and the best phased threshold (at most 4 steps), all
principals' trust alike; "never" means not even at full trust. The cases' numbers are used as
written (nothing tuned). Run: ``.venv/bin/python bench/phasing_cases.py``.
"""

from __future__ import annotations

import numpy as np

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing import PhasingError, analyse_phasing
from detente.engines.phasing.finals import Final, complete_final
from detente.engines.phasing.values import status_quo_ranks
from detente.model.catalog import embedded_scenarios

SETTINGS = {
    "today": {},
    "snapback": {"snapback": True},
    "learning": {"learning": True},
    "learn+snap": {"learning": True, "snapback": True},
    "learn+snap v=.8": {"learning": True, "snapback": True, "verification": 0.8},
}


def _fmt(value: float | None) -> str:
    return "never" if value is None else f"{value:.3f}"


def main() -> None:
    print(f"{'case':20s} {'setting':16s} {'big-bang':>8s} {'phased':>8s}  helps")
    for case in embedded_scenarios():
        scenario = resolve_scenario(case)
        if scenario.outcome is None or not scenario.outcome.agreement:
            continue
        compiled = compile_scenario(scenario)
        terms = {k: v for k, v in scenario.outcome.terms.items() if v != "unresolved"}
        try:
            ranks = complete_final(compiled, terms)
        except PhasingError as error:
            print(f"{case:20s} final not usable: {error}")
            continue
        if np.array_equal(ranks, status_quo_ranks(compiled)):
            continue
        final = Final(ranks, "the recorded terms")
        for name, options in SETTINGS.items():
            result = analyse_phasing(compiled, final, max_steps=4, **options)  # type: ignore[arg-type]
            bb, ph = result.big_bang_threshold, result.phased_threshold
            helps = ph is not None and (bb is None or ph < bb - 1e-6)
            print(f"{case:20s} {name:16s} {_fmt(bb):>8s} {_fmt(ph):>8s}  {'yes' if helps else ''}")


if __name__ == "__main__":
    main()
