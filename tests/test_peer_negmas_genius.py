"""Differential tests against NegMAS 0.16 on the GENIUS / GeniusWeb domains in ../shared/domains.

NegMAS's own GENIUS reader is not an oracle for these files (it skips the per-issue division
of discrete evaluations and drops ``- lowerbound`` of integer evaluators), so each domain is
read once, by detente's :func:`detente.interop.import_domain_folder` (whose readings are checked
against an independent evaluator in ``test_interop_corpus.py``), and the NegMAS side is built
from that reading: NegMAS issues with the same options, and one
``LinearAdditiveUtilityFunction`` per principal with the option values and the weights divided
by their sum, and the reservation value. Both sides then evaluate the same float sums.

Compared: the Pareto frontier of the rational outcomes (NegMAS ``pareto_frontier``, which keeps
only outcomes at or above every reservation value, against detente's ``zopa_frontier``) as a set
of utility vectors (NegMAS keeps one copy of equal vectors), and the Nash point (detente's
``bargaining_solutions`` must be one of NegMAS's ``nash_points``). NegMAS measures gains from
``max(reservation, minimum utility)``; detente from the reservation value. NegMAS is therefore
given each party's range as ``(reservation, maximum utility)`` so that both use the same
disagreement point.
"""

from __future__ import annotations

import math
import os
from typing import Any

import pytest

from detente.engines.analysis.pareto import zopa_frontier
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import compile_scenario
from detente.interop import import_domain_folder
from detente.model.checks import normalise_weights
from detente.model.scenario import Scenario
from tests.shared_data import DOMAINS

negmas = pytest.importorskip(
    "negmas", reason="NegMAS is the peer oracle; install the 'peers' extra to run these tests"
)
from negmas.preferences import LinearAdditiveUtilityFunction  # noqa: E402
from negmas.preferences.ops import nash_points  # noqa: E402
from negmas.preferences.ops import pareto_frontier as negmas_frontier  # noqa: E402

pytestmark = pytest.mark.skipif(not DOMAINS.is_dir(), reason=f"corpus absent: {DOMAINS}")

#: NegMAS 0.16 takes about 50 s for KillerRobot's 5-party frontier of 240,000 outcomes (and
#: 5 s more to evaluate its utilities one outcome at a time): run only on request.
SLOW = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("DETENTE_SLOW") != "1",
        reason="NegMAS needs ~1 min for KillerRobot (240,000 outcomes, 5 parties); "
        "set DETENTE_SLOW=1 to run it",
    ),
]
#: Every folder with two or more additive, certain profiles (Railway has none: it is skipped by
#: the reader, see test_interop_corpus.py).
FOLDERS = [
    "AirportSiteSelection", "Amsterdam", "Camera", "Car", "EnergySmall", "EnglandZimbabwe",
    "FlightBooking_GeniusWeb", "Grocery", "IS_BT_Acquisition", "ItexvsCypress",
    "JapanTrip_GeniusWeb", "Jobs", "Laptop", "Party", "Party_GeniusWeb", "Politics", "ZoningPlan",
    pytest.param("KillerRobot", marks=SLOW),
]  # fmt: skip


def negmas_side(scenario: Scenario) -> tuple[list[Any], list[Any]]:
    issues = [negmas.make_issue(list(i.option_ids), name=i.id) for i in scenario.issues]
    ufuns = []
    for party in scenario.principals:
        prefs = party.preferences
        assert prefs is not None
        values = {}
        for issue in scenario.issues:
            table = prefs.values.get(issue.id)
            assert isinstance(table, dict), "GENIUS readings give explicit option values"
            values[issue.id] = dict(table)
        weights = normalise_weights(dict(prefs.weights))
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values=values,
                weights={i.id: weights.get(i.id, 0.0) for i in scenario.issues},
                issues=issues,
                reserved_value=prefs.reservation,
            )
        )
    return ufuns, issues


@pytest.mark.parametrize("folder", FOLDERS)
def test_genius_domain_frontier_and_nash_agree_with_negmas(folder: str) -> None:
    scenario = import_domain_folder(DOMAINS / folder).scenario
    compiled = compile_scenario(scenario)
    ufuns, issues = negmas_side(scenario)
    points, _ = negmas_frontier(ufuns, issues=issues)
    frontier = zopa_frontier(compiled)
    ours = {tuple(col) for col in frontier.utilities.T.tolist()}
    theirs = {tuple(float(x) for x in p) for p in points}
    assert ours == theirs
    assert frontier.size >= len(theirs) > 0
    ranges = [
        (float(d), float(frontier.utilities[p].max()))
        for p, d in enumerate(compiled.reservations[: len(compiled.principals)])
    ]
    nash = {tuple(float(x) for x in p) for p, _ in nash_points(ufuns, points, ranges=ranges)}
    solution = bargaining_solutions(compiled, frontier=frontier)["nash"]
    ours_nash = tuple(solution.utilities[p] for p in compiled.principals)
    assert ours_nash in nash
    product = math.prod(u - d for u, (d, _) in zip(ours_nash, ranges, strict=True))
    assert solution.objective == pytest.approx(product, rel=1e-9)
