"""Extraction accuracy against hand-written gold annotations (targets from issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evidence.extract import extract
from detente.evidence.score import load_gold, score
from detente.evidence.text import read_article
from detente.model import resolve_scenario
from tests.shared_data import SHARED

DATA = Path(__file__).resolve().parent / "data" / "evidence"

GOLDS = ["hanoi_gold.json", "trade_gold.json", "arms_gold.json", "iran_gold.json"]


def _scores(name: str) -> dict[str, object]:
    gold = load_gold(DATA / name, shared=SHARED)
    if not gold.article.exists():
        pytest.skip(f"article {gold.article} is absent (third-party data under shared/)")
    scenario = resolve_scenario(gold.scenario) if gold.scenario else None
    predicted = extract(read_article(gold.article), scenario, gold.article_date)
    return dict(score(predicted, gold.statements))


@pytest.mark.parametrize("name", GOLDS)
def test_direct_quote_targets(name: str) -> None:
    direct = _scores(name)["direct"]
    assert direct.attribution_precision >= 0.95  # type: ignore[attr-defined]
    assert direct.attribution_recall >= 0.9  # type: ignore[attr-defined]
    assert direct.quote_f1 >= 0.9  # type: ignore[attr-defined]
    assert direct.date_accuracy == 1.0  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", GOLDS)
def test_indirect_statements_are_found(name: str) -> None:
    indirect = _scores(name)["indirect"]
    assert indirect.attribution_recall >= 0.75  # type: ignore[attr-defined]
    assert indirect.date_accuracy >= 0.75  # type: ignore[attr-defined]


def test_matcher_counts_a_wrong_speaker() -> None:
    text = "“We will lift nothing,” Bolton said. “Talks go on,” said Moon Jae-in."
    predicted = extract(text)
    gold = [
        {"speaker": "John Bolton", "quote": "We will lift nothing,", "kind": "direct"},
        {"speaker": "Kim Jong Un", "quote": "Talks go on,", "kind": "direct"},
    ]
    direct = score(predicted, gold)["direct"]
    assert (direct.matched, direct.attribution_precision, direct.attribution_recall) == (
        2,
        0.5,
        0.5,
    )


# Held-out articles (issue 6, second round): written after the rules, gold annotated from the
# text alone, scored before any rule was changed for them. First measured: climate direct
# P 0.923 R 0.857 F1 0.976; ceasefire direct P 0.778 R 0.583 F1 1.000. After the general fixes
# (name particles, title-first apposition): climate P 1.000 R 0.929 F1 0.976; ceasefire
# P 1.000 R 1.000 F1 1.000. Direct-quote dates: climate 0.077 of 13 before occasion dates
# (:mod:`detente.evidence.occasions`), 1.000 after; ceasefire 1.000 before and after. These
# floors (precision, recall, quote F1, date accuracy) guard the measured levels.
# Issue 16 re-baseline: the gold now follows the one-statement-per-cue convention (quoted words
# inside a paraphrase are part of a `mixed` statement, not a direct one), which removed one
# direct item from climate; its one remaining direct miss (two quotations read as one) is now
# 1 of 12 instead of 1 of 13, so the recall floor goes from 0.92 to 0.91.
HELD_OUT = {
    "climate_gold.json": (0.99, 0.91, 0.97, 0.99),
    "ceasefire_gold.json": (0.99, 0.99, 0.99, 0.99),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_direct_quotes(name: str) -> None:
    precision, recall, f1, dates = HELD_OUT[name]
    direct = _scores(name)["direct"]
    assert direct.attribution_precision >= precision  # type: ignore[attr-defined]
    assert direct.attribution_recall >= recall  # type: ignore[attr-defined]
    assert direct.quote_f1 >= f1  # type: ignore[attr-defined]
    assert direct.date_accuracy >= dates  # type: ignore[attr-defined]
