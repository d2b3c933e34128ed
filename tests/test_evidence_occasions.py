"""Occasion dates carried through the narrative (issue 6, :mod:`detente.evidence.occasions`)."""

from __future__ import annotations

import datetime as dt

from detente.evidence.extract import extract
from detente.evidence.occasions import context_dates, narrative

ARTICLE = dt.date(2022, 9, 23)  # a Friday


def _days(text: str) -> list[tuple[str, str | None]]:
    return [
        (s.quote, s.said_on.isoformat() if s.said_on else None)
        for s in extract(text, article_date=ARTICLE)
        if s.kind == "direct"
    ]


def test_briefing_date_reaches_later_paragraphs() -> None:
    text = (
        "The foreign ministers held a briefing on Wednesday in Geneva.\n\n"
        "“We are close,” Anna Berg said.\n\n"
        "“Not yet,” Omar Haddad said."
    )
    # Wednesday on or before Friday 2022-09-23 is 2022-09-21.
    assert _days(text) == [("We are close,", "2022-09-21"), ("Not yet,", "2022-09-21")]


def test_dateline_sets_the_occasion() -> None:
    text = "GENEVA, Sept. 20, 2022 -- Talks resumed.\n\n“We will stay,” Anna Berg said."
    assert _days(text) == [("We will stay,", "2022-09-20")]


def test_flashback_keeps_the_occasion() -> None:
    text = (
        "At the summit on Thursday, the leaders met.\n\n"
        "On Monday, Anna Berg had told reporters she was hopeful.\n\n"
        "“The door is open,” Omar Haddad said."
    )
    assert _days(text)[-1] == ("The door is open,", "2022-09-22")


def test_new_explicit_date_ends_the_occasion() -> None:
    text = (
        "The meeting was held on Thursday.\n\n"
        "The army moved on Sept. 2, 2022.\n\n"
        "“Nothing changed,” Omar Haddad said."
    )
    assert _days(text) == [("Nothing changed,", None)]


def test_a_date_reaches_the_next_sentence_of_its_paragraph_only() -> None:
    text = (
        "The army moved on Sept. 2, 2022. “We saw it,” Anna Berg said.\n\n"
        "“We did not,” Omar Haddad said."
    )
    assert _days(text) == [("We saw it,", "2022-09-02"), ("We did not,", None)]


def test_undated_new_occasion_ends_it_but_a_definite_mention_does_not() -> None:
    sentences = [
        ("The hearing opened on March 4, 2019.", 0),
        ("The chair closed the hearing.", 1),
        ("Anna spoke.", 2),
        ("A summit is planned.", 3),
        ("Omar spoke.", 4),
    ]
    days = [d.start.isoformat() if d else None for d in context_dates(sentences)]
    assert days == [None, "2019-03-04", "2019-03-04", "2019-03-04", None]


def test_reported_words_do_not_name_the_occasion() -> None:
    masked = "He said the November summit would fail."
    text = narrative(masked, [(8, len(masked) - 1)])
    assert "summit" not in text and len(text) == len(masked)
