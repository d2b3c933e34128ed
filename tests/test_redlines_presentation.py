"""Red-line credibility and ambiguity in the CLI, the report and the web what-if."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.analysis.analyze import analyze
from detente.model import with_parameters
from detente.presentation.cli import app

US_LINE = "preferences.usa.red_lines.no_relief_before_complete_denuclearization.credibility"


def test_cli_analyze_shows_credibility_and_ambiguity() -> None:
    result = CliRunner().invoke(app, ["analyze", "hanoi-2019"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Red-line credibility" in result.output
    assert "Most likely to bend: the red line 'no relief before complete denuclearization'" in (
        " ".join(result.output.split())
    )
    assert "Constructive ambiguity" in result.output
    assert "forcing the terms exposes the gap" in " ".join(result.output.split())


def test_report_shows_each_red_lines_credibility() -> None:
    pytest.importorskip("jinja2")
    pytest.importorskip("plotly")
    from detente.presentation.report import render_report

    html = render_report(resolve_scenario("hanoi-2019"), samples=0)
    assert 'id="credibility"' in html and 'id="ambiguity"' in html
    assert "credibility 0.75: public, repeated, walkout" in html


@pytest.mark.parametrize("value", [0.0, 0.4, 1.0])
def test_what_if_changes_a_red_lines_credibility(value: float) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from detente.presentation.web import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1")
    body = client.post(
        "/api/scenarios/hanoi-2019/whatif", json={"parameters": {US_LINE: value}}
    ).json()
    expected = analyze(with_parameters(resolve_scenario("hanoi-2019"), {US_LINE: value}))
    credibility = body["analysis"]["credibility"]
    assert credibility["zopa_probability"] == pytest.approx(expected.credibility.zopa_probability)
    # The one conflict needs both the U.S. line and the DPRK's "no deal without relief": with
    # the U.S. line at c, P(ZOPA) = 1 - c * 0.85 (the DPRK line's stated credibility).
    assert credibility["zopa_probability"] == pytest.approx(1 - value * 0.85)
    us = next(line for line in credibility["lines"] if line["party"] == "usa")
    assert us["credibility"] == value


@pytest.mark.parametrize(("value", "deal"), [(0.75, False), (0.2, True), (1.0, False)])
def test_backtest_verdict_is_p_zopa_over_which_red_lines_hold(value: float, deal: bool) -> None:
    from detente.engines.backtest.predict import predict_analysis

    scenario = with_parameters(resolve_scenario("hanoi-2019"), {US_LINE: value})
    nash = predict_analysis(scenario, samples=0, seed=0)[0]
    # One conflict, the U.S. line with the DPRK's (credibility 0.85): P = 1 - c * 0.85.
    assert nash.probability == pytest.approx(1 - value * 0.85)
    assert nash.deal is deal
