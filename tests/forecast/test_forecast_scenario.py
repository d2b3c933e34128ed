"""Forecasts from the hanoi-2019 scenario, their explanation, and the command line."""

from __future__ import annotations

import json

import numpy as np
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.forecast.explain import explain_issue
from detente.engines.forecast.scenario import forecast_scenario, issue_table
from detente.presentation.cli import app

runner = CliRunner()


def test_hanoi_forecasts_every_issue_and_names_the_parties() -> None:
    scenario = resolve_scenario("hanoi-2019")
    result = forecast_scenario(scenario)
    assert [f.issue for f in result.issues] == [i.id for i in scenario.issues]
    for item in result.issues:
        assert item.forecast_option in item.options
        text = explain_issue(item)
        assert text.startswith(item.label)
        for name in ("United States", "North Korea", "South Korea"):
            assert name in text


def test_issue_table_uses_top_option_weight_share_and_capability() -> None:
    scenario = resolve_scenario("hanoi-2019")
    table, ids = issue_table(scenario, scenario.issue("sanctions"))
    assert ids == ("usa", "dprk", "rok")  # the mediator takes part too
    # usa prefers 'none' (rank 0), dprk 'all' (rank 4), rok 'civilian' (rank 2)
    assert table.position.tolist() == [0.0, 4.0, 2.0]
    parties = [scenario.party(p) for p in ids]
    assert table.capability.tolist() == [p.capability for p in parties]
    shares = []
    for party in parties:
        weights = party.preferences.weights  # type: ignore[union-attr]
        shares.append(weights["sanctions"] / sum(weights.values()))
    np.testing.assert_allclose(table.salience, shares)
    yongbyon, _ = issue_table(scenario, scenario.issue("yongbyon"))
    assert yongbyon.position[2] == 3.0  # rok: `increasing` -> the last option


def test_uncertainty_gives_a_seeded_distribution() -> None:
    scenario = resolve_scenario("hanoi-2019")
    a = forecast_scenario(scenario, issues=["sanctions", "talks"], samples=8, seed=5)
    b = forecast_scenario(scenario, issues=["sanctions", "talks"], samples=8, seed=5)
    assert a.distribution == b.distribution
    assert a.distribution is not None
    for shares in a.distribution.values():
        assert abs(sum(shares.values()) - 1.0) < 1e-12


def test_cli_json_document() -> None:
    result = runner.invoke(app, ["forecast", "hanoi-2019", "--json", "--issue", "sanctions"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)["result"]
    assert doc["schema"] == "detente.forecast/1" and doc["source"] == {"scenario": "hanoi-2019"}
    issue = doc["issues"][0]
    assert issue["issue"] == "sanctions"
    assert issue["forecast"]["option"] in issue["options"]
    assert issue["stop"]["reason"] in ("converged", "cycle", "round limit")
    assert len(issue["rounds"]) == issue["stop"]["rounds"] + 1
    assert set(issue["baselines"]) >= {"weighted_mean", "weighted_median", "nash"}


def test_cli_tables_and_explanation() -> None:
    result = runner.invoke(app, ["forecast", "--samples", "3", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "trajectory" in result.output and "Nash bargaining" in result.output
    assert "North Korea" in result.output and "stop:" in result.output


def test_cli_csv_with_preset(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "eu.csv"
    path.write_text("name,position,capability,salience\nA,4,16,80\nB,7,8,40\nC,10,16,90\n")
    result = runner.invoke(
        app, ["forecast", "--actors", str(path), "--preset", "masad", "--rounds", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)["result"]
    assert doc["options"]["offer_rule"] == "max_eu" and doc["options"]["max_rounds"] == 3
    assert doc["issues"][0]["baselines"]["weighted_median"] == 7.0


def test_cli_errors_are_clear(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = runner.invoke(app, ["forecast", "--option", "probability=sum"])
    assert bad.exit_code == 2 and "expected one of pair, net, global" in bad.output
    path = tmp_path / "bad.csv"
    path.write_text("name,position,capability,salience\nA,4,1,0.5\nB,oops,1,0.5\n")
    csv_bad = runner.invoke(app, ["forecast", "--actors", str(path)])
    assert csv_bad.exit_code == 1
    assert f"{path}:3: position 'oops'" in " ".join(csv_bad.output.split())
    issue_bad = runner.invoke(app, ["forecast", "--issue", "nope"])
    assert issue_bad.exit_code == 2 and "unknown issue" in issue_bad.output
