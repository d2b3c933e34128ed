"""Extraction on real published articles (issue 16): 25 articles nobody here wrote.

The gold (``tests/data/evidence/real/*.json``) holds offsets and hashes only; the texts are
third-party and live outside the repository, in ``$DETENTE_NEWS_CORPUS`` or
``/work/corpus/news``. Tests that need them skip with that reason when they are absent (CI).

The set was split before any tuning: 9 of the 25 articles, drawn with
``random.Random(16).sample(sorted(ids), 9)``, form the ``held_out`` group, annotated with the
same care and scored once, at the end. Measured (coverage matcher of
:mod:`detente.evidence.match`):

- development (16 articles, 106 statements): micro F1 0.383 before the issue-16 rules
  (P 0.388, R 0.377), 0.822 after (P 0.865, R 0.783);
- held out (9 articles, 57 statements), measured once after the rules were frozen: micro
  F1 0.686 (P 0.750, R 0.632).

The floors below guard those measured levels; they are not the issue's goal (F1 ≥ 0.8 on
unseen articles), which the held-out part does not reach yet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from detente.evidence.extract import extract
from detente.evidence.match import Counts, match_scores
from detente.evidence.realgold import corpus_dir, load_real_gold
from detente.evidence.text import normalise

REAL = Path(__file__).resolve().parent / "data" / "evidence" / "real"
FILES = sorted(REAL.glob("*.json"))
FLOORS = {"development": 0.80, "held_out": 0.66}


def _documents() -> list[dict[str, object]]:
    return [json.loads(f.read_text("utf-8")) for f in FILES]


def test_the_gold_keeps_no_article_text() -> None:
    for data in _documents():
        assert set(data) == {
            "article", "corpus_id", "text_sha256", "article_date", "genre", "group", "statements"
        }  # fmt: skip
        for item in data["statements"]:  # type: ignore[attr-defined]
            assert set(item) == {
                "start", "end", "quote_sha256", "speaker", "speaker_alternatives", "kind",
                "optional",
            }  # fmt: skip


def test_the_set_is_large_enough_and_split() -> None:
    docs = _documents()
    required = [
        sum(1 for s in d["statements"] if not s["optional"])  # type: ignore[attr-defined]
        for d in docs
    ]
    held = [n for d, n in zip(docs, required, strict=True) if d["group"] == "held_out"]
    assert len(docs) >= 15 and sum(required) >= 150
    assert len(held) >= 5 and sum(held) >= 50
    assert {d["genre"] for d in docs} >= {"wire", "readout", "feature", "op-ed"}


def _corpus_or_skip() -> None:
    if not (corpus_dir() / f"{FILES[0].stem}.txt").exists():
        pytest.skip(f"the news corpus is absent at {corpus_dir()} (third-party texts)")


def test_every_gold_file_matches_its_text() -> None:
    _corpus_or_skip()
    for file in FILES:
        gold = load_real_gold(file)  # checks the text and every span hash
        assert all(s["quote"] for s in gold.statements)


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_micro_f1_floor(group: str) -> None:
    _corpus_or_skip()
    total = Counts()
    for file in FILES:
        gold = load_real_gold(file)
        if gold.group != group:
            continue
        date = dt.date.fromisoformat(gold.article_date) if gold.article_date else None
        total = (
            total + match_scores(extract(normalise(gold.text), None, date), gold.statements).overall
        )
    assert total.f1 >= FLOORS[group], f"{group}: {total}"
