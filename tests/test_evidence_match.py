"""The coverage matcher and the real-article gold format (issue 16), on hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.evidence.match import Counts, coverage, match_scores, same_speaker
from detente.evidence.realgold import (
    AnnotationError,
    load_real_gold,
    parse_annotations,
    sha256,
)
from detente.evidence.statement import ExtractedStatement


def _said(speaker: str | None, quote: str, kind: str = "direct") -> ExtractedStatement:
    return ExtractedStatement(speaker, None, "", quote, kind)  # type: ignore[arg-type]


def _gold(speaker: str, quote: str, kind: str = "direct", **extra: object) -> dict[str, object]:
    return {"speaker": speaker, "quote": quote, "kind": kind, **extra}


def test_coverage_both_ways() -> None:
    # 4 of 5 gold tokens covered (0.8), all 4 predicted tokens in gold (1.0)
    assert coverage("we will talk soon", "we will talk soon again") == (0.8, 1.0)
    assert coverage("", "x") == (0.0, 0.0)


def test_a_match_needs_coverage_and_a_shared_name_token() -> None:
    gold = [_gold("Robert Lighthizer", "we are ready to engage with them now")]
    exact = match_scores([_said("Lighthizer", "We are ready to engage with them now.")], gold)
    assert (exact.overall.tp, exact.overall.fp, exact.overall.fn) == (1, 0, 0)
    # 6 of 8 gold tokens: coverage 0.75 < 0.8 -> a false positive and a miss
    short = match_scores([_said("Lighthizer", "we are ready to engage with")], gold)
    assert (short.overall.tp, short.overall.fp, short.overall.fn) == (0, 1, 1)
    wrong = match_scores([_said("Donald Trump", "we are ready to engage with them now")], gold)
    assert (wrong.overall.tp, wrong.overall.fp, wrong.overall.fn) == (0, 1, 1)
    unnamed = match_scores([_said(None, "we are ready to engage with them now")], gold)
    assert unnamed.overall.tp == 0


def test_accepted_alternatives_and_titles() -> None:
    assert same_speaker("the Kremlin", "Kremlin press service")
    assert same_speaker("Barner", "Michel Barnier", ["Barner"])
    assert not same_speaker("the press service", "Kremlin press service")  # no name token
    assert not same_speaker("Foreign Minister", "Foreign Minister Sergey Lavrov")


def test_optional_items_are_neither_misses_nor_false_positives() -> None:
    gold = [
        _gold("Zarif", "talks are making progress", "mixed", optional=True),
        _gold("Zarif", "we will continue to talk", optional=True),
        _gold("Zarif", "we did not set any deadline"),
    ]
    predicted = [_said("Zarif", "talks are making progress", "indirect")]
    scores = match_scores(predicted, gold)
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (0, 0, 1)


def test_kinds_take_hits_and_misses_from_gold_and_false_positives_from_predictions() -> None:
    gold = [_gold("Barclay", "the two sides shared a “common purpose”", "mixed")]
    predicted = [
        _said("Barclay", "the two sides shared a “common purpose”", "indirect"),
        _said("Barclay", "common purpose", "direct"),
    ]
    scores = match_scores(predicted, gold)
    assert scores.by_kind == {"direct": Counts(0, 1, 0), "mixed": Counts(1, 0, 0)}


def test_pairs_are_one_to_one() -> None:
    gold = [_gold("Kim", "we will talk")]
    scores = match_scores([_said("Kim", "we will talk"), _said("Kim", "We will talk.")], gold)
    assert (scores.overall.tp, scores.overall.fp) == (1, 1)


def test_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    assert Counts(0, 1, 1).f1 == 0.0


_WORDS = st.sampled_from(["we", "will", "talk", "deal", "no", "sanctions", "Kim", "said"])
_QUOTES = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)


@given(
    st.lists(st.tuples(st.sampled_from(["Kim", "Moon", None]), _QUOTES), max_size=6),
    st.lists(st.tuples(st.sampled_from(["Kim", "Moon"]), _QUOTES, st.booleans()), max_size=6),
)
def test_counts_add_up(
    predicted: list[tuple[str | None, str]], gold: list[tuple[str, str, bool]]
) -> None:
    preds = [_said(s, q) for s, q in predicted]
    golds = [_gold(s, q, optional=o) for s, q, o in gold]
    scores = match_scores(preds, golds)
    on_optional = sum(1 for _, j in scores.pairs if golds[j]["optional"])
    assert scores.overall.tp + scores.overall.fn == sum(1 for g in golds if not g["optional"])
    assert scores.overall.tp + scores.overall.fp + on_optional == len(preds)


ARTICLE = "Talks resumed.\nKim said\nthe talks were “useful” and that more would follow.\n"


def _corpus(tmp_path: Path, text: str = ARTICLE) -> Path:
    (tmp_path / "kim_2019.txt").write_text(text, "utf-8")
    return tmp_path


def test_annotations_become_offsets_and_hashes(tmp_path: Path) -> None:
    source = (
        "#kim_2019 https://example.org/kim 2019-03-01 wire\n"
        "m|Kim Jong Un||the talks were “useful”\n"
        "io|Kim Jong Un|Kim|more would follow\n"
    )
    gold = parse_annotations(source, _corpus(tmp_path))[0]
    first, second = gold["statements"]
    start = ARTICLE.index("the talks")
    assert (first["start"], first["end"]) == (start, start + len("the talks were “useful”"))
    assert first["quote_sha256"] == sha256("the talks were “useful”")
    assert (first["kind"], first["optional"], second["optional"]) == ("mixed", False, True)
    assert second["speaker_alternatives"] == ["Kim"]
    assert gold["text_sha256"] == sha256(ARTICLE)
    assert "useful" not in json.dumps({k: v for k, v in gold.items() if k != "statements"})


def test_a_span_may_cross_line_breaks(tmp_path: Path) -> None:
    gold = parse_annotations("#kim_2019 u - wire\ni|Kim||Kim said the talks", _corpus(tmp_path))
    start, end = gold[0]["statements"][0]["start"], gold[0]["statements"][0]["end"]
    assert ARTICLE[start:end] == "Kim said\nthe talks"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("d|Kim||Talks", "ann:1: a statement before the first #article line"),
        ("#kim_2019 u - wire\nx|Kim||Talks", "ann:2: bad kind 'x'"),
        ("#kim_2019 u - wire\nd|Kim||never said", "ann:2: span not found"),
        ("#absent u - wire", "ann:1: no article text at"),
    ],
)
def test_annotation_errors_are_located(tmp_path: Path, source: str, message: str) -> None:
    with pytest.raises(AnnotationError, match=message):
        parse_annotations(source, _corpus(tmp_path), "ann")


def test_loading_checks_the_hashes(tmp_path: Path) -> None:
    gold = parse_annotations("#kim_2019 u - wire\nm|Kim||the talks were", _corpus(tmp_path))[0]
    file = tmp_path / "kim.json"
    file.write_text(json.dumps(gold), "utf-8")
    assert load_real_gold(file, tmp_path).statements[0]["quote"] == "the talks were"
    _corpus(tmp_path, ARTICLE.replace("Kim", "Moon"))
    with pytest.raises(AnnotationError, match="not the annotated one"):
        load_real_gold(file, tmp_path)
    with pytest.raises(FileNotFoundError, match="absent"):
        load_real_gold(file, tmp_path / "elsewhere")


def test_cli_scores_a_real_gold_with_p_r_f1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from detente.presentation.cli import app

    text = "“We will keep talking,” Robert Lighthizer said. Kim said the talks “went well.”\n"
    corpus = _corpus(tmp_path, text)
    source = "#kim_2019 u 2019-06-19 wire\nd|Robert Lighthizer||We will keep talking,\n"
    source += "m|Kim Jong Un||the talks “went well.”\n"
    gold = parse_annotations(source, corpus)[0]
    gold["group"] = "development"
    file = tmp_path / "gold.json"
    file.write_text(json.dumps(gold), "utf-8")
    monkeypatch.setenv("DETENTE_NEWS_CORPUS", str(corpus))
    runner = CliRunner()
    result = runner.invoke(
        app, ["extract", str(corpus / "kim_2019.txt"), "--json", "--score", str(file)]
    )
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["result"]["match"]["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["f1"]) == (2, 0, 0, 1.0)
    monkeypatch.setenv("DETENTE_NEWS_CORPUS", str(tmp_path / "absent"))
    missing = runner.invoke(app, ["extract", str(corpus / "kim_2019.txt"), "--score", str(file)])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    assert "absent" in missing.output
