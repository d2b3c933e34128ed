"""Rules of extraction on small texts: quotes, speakers, dates, venues, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.evidence.extract import extract
from detente.evidence.quotes import find_quotes
from detente.evidence.segment import RulePipeline
from detente.evidence.text import TextError, normalise, read_article
from detente.model import resolve_scenario


def _one(text: str, **kwargs: object) -> list[tuple[str | None, str]]:
    return [(s.speaker, s.quote) for s in extract(text, **kwargs) if s.kind == "direct"]  # type: ignore[arg-type]


def test_interrupted_quote_is_one_statement() -> None:
    text = 'Secretary Mike Pompeo spoke. "If they agree," he said, "we will talk."'
    assert _one(text) == [("Mike Pompeo", "If they agree, we will talk.")]


def test_multi_paragraph_quote_is_joined() -> None:
    text = "Jane Roe said:\n\n“First part.\n\n“Second part.”"
    assert _one(text) == [("Jane Roe", "First part. Second part.")]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“They offered the ‘Yongbyon area,’ nothing more,” said John Smith."
    assert _one(text) == [("John Smith", "They offered the ‘Yongbyon area,’ nothing more,")]


def test_surname_resolves_to_the_name_first_introduced() -> None:
    text = "Envoy Anna Berg arrived. Later, “We are close,” Berg said."
    assert _one(text) == [("Anna Berg", "We are close,")]


def test_party_from_the_title() -> None:
    scenario = resolve_scenario("hanoi-2019")
    text = "“No deal yet,” said U.S. Deputy Secretary Jim Doe."
    (statement,) = extract(text, scenario)
    assert (statement.party, statement.speaker_role) == ("usa", "U.S. Deputy Secretary")


def test_quote_with_no_speaker_is_kept_without_one() -> None:
    text = "The crowd waited. “We will never give up on the talks with anyone.”"
    assert _one(text) == [(None, "We will never give up on the talks with anyone.")]


def test_scare_quoted_term_is_not_a_statement() -> None:
    assert _one("It defines “corresponding measures” its own way.") == []


def test_month_precision_and_weekday() -> None:
    text = "“Extend it,” Ann Lee told reporters on Friday. Bo Ma argued in October that it fails."
    first, second = extract(text, article_date=dt.date(2021, 1, 22))
    assert (first.said_on, first.venue) == (dt.date(2021, 1, 22), "reporters")
    assert (second.said_on, second.said_until, second.date_precision) == (
        dt.date(2020, 10, 1),
        dt.date(2020, 10, 31),
        "month",
    )


def test_sentence_splitter_knows_abbreviations() -> None:
    text = "Mr. Kim met U.S. envoys on Feb. 27. He left."
    assert [text[s:e] for s, e in RulePipeline().sentences(text)] == [
        "Mr. Kim met U.S. envoys on Feb. 27.",
        "He left.",
    ]


def test_html_scripts_and_styles_are_dropped(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        '<html><head><style>p{}</style></head><body><script>var q = "x";</script>'
        "<p>&ldquo;We want relief,&rdquo; said Ri Yong Ho.</p></body></html>",
        "utf-8",
    )
    assert _one(read_article(page).text) == [("Ri Yong Ho", "We want relief,")]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x00\x01binary", "binary"), (b"caf\xe9", "UTF-8")],
)
def test_bad_bytes_give_a_clear_message(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(TextError, match=message):
        read_article(path)


def test_missing_file_and_size_limit(tmp_path: Path) -> None:
    with pytest.raises(TextError, match="cannot read"):
        read_article(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(TextError, match="limit"):
        read_article(big, max_bytes=1000)


def test_unbalanced_quotes_are_best_effort() -> None:
    text = "“Open quote never closed, said nobody.\n\nNext ” stray “ and “ another"
    statements = extract(text)
    assert all(s.quote for s in statements)


def test_twenty_megabytes_of_text() -> None:
    # The linear passes on 20 MB; the full extractor on 4 MB (~1.5 s/MB with normalise; the
    # full 20 MB, ~285,000 quotations, takes ~32 s by hand: bench/bench_extract.py).
    unit = "Talks resumed in Geneva on Monday; the U.S. delegation left “early.” "
    text = normalise(unit * (20_000_000 // len(unit))).text
    assert len(RulePipeline().sentences(text)) >= 20_000_000 // len(unit) - 1
    assert len(find_quotes(text, [(0, len(text))])) == 20_000_000 // len(unit)
    assert extract(normalise(unit * (4_000_000 // len(unit)))) == []


def test_a_megabyte_of_statements() -> None:
    unit = (
        "Talks resumed in Geneva on Monday. “We remain hopeful,” Ann Lee said. "
        "Officials said that the sanctions stay.\n\n"
    )
    text = unit * (1_000_000 // len(unit))
    statements = extract(normalise(text))
    assert len(statements) == 2 * (1_000_000 // len(unit))


def test_quote_marks_only_do_not_hang() -> None:
    assert extract('"' * 1_000_000 + "“" * 500_000 + "”" * 500_000) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_extractor_never_crashes(text: str) -> None:
    for statement in extract(text):
        assert statement.kind in ("direct", "indirect")
        assert statement.start <= statement.end


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["“", "”", '"', "'", "‘", "’", ",", ".", " he said", " Kim", "\n\n", "said that", " A"]
        ),
        max_size=60,
    ).map("".join)
)
def test_extractor_on_quote_soup(text: str) -> None:
    normalised = normalise(text)
    for statement in extract(normalised):
        assert 0 <= statement.start <= statement.end <= len(normalised.text)
