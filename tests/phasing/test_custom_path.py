"""``--path``: parsed with located errors, evaluated as the scalar reference evaluates the same
path, and shown beside the big bang and the best path."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing.custom import analyse_path, parse_path
from detente.engines.phasing.errors import FinalSpecError
from detente.engines.phasing.proposals import PhaseOptions
from detente.presentation.cli import app

from .reference import evaluate, min_margin

runner = CliRunner()
STEP = "dprk: yongbyon=production_dismantled; usa: sanctions=five_resolutions"


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compile_scenario(resolve_scenario("hanoi-2019"))


def test_path_matches_the_scalar_reference(compiled) -> None:  # type: ignore[no-untyped-def]
    custom = analyse_path(compiled, STEP, PhaseOptions())
    start = tuple(int(r) for r in compiled.space.ranks_of(
        {**{i: compiled.space.options[k][0] for k, i in enumerate(compiled.space.issues)},
         **compiled.scenario.status_quo})[0])  # fmt: skip
    issues = compiled.space.issues
    first = list(start)
    first[issues.index("yongbyon")] = compiled.space.rank_of("yongbyon", "production_dismantled")
    second = list(first)
    second[issues.index("sanctions")] = compiled.space.rank_of("sanctions", "five_resolutions")
    path = [start, tuple(first), tuple(second)]
    trust = dict(compiled.scenario.process.trust)
    discount = dict(compiled.scenario.process.discount)
    assert (
        abs(custom.report.min_margin - min_margin(evaluate(compiled, path, trust, discount))) < 1e-9
    )
    assert custom.report.steps[0].movers == ("dprk",) and custom.report.steps[1].movers == ("usa",)
    assert custom.analysis.big_bang.length == 1


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("sanctions=plenty", "step 1 ('sanctions=plenty'): unknown option 'plenty'"),
        ("yongbyon=frozen; money=all", "step 2 ('money=all'): unknown issue 'money'"),
        (
            "yongbyon=production_dismantled; yongbyon=frozen",
            "step 2 ('yongbyon=frozen'): issue 'yongbyon' moves back",
        ),
        ("rok: yongbyon=frozen", "'rok' is not a principal"),
        ("usa: yongbyon=frozen", "usa gives nothing in this step"),
        ("yongbyon=frozen, verified=2", "Q must be in [0, 1]"),
        ("denuclearization=complete", "infeasible (complete_includes_yongbyon"),
        ("usa:", "the step moves no issue"),
        (" ; ", "--path is empty"),
    ],
)
def test_path_errors_are_located(compiled, spec: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FinalSpecError) as error:
        analyse_path(compiled, spec, PhaseOptions())
    assert message in str(error.value)
    result = runner.invoke(app, ["phase", "hanoi-2019", "--path", spec, "--json"])
    assert (
        result.exit_code == 2 and message in json.loads(result.stdout)["result"]["error"]["message"]
    )


def test_verified_step_overrides_the_verification(compiled) -> None:  # type: ignore[no-untyped-def]
    blind = PhaseOptions(verification=0.0)
    plain = analyse_path(compiled, STEP, blind).report
    checked = analyse_path(compiled, STEP.replace("; usa", ", verified; usa") + ", verified",
                           blind).report  # fmt: skip
    # Verified steps let the victim of cheating snap back: its fallback can only rise.
    assert checked.min_margin >= plain.min_margin - 1e-12
    assert parse_path("a: x=1, verified")[0].verified == 1.0


def test_cli_shows_the_path_beside_big_bang() -> None:
    result = runner.invoke(app, ["phase", "hanoi-2019", "--path", STEP], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "your --path" in result.output and "big-bang (one step)" in result.output
    both = runner.invoke(app, ["phase", "hanoi-2019", "--path", STEP, "--final", "nash"])
    assert both.exit_code == 2
    document = json.loads(
        runner.invoke(app, ["phase", "hanoi-2019", "--path", STEP, "--json"]).stdout
    )
    path = document["result"]["path"]
    assert path["length"] == 2 and np.isfinite(path["min_margin"])
