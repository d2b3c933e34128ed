"""The HTML report: self-contained, escaped, every section present; PNG figures; the CLI."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape
from typer.testing import CliRunner

pytest.importorskip("plotly")
pytest.importorskip("jinja2")

from detente import resolve_scenario
from detente.model import dump_scenario, load_scenario_text
from detente.presentation.cli import app
from detente.presentation.report import render_report, write_report
from detente.presentation.views.figures import forecast_figure
from tests.reference import zopa

SECTIONS = (
    "summary",
    "parties",
    "issues",
    "timeline",
    "space",
    "nodeal",
    "events",
    "definitions",
    "forecast",
    "simulation",
    "sensitivity",
)


@pytest.fixture(scope="module")
def hanoi_html() -> str:
    return render_report(resolve_scenario("hanoi-2019"), samples=16, seed=3, runs=10)


def test_report_has_every_section(hanoi_html: str) -> None:
    for section in SECTIONS:
        assert f'<section id="{section}">' in hanoi_html, section
    assert "Ri Yong Ho" in hanoi_html  # a quoted speaker on the timeline
    assert hanoi_html.count("<script>") == 2  # plotly.js once, the boot script once


def test_report_has_no_external_reference(hanoi_html: str) -> None:
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", hanoi_html, flags=re.I)
    for tag in tags:
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", tag, flags=re.I), tag
    assert not re.search(r"<link\b", hanoi_html, flags=re.I)
    assert not re.search(r"<script[^>]+src=", hanoi_html, flags=re.I)


def test_report_zopa_count_matches_brute_force(hanoi_html: str) -> None:
    scenario = resolve_scenario("hanoi-2019")
    expected = len(zopa(scenario))
    found = re.search(r'id="zopa-count">([\d,]+)<', hanoi_html)
    assert found is not None
    assert int(found.group(1).replace(",", "")) == expected


def test_report_escapes_scenario_text(tmp_path: Path) -> None:
    text = dump_scenario(resolve_scenario("hanoi-2019"))
    evil = "<script>alert(1)</script>"
    text = text.replace("title: U.S.", f"title: '{evil} U.S.", 1).replace(
        "Hanoi summit\n", "Hanoi summit'\n", 1
    )
    scenario = load_scenario_text(text)
    assert evil in scenario.metadata.title
    html = render_report(scenario, samples=0, runs=0)
    assert evil not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # In figure JSON the title is escaped for plotly and for the script element.
    assert "<script>alert" not in html.replace("<script>{", "")


def test_png_figures_are_written(tmp_path: Path) -> None:
    written = write_report(
        resolve_scenario("hanoi-2019"), tmp_path / "r.html", samples=0, runs=0, png_dir=tmp_path
    )
    pngs = [p for p in written if p.suffix == ".png"]
    assert tmp_path / "space.png" in pngs
    for path in pngs:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_report_writes_file_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "hanoi.html"
    result = CliRunner().invoke(
        app, ["report", "hanoi-2019", "-o", str(out), "--samples", "0", "--runs", "0"]
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out.resolve()) in result.output.replace("\n", "")


def test_cli_report_bad_scenario_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("metadata:\n  id: x\n  title: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "bad.yaml:" in result.output and "Traceback" not in result.output


def test_report_forecast_carries_the_cli_caveat_and_skips_issues_where_nothing_moved(
    hanoi_html: str,
) -> None:
    out = CliRunner().invoke(app, ["forecast", "hanoi-2019", "--json"]).output
    issues = json.loads(out)["result"]["issues"]
    # every assumption the CLI prints under an issue is in the report, escaped as HTML
    for issue in issues:
        for line in issue["assumptions"]:
            assert str(escape(line)) in hanoi_html, line
    # an issue where no position moved (independently: every round equals round 0)
    still = [
        i for i in issues if all(r["positions"] == i["rounds"][0]["positions"] for r in i["rounds"])
    ]
    assert still, "hanoi-2019 has an issue where nothing moves ('talks')"
    figure = forecast_figure({"issues": issues})
    assert figure is not None
    annotations = " ".join(a["text"] for a in figure["layout"]["annotations"])
    for issue in still:
        assert html.escape(issue["label"]) not in annotations
        assert (
            "Not plotted, because no position moved: " + html.escape(issue["label"]) in hanoi_html
        )


def test_events_are_replayed_from_the_values_as_stated_before_the_first_event(
    hanoi_html: str,
) -> None:
    scenario = resolve_scenario("hanoi-2019")
    first = min(e.date for e in scenario.events)
    section = hanoi_html.split('<section id="events">', 1)[1].split("</section>", 1)[0]
    assert f"<td>before {first.isoformat()}</td><td><strong>as stated</strong>" in section
    assert "values before the listed events" in section
    # the row as stated holds the file's no-deal values, not values after the events
    usa = scenario.party("usa").preferences
    assert usa is not None
    assert f"<td>{usa.reservation:.3f}</td>" in section.split("</tr>", 2)[1]
    result = CliRunner().invoke(
        app, ["analyze", "hanoi-2019", "--samples", "0"], env={"COLUMNS": "300"}
    )
    assert f"before {first.isoformat()}" in result.output
    assert "(as stated: before the events)" in result.output
