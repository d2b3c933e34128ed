"""Quotation marks only for words actually quoted; date ranges shown whole.

Reported speech (``kind: indirect``) and facts are never printed inside quotation marks with
"— Speaker" by ``show``, ``timeline``, ``analyze`` or the report; a statement dated over a
range (``said_on`` … ``said_until``) shows both days.
"""

from __future__ import annotations

import html
import re

import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.analysis.conflicts import evidence_quote
from detente.model.scenario import Statement
from detente.presentation.cli import app
from detente.presentation.report import render_report

runner = CliRunner()
SCENARIO = resolve_scenario("hanoi-2019")
CITED = {i for p in SCENARIO.postures for i in p.evidence}
INDIRECT = [s for s in SCENARIO.evidence.statements if s.kind != "direct" and s.id in CITED]
DIRECT = [s for s in SCENARIO.evidence.statements if s.kind == "direct" and s.id in CITED]
RANGED = [s for s in SCENARIO.evidence.statements if s.said_on and s.said_until]


def _words(statement: Statement, n: int = 6) -> str:
    return " ".join(statement.quote.split()[:n])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_hanoi_case_has_reported_speech_and_ranges_to_check() -> None:
    assert len(INDIRECT) >= 5 and DIRECT and RANGED


@pytest.mark.parametrize("command", ["show", "timeline"])
def test_reported_speech_is_not_put_in_quotation_marks(command: str) -> None:
    result = runner.invoke(app, [command, "hanoi-2019"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    for statement in INDIRECT:
        words = _words(statement)
        assert words in out, statement.id
        assert f"“{words}" not in out, statement.id
    for statement in DIRECT:
        assert f"“{_words(statement)}" in out, statement.id
    assert "in reported speech:" in out


@pytest.mark.parametrize("command", ["show", "timeline"])
def test_date_ranges_are_shown_whole(command: str) -> None:
    result = runner.invoke(app, [command, "hanoi-2019"], env={"COLUMNS": "400"})
    out = _flat(result.output)
    for statement in RANGED:
        if statement.id in CITED and statement.said_on != statement.said_until:
            assert f"{statement.said_on} – {statement.said_until}" in out, statement.id


def test_analyze_cites_reported_speech_without_quotation_marks() -> None:
    from detente.presentation.cli.analyze import _cite

    for statement in INDIRECT:
        line = _cite(evidence_quote(SCENARIO, statement.id))
        assert "“" not in line and _flat(statement.quote) in line
    for statement in RANGED:
        q = evidence_quote(SCENARIO, statement.id)
        if statement.said_on != statement.said_until:
            assert f"{statement.said_on} – {statement.said_until}" in _cite(q)
    assert _cite(evidence_quote(SCENARIO, DIRECT[0].id)).endswith(f"“{_flat(DIRECT[0].quote)}”")


def test_the_report_quotes_only_quoted_words() -> None:
    page = render_report(SCENARIO, samples=0, runs=0)
    quoted = {_flat(html.unescape(q)) for q in re.findall(r"<q>(.*?)</q>", page, re.S)}
    assert {_flat(s.quote) for s in DIRECT} <= quoted
    for statement in INDIRECT:
        assert _flat(statement.quote) not in quoted, statement.id
    assert "in reported speech:" in page
    ranged = [s for s in RANGED if s.id in CITED and s.said_on != s.said_until]
    assert any(f"{s.said_on} – {s.said_until}" in page for s in ranged)
