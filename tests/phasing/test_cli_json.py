"""``detente phase --json``: JSON on every path (no deal space, bad finals, bad files); no nan."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from detente import compile_scenario, resolve_scenario
from detente.documents import envelope
from detente.engines.phasing import analyse_phasing, resolve_final
from detente.presentation.cli import app, phase
from detente.presentation.cli.phase import number, signed

runner = CliRunner()
VALID = Path(__file__).parents[1] / "data" / "valid.yaml"


@pytest.mark.parametrize(
    ("final", "code", "kind", "message"),
    [
        ("nash", 1, "no_deal_space", "no zone of possible agreement"),
        ("sanctions=plenty", 2, "final", "unknown option 'plenty'"),
        ("sanctions", 2, "final", "ISSUE=OPTION"),
    ],
)
def test_errors_are_json_documents(final: str, code: int, kind: str, message: str) -> None:
    result = runner.invoke(app, ["phase", "hanoi-2019", "--final", final, "--json"])
    assert result.exit_code == code
    document = json.loads(result.stdout)
    assert (document["command"], document["scenario"]) == ("phase", "hanoi-2019")
    error = document["result"]["error"]
    assert error["kind"] == kind and message in error["message"]


def test_a_broken_scenario_file_is_a_json_document_with_located_diagnostics(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.read_text("utf-8").replace("capability: 0.6", "capability: 2"))
    result = runner.invoke(app, ["phase", str(bad), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["result"]["error"]
    assert error["kind"] == "scenario"
    (diagnostic,) = error["diagnostics"]
    assert (diagnostic["line"], diagnostic["column"]) == (7, 5)
    assert diagnostic["path"] == "parties[0].capability"


def test_numbers_that_are_not_finite_never_show_as_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    assert signed(math.nan) == number(math.inf) == "undefined"
    assert (signed(0.25), number(0.25)) == ("+0.250", "0.250")
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    result = analyse_phasing(compiled, resolve_final(compiled, "bridge:1"), max_steps=2)
    # A margin that is not a number (as some hand-written cases produced) must print as
    # "undefined" in the tables and as null in the JSON.
    broken = dataclasses.replace(
        result, big_bang=dataclasses.replace(result.big_bang, min_margin=math.nan)
    )
    document = envelope("phase", "hanoi-2019", broken)["result"]
    assert document["big_bang"]["min_margin"] is None
    json.dumps(document, allow_nan=False)
    console = Console(record=True, width=200)
    monkeypatch.setattr(phase, "console", console)
    phase._show(broken)
    text = console.export_text()
    assert "nan" not in text.lower() and "undefined" in text
