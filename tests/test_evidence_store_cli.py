"""The evidence store, posture links, the timeline and the commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from detente.evidence.extract import extract
from detente.evidence.link import link_postures
from detente.evidence.store import EvidenceStore
from detente.evidence.timeline import timeline
from detente.model import resolve_scenario
from detente.presentation.cli import app

DATA = Path(__file__).resolve().parent / "data" / "evidence"
runner = CliRunner()


def test_readding_changes_nothing_and_queries_filter(tmp_path: Path) -> None:
    text = (DATA / "trade_wire.txt").read_text("utf-8")
    scenario = resolve_scenario(str(DATA / "trade.yaml"))
    statements = extract(text, scenario, dt.date(2019, 5, 11))
    with EvidenceStore(tmp_path / "e.duckdb") as store:
        added = store.add(text, statements, "trade_wire.txt")
        assert added == len({(s.kind, s.quote) for s in statements})
        assert store.add(text, statements, "copy.txt") == 0
        assert len(store.sources()) == 1
        liu = store.query(speaker="liu")
        assert liu and all(r["speaker"] == "Liu He" for r in liu)
        usa = store.query(party="usa")
        assert {r["speaker"] for r in usa} == {"Robert Lighthizer", "Steven Mnuchin"}
        tariffs = store.query(issue="tariffs")
        assert tariffs and all("tariffs" in r["issues"] for r in tariffs)
        saturday = store.query(date_from=dt.date(2019, 5, 11), date_to=dt.date(2019, 5, 11))
        assert saturday and {r["speaker"] for r in saturday} == {"Commerce Ministry"}


def test_timeline_runs_from_no_rush_to_more_sanctions() -> None:
    usa = timeline(resolve_scenario("hanoi-2019"))["usa"]
    dates = [e.date for e in usa]
    assert dates == sorted(dates)
    assert usa[0].posture == "trump_no_rush" and usa[-1].posture == "bolton_more_sanctions"
    assert any("no rush" in s.quote for s in usa[0].statements)


def test_link_prefers_same_party_issue_and_stance() -> None:
    scenario = resolve_scenario("hanoi-2019")
    links = link_postures(scenario)
    threat = links["bolton_more_sanctions"]
    assert threat and all(link.statement.party == "usa" for link in threat)
    assert threat[0].statement.id in {"s_bolton_fox", "s_bolton_consider"}
    assert "sanctions" in threat[0].reason


def test_cli_extract_json_and_score() -> None:
    result = runner.invoke(
        app,
        ["extract", str(DATA / "arms_oped.txt"), "--json", "--score", str(DATA / "arms_gold.json")],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["result"]
    assert document["scores"]["direct"]["attribution_recall"] >= 0.9
    assert any(s["speaker"] == "Sergei Ryabkov" for s in document["statements"])


def test_cli_extract_bad_input_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert runner.invoke(app, ["extract", "-"], input="").exit_code == 1
    assert runner.invoke(app, ["extract", str(bad), "--date", "soon"]).exit_code == 2


def test_cli_evidence_add_list_link_and_timeline(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    article = str(DATA / "trade_wire.txt")
    args = ["evidence", "add", article, "--db", db, "--scenario", str(DATA / "trade.yaml")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, args)
    assert "0 new" in again.output
    listed = runner.invoke(app, ["evidence", "list", "--db", db, "--party", "china", "--json"])
    assert listed.exit_code == 0
    assert {r["party"] for r in json.loads(listed.stdout)["result"]} == {"china"}
    linked = runner.invoke(
        app, ["evidence", "link", str(DATA / "trade.yaml"), "--db", db, "--json"]
    )
    assert linked.exit_code == 0, linked.output
    assert set(json.loads(linked.stdout)["result"]) == {"us_law", "china_no_law"}
    shown = runner.invoke(app, ["timeline", "hanoi-2019"])
    assert shown.exit_code == 0 and "no rush" in shown.output
