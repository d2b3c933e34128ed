"""The presets reproduce the reference runs of the EU car-emissions case (spec case file)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from detente.engines.forecast.actors import ActorTable, make_table
from detente.engines.forecast.baselines import compute_baselines
from detente.engines.forecast.bdm import run_bdm
from detente.engines.forecast.options import preset
from tests.shared_data import spec_case


@pytest.fixture(scope="module")
def case() -> dict[str, Any]:
    return spec_case("eu_car_emissions_bdm_scholz.json")


def _table(case: dict[str, Any]) -> ActorTable:
    actors = case["actors"]
    return make_table(
        [a["name"] for a in actors],
        [a["position"] for a in actors],
        [a["capability"] for a in actors],
        [a["salience"] for a in actors],
    )


def _vector(mapping: dict[str, float], names: tuple[str, ...]) -> np.ndarray:
    return np.array([mapping[name] for name in names])


def test_scholz_jmckib_reproduces_every_recorded_round(case: dict[str, Any]) -> None:
    table = _table(case)
    options = dataclasses.replace(preset("scholz-jmckib"), max_rounds=50)
    run = run_bdm(table, options)
    assert run.rounds == 50 and run.stop_reason == "round limit"
    output = case["reference_output"]
    for record in output["per_round"]:
        t = record["round"]
        assert run.median[t] == pytest.approx(record["median_voter"], abs=1e-6)
        assert run.mean[t] == pytest.approx(record["weighted_mean"], abs=1e-6)
        expected = _vector(record["positions"], table.names)
        np.testing.assert_allclose(run.positions[t], expected, atol=1e-6)
        if record["risk_exponent_used_in_round"]:
            risk = _vector(record["risk_exponent_used_in_round"], table.names)
            np.testing.assert_allclose(run.risk[t - 1], risk, atol=1e-6)
    # Rounds 11-50: the median cycles (7 -> ~8.4 -> ~9.6 -> ~9.9 -> 7) without settling.
    for t, median, mean in output["median_and_mean_rounds_11_to_50"]:
        assert run.median[t] == pytest.approx(median, abs=1e-6)
        assert run.mean[t] == pytest.approx(mean, abs=1e-6)


def test_masad_reproduces_round_one_risk_and_moves(case: dict[str, Any]) -> None:
    table = _table(case)
    run = run_bdm(table, dataclasses.replace(preset("masad"), max_rounds=10))
    alt = case["alternative_implementation_output_dmasad"]
    risk = _vector(alt["round1_risk_exponents"], table.names)
    np.testing.assert_allclose(run.risk[0], risk, atol=1e-9)
    # "Luxembourg loses confrontation to France; Ireland compromises with France"
    index = {name: i for i, name in enumerate(table.names)}
    movers = {table.names[i] for i in np.flatnonzero(run.partner[0] >= 0)}
    assert movers == {"Luxembourg", "Ireland"}
    assert run.partner[0, index["Luxembourg"]] == index["France"]
    assert run.move[0, index["Luxembourg"]] == 1  # conflict, loses
    assert run.partner[0, index["Ireland"]] == index["France"]
    assert run.move[0, index["Ireland"]] == 3  # compromise
    for record in alt["per_round"]:
        expected = _vector(record["positions"], table.names)
        np.testing.assert_allclose(run.positions[record["round"]], expected, atol=1e-6)
        assert run.median[record["round"]] == pytest.approx(record["median_vote"], abs=1e-6)


def test_baselines_match_the_case(case: dict[str, Any]) -> None:
    table = _table(case)
    recorded = case["baselines_computed_by_us"]
    b = compute_baselines(table.position, table.capability * table.salience)
    assert b.weighted_mean == pytest.approx(recorded["weighted_mean"], abs=1e-6)
    assert b.weighted_median == recorded["weighted_median"]
    assert b.nash == pytest.approx(recorded["nash_bargaining_1d"], abs=1e-3)


def test_the_explanation_says_the_cycling_median_has_not_settled(case: dict[str, Any]) -> None:
    from detente.engines.forecast.explain import explain_run

    run = run_bdm(_table(case), dataclasses.replace(preset("scholz-jmckib"), max_rounds=12))
    text = explain_run("emissions", run, lambda v: f"{v:g}")
    assert "round limit" in text and "has not settled (between 7 and 9.96198" in text
    assert "Belgium compromised with France (7 → 8.41593)" in text
