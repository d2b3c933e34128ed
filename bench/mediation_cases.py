"""Measurement (not timing): agreement and deal quality by protocol on the case library.

For every embedded case: ``RUNS`` seeded runs (sampled parameters and scenario events, as
``detente simulate`` does) under alternating offers, the single negotiating text of the
learning mediator (``nash``, which starts knowing nothing) and of the ``informed`` mediator;
per setting the agreement rate, the share of deals that are Pareto-dominated and their mean
distance to the Nash deal (:mod:`detente.engines.simulation.quality`), and the expected
agreement rate when red lines hold only with their stated credibility
(:mod:`detente.engines.simulation.bluffs`, ``RUNS`` runs per pattern). Cases as written.
Run: ``.venv/bin/python bench/mediation_cases.py``.
"""

from __future__ import annotations

import numpy as np

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.bluffs import red_line_patterns
from detente.engines.simulation.quality import deal_quality
from detente.model.catalog import embedded_scenarios

RUNS = 300
SETTINGS = {
    "alternating": SimulationConfig(),
    "mediated (nash)": SimulationConfig(protocol="mediated"),
    "mediated (informed)": SimulationConfig(
        protocol="mediated", mediator=parse_strategy("informed")
    ),
    "alternating, responsive": SimulationConfig(default=parse_strategy("responsive")),
    "informed, responsive": SimulationConfig(
        protocol="mediated",
        mediator=parse_strategy("informed"),
        default=parse_strategy("responsive"),
    ),
}


def _fmt(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def _soft_rate(case: str, config: SimulationConfig) -> float:
    """Expected agreement rate when red lines hold with their stated credibility."""
    total = 0.0
    for probability, scenario, _ in red_line_patterns(resolve_scenario(case)):
        domain = build_domain(compile_scenario(scenario))
        total += probability * run_batch(domain, config, 0, np.arange(RUNS)).agreement.mean()
    return total


def main() -> None:
    print(f"{'case':20s} {'setting':24s} {'agree':>6s} {'dominated':>9s} {'to Nash':>7s}"
          f" {'soft red lines':>14s}")  # fmt: skip
    for case in embedded_scenarios():
        compiled = compile_scenario(resolve_scenario(case))
        domain = build_domain(compiled)
        for name, config in SETTINGS.items():
            result = run_batch(domain, config, 0, np.arange(RUNS))
            quality = deal_quality(compiled, result.outcome)
            print(
                f"{case:20s} {name:24s} {result.agreement.mean():6.1%} "
                f"{_fmt(quality.dominated_share, '{:.1%}'):>9s} "
                f"{_fmt(quality.nash_distance, '{:.3f}'):>7s} {_soft_rate(case, config):14.1%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
