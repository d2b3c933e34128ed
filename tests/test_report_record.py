"""The report's "Record" section: present only for a scenario with an outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("plotly")
pytest.importorskip("jinja2")

from detente import load_scenario
from detente.engines.backtest import blind
from detente.presentation.report import render_report
from detente.presentation.views.record import record_section

EXACT = Path(__file__).parent / "data" / "backtest" / "exact.yaml"


def test_record_section_scores_the_engines_against_the_outcome() -> None:
    section = record_section(load_scenario(EXACT), samples=0, seed=0)
    assert section["available"] and section["agreement"] is True
    assert section["terms"] == {"x": "mid", "y": "hi"}
    rows = {row["method"]: row for row in section["rows"]}
    # by construction (tests/data/backtest/exact.yaml): the ZOPA is the recorded deal
    assert (rows["analyze:nash"]["exact"], rows["analyze:nash"]["issues"]) == (2, 2)
    assert rows["analyze:nash"]["deal_right"] is True
    assert rows["baseline:midpoint"]["misses"] == [
        {"issue": "y", "predicted": "mid", "recorded": "hi"}
    ]
    assert "simulate" not in rows


def test_report_shows_the_record_only_with_an_outcome() -> None:
    scenario = load_scenario(EXACT)
    with_record = render_report(scenario, samples=0, runs=10)
    assert '<section id="record">' in with_record and "Agreed terms: x: mid, y: hi" in with_record
    assert '<section id="record">' not in render_report(blind(scenario), samples=0, runs=10)
    assert record_section(blind(scenario))["available"] is False
