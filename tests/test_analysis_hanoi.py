"""What CASE.md requires of the analysis on hanoi-2019, checked against the scenario's own data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.analysis.analyze import SCHEMA_VERSION, Analysis, analyze
from detente.engines.analysis.events import analyze_events
from detente.interop import load_domain
from detente.model.parameters import get_parameter
from detente.presentation.cli import app
from tests.reference import feasible, holds, met, outcomes, requirement_list, utility, zopa

US_LINE = "usa:no_relief_before_complete_denuclearization"


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(resolve_scenario("hanoi-2019"), samples=64, seed=3)


def test_no_zopa_by_brute_force(result: Analysis) -> None:
    scenario = resolve_scenario("hanoi-2019")
    assert zopa(scenario) == []
    assert result.counts.zopa == 0
    assert result.counts.feasible == sum(feasible(scenario, o) for o in outcomes(scenario))


def test_a_mis_names_the_us_red_line_and_a_dprk_requirement(result: Analysis) -> None:
    labels = [{r.label for r in c.requirements} for c in result.conflicts.conflicts]
    assert any(US_LINE in s and any(x.startswith("dprk:") for x in s) for s in labels)
    # Independently: with the U.S. line dropped, some feasible outcome meets every other one.
    scenario = resolve_scenario("hanoi-2019")
    k = [f"{p}:{i}" for p, i, _ in requirement_list(scenario)].index(US_LINE)
    assert any(
        all(m for j, m in enumerate(met(scenario, o)) if j != k)
        for o in outcomes(scenario)
        if feasible(scenario, o)
    )
    conflict = next(
        c for c in result.conflicts.conflicts if US_LINE in {r.label for r in c.requirements}
    )
    us = next(r for r in conflict.requirements if r.label == US_LINE)
    assert {q.speaker for q in us.evidence} >= {"John Bolton"}
    assert "no relief before complete denuclearization" in conflict.sentence


def test_bridges_exist_and_are_ranked_by_cost(result: Analysis) -> None:
    assert result.bridges is not None and result.bridges.bridges
    costs = [b.mover_cost for b in result.bridges.bridges]
    assert costs == sorted(costs)
    kinds = {b.move.kind for b in result.bridges.bridges}
    assert "drop_red_line" in kinds
    scenario = resolve_scenario("hanoi-2019")
    for bridge in result.bridges.bridges:
        deal = bridge.deal.outcome
        assert feasible(scenario, deal)
        assert bridge.deal.utilities["usa"] == pytest.approx(utility(scenario, "usa", deal))


def test_denuclearization_meanings_differ(result: Analysis) -> None:
    scenario = resolve_scenario("hanoi-2019")
    gap = next(g for g in result.definitions if g.id == "denuclearization")
    meanings = {m.party: m for m in scenario.definitions[0].meanings}
    feas = [o for o in outcomes(scenario) if feasible(scenario, o)]
    sets = {
        p: {tuple(o.values()) for o in feas if holds(scenario, m.condition, o)}
        for p, m in meanings.items()
    }
    assert sets["usa"] != sets["dprk"]
    assert {m.party: m.size for m in gap.meanings} == {p: len(s) for p, s in sets.items()}
    assert gap.overlaps[0].shared == len(sets["usa"] & sets["dprk"])


def test_events_shift_reservations_cumulatively() -> None:
    scenario = resolve_scenario("hanoi-2019")
    steps = analyze_events(scenario)
    assert len(steps) == len(scenario.events) + 1
    expected = {p: get_parameter(scenario, f"preferences.{p}.reservation") for p in ("usa", "dprk")}
    for event, step in zip(sorted(scenario.events, key=lambda e: e.date), steps[1:], strict=True):
        assert step.event == event.id
        for effect in event.effects:
            party = effect.parameter.split(".")[1]
            if effect.parameter.endswith("reservation"):
                expected[party] += effect.delta or 0.0
        for party, value in expected.items():
            assert step.reservations[party] == pytest.approx(value)


def test_json_document_is_stable_and_serialisable(result: Analysis) -> None:
    document = result.to_json()
    text = json.dumps(document)
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION
    assert document["seed"] == 3 and document["sensitivity"]["samples"] == 64
    assert set(document) >= {"counts", "conflicts", "bridges", "definitions", "postures", "events"}


def test_cli_tables_and_json() -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["analyze", "hanoi-2019", "--samples", "16"])
    assert shown.exit_code == 0, shown.output
    assert "Why no deal" in shown.output and "Bridges" in shown.output
    as_json = runner.invoke(app, ["analyze", "--json", "--samples", "8", "--seed", "5"])
    assert as_json.exit_code == 0
    document = json.loads(as_json.stdout)["result"]
    assert document["counts"]["zopa"] == 0 and document["seed"] == 5


def test_cli_reads_genius_folders_and_files(tmp_path: Path) -> None:
    runner = CliRunner()
    trip = Path(__file__).parent / "data" / "genius" / "trip"
    scenario = load_domain(
        trip / "trip_domain.xml", [trip / "trip_alice.xml", trip / "trip_bob.xml"]
    )
    expected_zopa = len(zopa(scenario))
    by_folder = runner.invoke(app, ["analyze", "--json", str(trip)])
    assert by_folder.exit_code == 0, by_folder.output
    by_files = runner.invoke(
        app,
        ["analyze", "--json", str(trip / "trip_domain.xml"), str(trip / "trip_alice.xml"),
         str(trip / "trip_bob.xml")],
    )  # fmt: skip
    assert by_files.exit_code == 0, by_files.output
    for result in (by_folder, by_files):
        document = json.loads(result.stdout)["result"]
        assert document["counts"]["zopa"] == expected_zopa
    empty = runner.invoke(app, ["analyze", str(tmp_path)])
    assert empty.exit_code == 1 and "Traceback" not in empty.output
    lonely = runner.invoke(app, ["analyze", str(trip / "trip_domain.xml"), "missing.xml"])
    assert lonely.exit_code == 1 and "Traceback" not in lonely.output
    missing = runner.invoke(app, ["analyze", "no-such-scenario"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
