"""The embedded hanoi-2019 scenario traces to its article, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente import Scenario, resolve_scenario

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "hanoi_postures_2019.txt"
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _normalise(text: str) -> str:
    """Straight quotes, no white space at all.

    Dropping white space (rather than collapsing it) tolerates the article's missing spaces,
    as in "agreement,largely" or "testing.The"; every other character must match in order.
    """
    return re.sub(r"\s+", "", text.translate(QUOTES))


@pytest.fixture(scope="module")
def hanoi() -> Scenario:
    return resolve_scenario("hanoi-2019")


@pytest.fixture(scope="module")
def article() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    return _normalise(SEED.read_text("utf-8"))


def test_every_article_quote_is_verbatim(hanoi: Scenario, article: str) -> None:
    from_article = [s for s in hanoi.evidence.statements if s.source == "article"]
    assert len(from_article) >= 20
    missing = [s.id for s in from_article if _normalise(s.quote) not in article]
    assert missing == []


def test_normalisation_tolerates_only_spacing_and_quote_marks(article: str) -> None:
    assert _normalise("agreement, largely due to") in article
    assert _normalise("“no rush”") in article
    assert _normalise("no  hurry") not in article


def test_facts_outside_the_article_are_marked(hanoi: Scenario) -> None:
    outside = [s for s in hanoi.evidence.statements if s.source != "article"]
    assert outside, "the case uses three public-record facts"
    kinds = {src.id: src.kind for src in hanoi.evidence.sources}
    assert all(s.kind == "fact" and kinds[s.source] == "public_record" for s in outside)


def test_every_evidence_reference_resolves(hanoi: Scenario) -> None:
    ids = {s.id for s in hanoi.evidence.statements}
    refs = [e for p in hanoi.postures for e in p.evidence]
    refs += [e for d in hanoi.definitions for m in d.meanings for e in m.evidence]
    refs += [e for ev in hanoi.events for e in ev.evidence]
    refs += [
        e
        for p in hanoi.parties
        if p.preferences
        for r in p.preferences.red_lines
        for e in r.evidence
    ]
    assert refs and set(refs) <= ids


def test_every_party_issue_posture_and_event_traces_to_a_statement(hanoi: Scenario) -> None:
    statements = hanoi.evidence.statements
    for party in hanoi.parties:
        names = {p.name for p in party.people}
        assert any(s.party == party.id or s.speaker in names for s in statements), party.id
    for issue in hanoi.issues:
        assert any(issue.id in s.issues for s in statements), issue.id
    for posture in hanoi.postures:
        assert posture.evidence, posture.id
    for event in hanoi.events:
        assert event.evidence, event.id


def test_the_people_the_article_names(hanoi: Scenario) -> None:
    people = {p.name for party in hanoi.parties for p in party.people}
    expected = {"Donald Trump", "Mike Pompeo", "John Bolton", "Kim Jong Un", "Ri Yong Ho"}
    assert expected | {"Moon Jae-in"} <= people
    assert {p.id for p in hanoi.principals} == {"usa", "dprk"}
    assert hanoi.party("rok").role == "mediator"
