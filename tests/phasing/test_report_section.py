"""The phased-deals section of the report: the proposals without a zone of agreement, the
Nash deal with one, and the HTML that shows them (numbers against the engine's own verdict)."""

from __future__ import annotations

import json

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing.proposals import PhaseOptions, evaluate_proposals
from detente.presentation.report.html import render_report
from detente.presentation.views.phasing import MAX_STEPS, phasing_section


def test_hanoi_section_lists_the_proposals_with_their_verdicts() -> None:
    scenario = resolve_scenario("hanoi-2019")
    section = phasing_section(scenario)
    assert section["available"] and section["zopa"] is False
    by_label = {f["label"]: f for f in section["finals"]}
    expected = evaluate_proposals(compile_scenario(scenario), PhaseOptions(max_steps=MAX_STEPS))
    for verdict in expected:
        assert verdict.result is not None
        shown = by_label[f"{verdict.proposal.party} {verdict.proposal.kind}"]
        assert shown["big_bang"]["self_enforcing"] == verdict.result.big_bang.feasible
        assert shown["big_bang"]["thresholds"].keys() == verdict.result.big_bang.thresholds.keys()
    assert by_label["usa demand"]["big_bang"]["thresholds"]["dprk"] is None
    json.dumps(section, allow_nan=False)  # plain, finite JSON


def test_a_case_with_a_zone_phases_toward_the_nash_deal() -> None:
    section = phasing_section(resolve_scenario("oslo-1993"))
    assert section["available"] and section["zopa"] is True
    (final,) = section["finals"]
    assert final["label"] == "Nash deal" and final["best"]["steps"] <= MAX_STEPS
    assert final["best_steps"] and all(step["moves"] for step in final["best_steps"])


def test_report_html_has_the_phasing_section() -> None:
    html = render_report(resolve_scenario("hanoi-2019"), samples=0, seed=1, runs=4)
    assert 'id="phasing"' in html and "usa demand" in html and "big-bang" in html
