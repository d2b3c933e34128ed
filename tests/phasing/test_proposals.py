"""With no zone of agreement, ``detente phase`` evaluates the proposals on the table: the
demand posture against a brute-force search over every outcome, the offer against the posture's
own outcome, and the command's table and JSON (always JSON, errors too; no NaN)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing.proposals import evaluate_proposals, table_proposals
from detente.presentation.cli import app
from tests.reference import feasible, holds, outcomes, utility

runner = CliRunner()


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compile_scenario(resolve_scenario("hanoi-2019"))


def _brute_demand(scenario, party: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best (others' shortfall, own utility) over outcomes meeting the party's conditions."""
    mine = [p.condition for p in scenario.postures
            if p.party == party and p.kind in ("demand", "red_line") and p.condition]  # fmt: skip
    principals = [p for p in scenario.parties if p.role == "principal"]
    for q in principals:
        if q.id == party:
            mine += [r.condition for r in q.preferences.red_lines]
    theirs = [r.condition for q in principals if q.id != party for r in q.preferences.red_lines]
    reservation = {q.id: q.preferences.reservation for q in principals}
    best = (-float("inf"), -float("inf"))
    for o in outcomes(scenario):
        if not feasible(scenario, o) or not all(holds(scenario, c, o) for c in mine):
            continue
        own = utility(scenario, party, o)
        if own < reservation[party] - 1e-12:
            continue
        broken = sum(not holds(scenario, c, o) for c in theirs)
        short = min(utility(scenario, q.id, o) - reservation[q.id]
                    for q in principals if q.id != party)  # fmt: skip
        best = max(best, (short - 1e6 * broken, own))
    return best


@pytest.mark.parametrize("party", ["usa", "dprk"])
def test_demand_posture_is_the_brute_force_best_for_the_others(compiled, party: str) -> None:  # type: ignore[no-untyped-def]
    scenario = compiled.scenario
    (proposal,) = [p for p in table_proposals(compiled) if p.kind == "demand" and p.party == party]
    assert proposal.final is not None
    o = compiled.space.labels(proposal.final.ranks.tolist())
    reservation = {q.id: q.preferences.reservation for q in scenario.parties if q.preferences}
    other = "dprk" if party == "usa" else "usa"
    found = (utility(scenario, other, o) - reservation[other], utility(scenario, party, o))
    best = _brute_demand(scenario, party)
    broken = best[0] < -1e5  # the brute force keeps the red-line penalty in its key
    assert found[1] == pytest.approx(best[1]) and (broken or found[0] == pytest.approx(best[0]))


def test_us_demand_is_the_big_bang_and_dprk_offer_is_its_step(compiled) -> None:  # type: ignore[no-untyped-def]
    by = {(p.party, p.kind): p for p in table_proposals(compiled)}
    us = compiled.space.labels(by["usa", "demand"].final.ranks.tolist())
    assert us["denuclearization"] == "complete" and us["sanctions"] != "none"
    offer = compiled.space.labels(by["dprk", "offer"].final.ranks.tolist())
    expected = dict(compiled.scenario.status_quo)
    expected.update({"sanctions": "five_resolutions", "yongbyon": "production_dismantled"})
    assert offer == {**offer, **expected}


def test_each_proposal_fails_on_substance_for_the_other_side(compiled) -> None:  # type: ignore[no-untyped-def]
    verdicts = {(v.proposal.party, v.proposal.kind): v for v in evaluate_proposals(compiled)}
    offer = verdicts["dprk", "offer"].result
    assert offer is not None and offer.big_bang.thresholds["usa"] is None
    assert offer.phased_threshold is None and not offer.big_bang.feasible
    demand = verdicts["usa", "demand"].result
    assert demand is not None and demand.big_bang.thresholds["dprk"] is None
    # The U.S. itself would take its big bang at a trust below one.
    assert demand.big_bang.thresholds["usa"] is not None
    assert demand.big_bang.thresholds["usa"] < 1.0


def test_phase_without_flags_evaluates_the_proposals() -> None:
    result = runner.invoke(app, ["phase", "hanoi-2019"])
    assert result.exit_code == 0, result.output
    assert "proposals on the table" in result.output and "us_big_bang" in result.output
    assert "nan" not in result.output.lower()
    result = runner.invoke(app, ["phase", "hanoi-2019", "--json"])
    document = json.loads(result.output)["result"]
    assert document["zopa"] is False
    kinds = {(p["party"], p["kind"]) for p in document["proposals"]}
    assert {("dprk", "offer"), ("usa", "demand")} <= kinds


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--final", "nash"], 1),
        (["--final", "sanctions=plenty"], 2),
        (["--final", "sanctions"], 2),
        (["--trust", "1.5"], 2),
        (["--verification", "-0.1"], 2),
        (["--max-steps", "0"], 2),
        (["--samples", "-3"], 2),
    ],
)
def test_json_errors_are_json(args: list[str], code: int) -> None:
    result = runner.invoke(app, ["phase", "hanoi-2019", "--json", *args])
    assert result.exit_code == code
    document = json.loads(result.stdout)["result"]
    assert document["error"]["exit_code"] == code and document["error"]["message"]


def test_json_error_for_a_broken_scenario(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.yaml"
    path.write_text("metadata: {title: x}\nparties: []\n")
    result = runner.invoke(app, ["phase", str(path), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["result"]["error"]["diagnostics"]


def test_a_self_enforcing_row_never_says_never() -> None:
    final = (
        "sanctions=five_resolutions,yongbyon=production_dismantled,"
        "denuclearization=declaration,testing=codified,exercises=suspended,"
        "launch_site=dismantled,talks=summit"
    )
    result = runner.invoke(app, ["phase", "hanoi-2019", "--final", final, "--max-steps", "2"],
                           env={"COLUMNS": "250"})  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "│" in line and "yes" in line]
    assert rows and all("never" not in line for line in rows)
