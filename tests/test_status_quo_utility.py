"""Each party's utility of the status quo beside its reservation (``show``, ``analyze``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from detente.presentation.cli import app

runner = CliRunner()
HANOI = Path(__file__).resolve().parents[1] / "src/detente/data/scenarios/hanoi-2019.yaml"


def _by_hand() -> dict[str, float]:
    """sum_i w_i v_i(s0_i) / sum_i w_i from the raw YAML (no linkage in hanoi-2019)."""
    data = yaml.safe_load(HANOI.read_text("utf-8"))
    options = {i["id"]: [o["id"] for o in i["options"]] for i in data["issues"]}
    status_quo = data["status_quo"]
    result = {}
    for party in data["parties"]:
        prefs = party.get("preferences")
        if not prefs:
            continue
        assert not prefs.get("linkage")
        total, utility = sum(prefs["weights"].values()), 0.0
        for issue, weight in prefs["weights"].items():
            ids, shape = options[issue], prefs["values"][issue]
            rank = ids.index(status_quo.get(issue, ids[0]))
            if shape == "increasing":
                value = rank / (len(ids) - 1)
            elif shape == "decreasing":
                value = 1 - rank / (len(ids) - 1)
            else:
                value = shape[ids[rank]]
            utility += weight / total * value
        result[party["id"]] = utility
    return result


def test_analyze_json_gives_the_status_quo_utility_beside_the_reservation() -> None:
    result = runner.invoke(app, ["analyze", "hanoi-2019", "--json"])
    assert result.exit_code == 0, result.output
    parties = json.loads(result.stdout)["result"]["counts"]["parties"]
    expected = _by_hand()
    assert {p["party"] for p in parties} == set(expected)
    for p in parties:
        assert p["status_quo_utility"] == pytest.approx(expected[p["party"]], abs=1e-12)
        assert "reservation" in p


def test_show_and_analyze_print_it_beside_the_reservation() -> None:
    expected = _by_hand()
    shown = runner.invoke(app, ["show"], env={"COLUMNS": "220"})
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.stdout.splitlines() if "│ usa " in line)
    cells = [c.strip() for c in row.split("│")]
    assert cells[5:7] == ["0.42", f"{expected['usa']:.3g}"]
    analysed = runner.invoke(app, ["analyze"], env={"COLUMNS": "220"})
    assert f"acceptable to dprk (r=0.55, status quo u={expected['dprk']:.3g})" in analysed.stdout
