"""Deal / no-deal record and Brier score of P(deal), red lines as walls vs. with credibility.

Run by hand on cases that record their ``outcome`` (never in the test suite):

    .venv/bin/python bench/credibility_record.py [SCENARIO ...] [--samples N] [--seed S]

(default: every embedded scenario with an outcome). Per case, two readings of the same file:

- *walls* (before issue #14): every red line holds (credibility 1, no credibility range); the
  verdict is "a ZOPA exists at the stated numbers", P(deal) the share of the seeded samples of
  the scenario's uncertainty with a ZOPA (the verdict, 0 or 1, without uncertainty) — what
  ``detente backtest`` reports for ``analyze``;
- *credibility* (the red lines as stated, with their credibility): P(deal) the share of the
  seeded samples with a ZOPA among the red lines that hold in each sample (without uncertainty:
  the exact P(ZOPA) over which red lines hold); the verdict is P(deal) >= 1/2.

Brier score: the mean of ``(p - y)^2`` (Brier, *Monthly Weather Review* 78(1), 1950). The
credibilities are the case files' judgments; nothing here fits them to the outcomes.
"""

from __future__ import annotations

import argparse
import sys

from detente import resolve_scenario
from detente.engines.analysis.analyze import Analysis, analyze
from detente.engines.analysis.holds import hard_red_lines
from detente.model.catalog import embedded_scenarios
from detente.model.scenario import Scenario


def _blind(scenario: Scenario) -> Scenario:
    return scenario.model_copy(update={"outcome": None})


def _probability(result: Analysis, credibility: bool) -> float:
    if result.sensitivity is not None:
        return result.sensitivity.zopa_probability
    if credibility:
        return result.credibility.zopa_probability
    return float(result.counts.has_zopa)


def _row(scenario: Scenario, samples: int, seed: int) -> tuple[bool, float, bool, float, str]:
    n = samples if scenario.uncertainty else 0
    walls = analyze(hard_red_lines(_blind(scenario)), samples=n, seed=seed)
    stated = analyze(_blind(scenario), samples=n, seed=seed)
    p_walls, p_cred = _probability(walls, False), _probability(stated, True)
    exact = f"{stated.credibility.zopa_probability:.3f}"
    return (
        walls.counts.has_zopa,
        p_walls,
        p_cred >= 0.5,
        p_cred,
        f"{exact:>6} | " + (stated.ambiguity.verdict),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = args.scenarios or embedded_scenarios()
    cases = [(n, resolve_scenario(n)) for n in names]
    cases = [(n, s) for n, s in cases if s.outcome is not None]
    right = [0, 0]
    brier = [0.0, 0.0]
    print(
        f"{'case':<22} {'y':>2} | {'walls':>6} {'P':>6} | {'cred.':>6} {'P':>6} | "
        "P at stated numbers | ambiguity"
    )
    for name, scenario in cases:
        assert scenario.outcome is not None
        y = scenario.outcome.agreement
        deal_w, p_w, deal_c, p_c, verdict = _row(scenario, args.samples, args.seed)
        right[0] += deal_w == y
        right[1] += deal_c == y
        brier[0] += (p_w - y) ** 2
        brier[1] += (p_c - y) ** 2
        name = name.rsplit("/", 1)[-1].removesuffix(".yaml")
        print(
            f"{name:<22} {int(y):>2} | {deal_w!s:>6} {p_w:6.3f} | {deal_c!s:>6} {p_c:6.3f}"
            f" | {verdict}"
        )
    n = len(cases)
    if n:
        print(f"right: walls {right[0]}/{n}, credibility {right[1]}/{n}")
        print(f"Brier: walls {brier[0] / n:.4f}, credibility {brier[1] / n:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
