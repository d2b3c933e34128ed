"""The case library: every embedded scenario is a real negotiation written before its outcome.

Each case must validate without errors, carry an ``outcome`` whose terms name real options,
date nothing it reads (statements, postures, events, evidence sources) after ``as_of`` — the
outcome is what hindsight may know — cite evidence for every posture, give every source an
address, and stay small enough to analyse quickly. ``analyze`` must run on each.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from importlib import resources

import pytest

from detente import analyze, embedded_scenarios
from detente.model.loading import validate_scenario_text
from detente.model.scenario import Scenario

CASES = embedded_scenarios()
MIN_CASES = 9  # hanoi-2019 and at least eight more (issue #12)


def _text(case: str) -> str:
    return resources.files("detente.data.scenarios").joinpath(f"{case}.yaml").read_text("utf-8")


def _scenario(case: str) -> Scenario:
    return validate_scenario_text(_text(case), f"{case}.yaml").unwrap()


def test_the_library_has_at_least_nine_cases() -> None:
    assert len(CASES) >= MIN_CASES, CASES


def test_the_library_mixes_deals_and_failures() -> None:
    agreements = [_scenario(c).outcome for c in CASES]
    assert all(o is not None for o in agreements)
    deals = sum(o.agreement for o in agreements if o is not None)
    assert 0 < deals < len(CASES), "the library needs both deals and failures"


def test_the_library_has_multilateral_and_mediated_cases() -> None:
    scenarios = [_scenario(c) for c in CASES]
    assert any(len(s.principals) >= 3 for s in scenarios), "no case with three or more principals"
    assert any(any(p.role == "mediator" for p in s.parties) for s in scenarios)
    assert any(all(p.role == "principal" for p in s.parties) for s in scenarios)


@pytest.mark.parametrize("case", CASES)
def test_validates_without_errors(case: str) -> None:
    validation = validate_scenario_text(_text(case), f"{case}.yaml")
    assert validation.errors == [], [str(d) for d in validation.errors]
    assert validation.scenario is not None
    assert validation.scenario.metadata.id == case


@pytest.mark.parametrize("case", CASES)
def test_has_an_outcome_after_as_of(case: str) -> None:
    scenario = _scenario(case)
    assert scenario.outcome is not None, f"{case}: no outcome section"
    assert scenario.outcome.date is not None, f"{case}: the outcome has no date"
    assert scenario.metadata.as_of < scenario.outcome.date
    assert scenario.outcome.sources, f"{case}: the outcome cites no source"
    assert scenario.metadata.judgment_note.strip(), f"{case}: no judgment_note"
    assert scenario.metadata.summary.strip(), f"{case}: no summary of what was known"


def _dated_items(s: Scenario) -> list[tuple[str, dt.date]]:
    items: list[tuple[str, dt.date]] = []
    for st in s.evidence.statements:
        # A range (said_on .. said_until) dates a statement only roughly: its start must not
        # be after as_of; an undated start falls back to the end.
        start = st.said_on or st.said_until
        items += [(f"statement {st.id}", start)] if start else []
    items += [(f"posture {p.id}", p.date) for p in s.postures]
    for e in s.events:
        items += [(f"event {e.id}", d) for d in (e.date, e.date_end) if d]
    items += [(f"source {src.id}", src.date) for src in s.evidence.sources if src.date]
    return items


@pytest.mark.parametrize("case", CASES)
def test_nothing_the_engines_read_postdates_as_of(case: str) -> None:
    scenario = _scenario(case)
    late = [(what, d) for what, d in _dated_items(scenario) if d > scenario.metadata.as_of]
    assert late == [], f"{case}: dated after as_of {scenario.metadata.as_of}: {late}"


@pytest.mark.parametrize("case", CASES)
def test_every_posture_cites_evidence_that_exists(case: str) -> None:
    scenario = _scenario(case)
    statements = {st.id for st in scenario.evidence.statements}
    for posture in scenario.postures:
        assert posture.evidence, f"{case}: posture {posture.id} cites no evidence"
        assert set(posture.evidence) <= statements
    for party in scenario.parties:
        for line in party.preferences.red_lines if party.preferences else []:
            assert line.evidence, f"{case}: red line {line.id} cites no evidence"
            assert line.commitment, f"{case}: red line {line.id} names no commitment"
            assert line.text.strip(), f"{case}: red line {line.id} gives no reason"


@pytest.mark.parametrize("case", CASES)
def test_every_source_has_an_address(case: str) -> None:
    scenario = _scenario(case)
    assert scenario.outcome is not None
    for source in [*scenario.evidence.sources, *scenario.outcome.sources]:
        assert source.address, f"{case}: source {source.id} has no address"
        assert source.address.startswith(("http://", "https://", "shared/")), source.address


@pytest.mark.parametrize("case", CASES)
def test_direct_quotes_are_short(case: str) -> None:
    # Short verbatim quotes only: a sentence or so, never a passage.
    for st in _scenario(case).evidence.statements:
        if st.kind == "direct":
            assert len(st.quote) <= 320, f"{case}: quote {st.id} is {len(st.quote)} characters"


@pytest.mark.parametrize("case", CASES)
def test_outcome_terms_name_real_options(case: str) -> None:
    scenario = _scenario(case)
    assert scenario.outcome is not None
    options = {i.id: {o.id for o in i.options} for i in scenario.issues}
    for issue, option in scenario.outcome.terms.items():
        assert issue in options, f"{case}: outcome names unknown issue {issue}"
        assert option == "unresolved" or option in options[issue], (case, issue, option)
    if scenario.outcome.agreement:
        settled = [o for o in scenario.outcome.terms.values() if o != "unresolved"]
        assert settled, f"{case}: an agreement that settles no issue"


@pytest.mark.parametrize("case", CASES)
def test_small_enough_to_analyse_fast(case: str) -> None:
    scenario = _scenario(case)
    size = math.prod(len(i.options) for i in scenario.issues)
    assert 3 <= len(scenario.issues) <= 7
    assert 2 <= len(scenario.principals) <= 4
    assert size <= 2_000 or case == "hanoi-2019", f"{case}: {size} outcomes"


@pytest.mark.parametrize("case", CASES)
def test_analyze_runs(case: str) -> None:
    scenario = _scenario(case)
    result = analyze(scenario)
    assert result.counts.feasible > 0
    assert 0 <= result.counts.zopa <= result.counts.feasible


@pytest.mark.parametrize("case", CASES)
def test_no_outcome_words_leak_into_the_summary(case: str) -> None:
    # The summary says what was known on as_of; the outcome's date must not appear in it.
    scenario = _scenario(case)
    assert scenario.outcome is not None and scenario.outcome.date is not None
    date = scenario.outcome.date
    patterns = [date.isoformat(), f"{date.day} {date:%B} {date.year}"]
    assert not any(re.search(re.escape(p), scenario.metadata.summary) for p in patterns)


def test_embedded_files_are_package_data() -> None:
    names = {f.name for f in resources.files("detente.data.scenarios").iterdir()}
    assert {f"{c}.yaml" for c in CASES} <= names
