"""The phased-deal analysis on hanoi-2019 against numbers computed by hand from the YAML,
the one-step path against an independent big-bang check, and the ``detente phase`` command."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.phasing import PhasingError, analyse_phasing, resolve_final
from detente.engines.phasing.values import phase_context, trust_vector
from detente.presentation.cli import app
from tests.reference import utility as scalar_utility

from .reference import stop_value, utility

DPRK_STEP = "sanctions=five_resolutions,yongbyon=production_dismantled"
US_BIG_BANG = "sanctions=all,yongbyon=complex_dismantled,denuclearization=complete"
runner = CliRunner()


def _completed(scenario, final: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A partial final outcome completed by the status quo, read off the scenario."""
    outcome = dict(scenario.status_quo)
    outcome.update(dict(item.split("=") for item in final.split(",")))
    return outcome


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compile_scenario(resolve_scenario("hanoi-2019"))


def test_dprk_first_step_fails_the_us_participation_at_any_trust(compiled) -> None:  # type: ignore[no-untyped-def]
    result = analyse_phasing(compiled, resolve_final(compiled, DPRK_STEP))
    expected = scalar_utility(compiled.scenario, "usa", _completed(compiled.scenario, DPRK_STEP))
    assert expected < compiled.scenario.party("usa").preferences.reservation
    assert result.acceptability.utilities["usa"] == pytest.approx(expected)
    assert "usa:no_relief_before_complete_denuclearization" in result.acceptability.red_lines_broken
    assert not result.exists
    assert [(c.party, c.state) for c in result.big_bang.violated] == [("usa", 0)]
    assert result.big_bang.thresholds["usa"] is None
    assert result.big_bang_threshold is None and result.phased_threshold is None


def test_us_big_bang_fails_the_dprk_participation_at_any_trust(compiled) -> None:  # type: ignore[no-untyped-def]
    result = analyse_phasing(compiled, resolve_final(compiled, US_BIG_BANG))
    expected = scalar_utility(compiled.scenario, "dprk", _completed(compiled.scenario, US_BIG_BANG))
    assert expected < compiled.scenario.party("dprk").preferences.reservation
    assert result.acceptability.utilities["dprk"] == pytest.approx(expected)
    assert ("dprk", 0) in [(c.party, c.state) for c in result.big_bang.violated]
    assert result.big_bang.thresholds["dprk"] is None
    assert result.big_bang.thresholds["usa"] is not None


def _gives(compiled, party, start, target):  # type: ignore[no-untyped-def]
    row = compiled.tables[compiled.party_index(party)]
    return {i for i in range(len(start)) if row[i, target[i]] < row[i, start[i]]}


def test_one_step_verdict_equals_the_big_bang_check(compiled) -> None:  # type: ignore[no-untyped-def]
    final = resolve_final(
        compiled,
        "sanctions=five_resolutions,yongbyon=production_dismantled,denuclearization=declaration,"
        "testing=codified,exercises=suspended,launch_site=dismantled,talks=summit",
    )
    for trust in (0.2, 0.5, 0.9):
        result = analyse_phasing(compiled, final, max_steps=1, trust=trust)
        start = tuple(int(r) for r in phase_context(compiled).start)
        target = tuple(int(r) for r in final.ranks)
        ok = True
        discount = compiled.scenario.process.discount
        for p, other in (("usa", "dprk"), ("dprk", "usa")):
            mine, theirs = (
                _gives(compiled, p, start, target),
                _gives(compiled, other, start, target),
            )
            q = trust if theirs else 1.0
            exposed = tuple(target[i] if i in mine else start[i] for i in range(7))
            value = q * discount[p] * utility(compiled, p, target) + (1 - q) * stop_value(
                compiled, p, exposed
            )
            ok &= value >= compiled.reservations[compiled.party_index(p)] - 1e-9
        assert result.big_bang.feasible == ok
        assert result.exists == ok


def test_nash_without_zopa_says_so(compiled) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PhasingError, match="no zone of possible agreement"):
        resolve_final(compiled, "nash")


def test_scenario_trust_is_used(compiled) -> None:  # type: ignore[no-untyped-def]
    ctx = phase_context(compiled)
    assert np.allclose(trust_vector(ctx), [compiled.scenario.process.trust[p]
                                           for p in ("usa", "dprk")])  # fmt: skip


def test_cli_table_and_json() -> None:
    result = runner.invoke(app, ["phase", "--final", DPRK_STEP])
    assert result.exit_code == 0, result.output
    assert "never" in result.output and "usa entering the deal" in result.output
    result = runner.invoke(app, ["phase", "--final", US_BIG_BANG, "--max-steps", "3", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["result"]
    assert document["big_bang"]["thresholds"]["dprk"] is None
    assert document["max_steps"] == 3 and document["exists"] is False


@pytest.mark.parametrize(
    ("final", "code", "message"),
    [
        ("nash", 1, "no zone of possible agreement"),
        ("sanctions=plenty", 2, "unknown option 'plenty'"),
        ("money=all", 2, "unknown issue 'money'"),
        ("denuclearization=complete", 2, "complete_includes_yongbyon"),
        ("sanctions", 2, "ISSUE=OPTION"),
    ],
)
def test_cli_errors_are_clear(final: str, code: int, message: str) -> None:
    result = runner.invoke(app, ["phase", "--final", final])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_robustness_is_seeded_and_matches_a_direct_count(compiled) -> None:  # type: ignore[no-untyped-def]
    from detente.engines.phasing.values import discount_vector
    from detente.engines.uncertainty import sample_parameters

    final = resolve_final(
        compiled,
        "sanctions=five_resolutions,yongbyon=production_dismantled,denuclearization=declaration,"
        "testing=codified,exercises=suspended,launch_site=dismantled,talks=summit",
    )
    first = analyse_phasing(compiled, final, max_steps=1, samples=30, seed=3).robustness
    again = analyse_phasing(compiled, final, max_steps=1, samples=30, seed=3).robustness
    assert first == again and first is not None
    # Direct count with the scalar reference of the big-bang path.
    ctx = phase_context(compiled)
    drawn = sample_parameters(compiled.scenario, 30, 3)
    start = tuple(int(r) for r in ctx.start)
    target = tuple(int(r) for r in final.ranks)
    from .reference import evaluate, min_margin

    hits = 0
    for i in range(30):
        row = drawn.row(i)
        trust = {p: row[f"process.trust.{p}"] for p in ("usa", "dprk")}
        discount = dict(zip(ctx.principals, discount_vector(ctx), strict=True))
        discount.update({p: row[f"process.discount.{p}"] for p in ("usa", "dprk")})
        hits += min_margin(evaluate(compiled, [start, target], trust, discount)) >= -1e-9
    assert first.big_bang_share == pytest.approx(hits / 30)
    assert first.phased_share == first.big_bang_share  # one step: the same form
