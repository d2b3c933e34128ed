"""``detente backtest`` from the command line: cases, JSON, HTML, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from detente import embedded_scenarios, resolve_scenario
from detente.presentation.cli import app
from detente.presentation.views.record import record_figure

runner = CliRunner()
CASES = Path(__file__).parent / "data" / "backtest"
VALID = Path(__file__).parent / "data" / "valid.yaml"


def test_a_folder_of_cases_as_json() -> None:
    result = runner.invoke(app, ["backtest", str(CASES), "--json", "--engines", "analyze"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["result"]
    assert doc["schema_version"] == 1 and doc["settings"]["engines"] == ["analyze"]
    assert sorted(c["case"] for c in doc["cases"]) == [
        "bt-exact",
        "bt-failed",
        "bt-nozopa",
        "bt-uncertain",
    ]
    nash = {m["method"]: m for m in doc["summary"]}["analyze:nash"]
    assert (nash["deals_right"], nash["deals_scored"], nash["exact"], nash["issues"]) == (
        3,
        4,
        4,
        5,
    )


def test_the_tables_name_every_method_and_the_record() -> None:
    args = ["backtest", str(CASES / "exact.yaml"), str(CASES / "failed.yaml")]
    args += ["--engines", "phase,analyze,forecast"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for expected in ("Backtest record over 2 cases", "baseline:midpoint", "analyze:nash",
                     "forecast", "phase", "bt-exact", "1/2 (50%)", "0.000 (2)"):  # fmt: skip
        assert expected in result.stdout, expected
    assert "simulate" not in result.stdout  # not asked for


def test_default_is_every_embedded_case_with_an_outcome_and_every_engine() -> None:
    expected = [i for i in embedded_scenarios() if resolve_scenario(i).outcome is not None]
    result = runner.invoke(app, ["backtest", "--json", "--runs", "20", "--samples", "20"])
    if not expected:
        assert result.exit_code == 1 and "no embedded scenario has an outcome" in result.output
        return
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["result"]
    assert [c["case"] for c in doc["cases"]] == expected
    assert doc["settings"]["engines"] == ["analyze", "forecast", "simulate", "phase"]
    assert all(not s["prediction"]["error"] for c in doc["cases"] for s in c["scores"])


def test_backtest_deu_is_the_deu_benchmark() -> None:
    # Routed to `backtest-deu`: the same located refusal of a folder without the DEU files.
    routed = runner.invoke(app, ["backtest", "deu", str(CASES)])
    direct = runner.invoke(app, ["backtest-deu", str(CASES)])
    assert routed.exit_code == direct.exit_code == 1
    assert routed.output == direct.output and "deu_issues.csv" in routed.output
    assert runner.invoke(app, ["backtest", "deu"]).exit_code == 2


def test_a_case_without_outcome_is_refused_by_name() -> None:
    result = runner.invoke(app, ["backtest", str(VALID)])
    assert result.exit_code == 1
    assert f"{VALID}: no outcome section" in result.output


def test_a_folder_skips_files_without_outcome_with_a_note(tmp_path: Path) -> None:
    shutil.copy(VALID, tmp_path / "plain.yaml")
    shutil.copy(CASES / "failed.yaml", tmp_path / "failed.yaml")
    result = runner.invoke(app, ["backtest", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert "no outcome section, skipped: plain.yaml" in result.stderr
    assert [c["case"] for c in json.loads(result.stdout)["result"]["cases"]] == ["bt-failed"]


def test_a_broken_case_file_gives_located_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.read_text("utf-8").replace("capability: 0.6", "capability: 2"))
    result = runner.invoke(app, ["backtest", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:7:5: error: parties[0].capability" in result.output
    assert "Traceback" not in result.output


def test_unknown_engines_are_a_usage_error() -> None:
    result = runner.invoke(app, ["backtest", str(CASES), "--engines", "analyze,oracle"])
    assert result.exit_code == 2
    assert "unknown oracle; choose from analyze, forecast, simulate, phase" in result.output


def test_html_page_is_self_contained_with_the_record_figure(tmp_path: Path) -> None:
    page = tmp_path / "record.html"
    result = runner.invoke(app, ["backtest", str(CASES), "--html", str(page), "--json"])
    assert result.exit_code == 0, result.output
    text = page.read_text("utf-8")
    assert 'data-figure="record"' in text and "Record per method" in text
    assert "<script src=" not in text and "bt-uncertain" in text
    doc = json.loads(result.stdout)["result"]
    figure = record_figure(doc)
    summary = {m["method"]: m for m in doc["summary"]}
    right = dict(zip(figure["data"][0]["x"], figure["data"][0]["y"], strict=True))
    # the bars are the record's shares: 3 of 4 verdicts right for the Nash deal, 1 of 4 for the
    # status quo
    assert right["analyze:nash"] == 3 / 4 and right["baseline:status_quo"] == 1 / 4
    brier = dict(zip(figure["data"][2]["x"], figure["data"][2]["y"], strict=True))
    assert brier["analyze:nash"] == summary["analyze:nash"]["brier"]
    assert brier["forecast:issues"] is None
    assert brier["forecast:negotiation"] == summary["forecast:negotiation"]["brier"]
