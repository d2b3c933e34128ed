"""Negotiation forecasts with vetoes: hand-computed small cases, hanoi-2019 against 2019."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from detente.engines.compile import compile_scenario
from detente.engines.forecast.negotiation import forecast_deal, package_breaks
from detente.model import load_scenario, resolve_scenario
from detente.model.scenario import Scenario
from tests.strategies import scenarios

VALID = (Path(__file__).parents[1] / "data" / "valid.yaml").read_text("utf-8")


def _scenario(tmp_path: Path, text: str) -> Scenario:
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    return load_scenario(path)


def test_agreement_on_the_nash_terms_by_hand(tmp_path: Path) -> None:
    # a needs x = hi; utilities with x = hi: y=lo (0.5, 0.5), mid (0.75, 0.25), hi (1, 0);
    # reservations 0.3 and 0: Nash products 0.1, 0.1125, 0 -> (hi, mid).
    deal = forecast_deal(_scenario(tmp_path, VALID))
    assert deal.headline == "agreement" and deal.p_agreement == 1.0
    assert deal.terms == {"x": "hi", "y": "mid"}
    assert package_breaks(compile_scenario(_scenario(tmp_path, VALID)), deal.terms) == ()


def test_no_agreement_names_the_pivotal_requirement(tmp_path: Path) -> None:
    b_values = "values: {x: decreasing, y: decreasing}"
    text = VALID.replace(b_values, b_values + "\n      reservation: 0.6")
    deal = forecast_deal(_scenario(tmp_path, text))
    assert deal.headline == "no agreement" and deal.terms is None and deal.p_agreement == 0.0
    # with x = hi b gets at most 0.5 < 0.6; without keep_x no outcome gives a >= 0.3, b >= 0.6
    assert deal.pivotal == {"b:reservation": 1.0}


def test_red_line_credibility_sets_the_probability(tmp_path: Path) -> None:
    text = VALID.replace("{id: keep_x, condition: x == hi}",
                         "{id: keep_x, condition: x == hi, credibility: 0.3}")  # fmt: skip
    text = text.replace("reservation: 0.3", "reservation: 0.2").replace(
        "values: {x: decreasing, y: decreasing}",
        "values: {x: decreasing, y: decreasing}\n      reservation: 0.55",
    )
    scenario = _scenario(tmp_path, text)
    deal = forecast_deal(scenario, samples=400, seed=5)
    # only a draw where keep_x gives way has a zone: x=lo, y=mid (a 0.25 >= 0.2, b 0.75 >= 0.55)
    assert abs(deal.p_agreement - 0.7) < 0.08
    assert deal.terms == {"x": "lo", "y": "mid"} and deal.terms_share == 1.0
    assert forecast_deal(scenario, samples=400, seed=5) == deal  # seeded


def test_terms_respect_every_requirement_on_hanoi() -> None:
    scenario = resolve_scenario("hanoi-2019")
    compiled = compile_scenario(scenario)
    deal = forecast_deal(scenario, samples=0)
    # As written, no outcome meets every principal's requirement (the analysis' finding).
    space = compiled.space
    ok = [
        combo
        for combo in itertools.product(*space.options)
        if not package_breaks(compiled, dict(zip(space.issues, combo, strict=True)))
    ]
    assert (deal.terms is None) == (not ok)
    assert deal.headline == "no agreement"
    # the per-issue influence package breaks a principal's requirement: reported, not headline
    assert deal.influence_breaks and deal.influence_breaks == package_breaks(
        compiled, deal.influence
    )


@pytest.mark.parametrize("samples", [200])
def test_hanoi_against_its_2019_record(samples: int) -> None:
    # The 2019 record: no agreement (the October 2019 Stockholm working-level talks broke off).
    deal = forecast_deal(resolve_scenario("hanoi-2019"), samples=samples, seed=0)
    assert deal.headline == "no agreement"
    brier = (deal.p_agreement - 0.0) ** 2
    assert brier < 0.25  # better than a coin
    # pivotal requirements are counted in the no-deal draws only
    assert deal.pivotal and max(deal.pivotal.values()) <= 1 - deal.p_agreement + 1e-12


@settings(max_examples=60, deadline=None)
@given(scenarios(max_parties=4, max_issues=4, max_options=4))
def test_headline_terms_respect_every_requirement(scenario: Scenario) -> None:
    # Brute force over every package: the forecast agrees iff some package breaks nothing,
    # and then its terms break nothing and have the largest Nash product among those.
    compiled = compile_scenario(scenario)
    space = compiled.space
    packages = [dict(zip(space.issues, c, strict=True)) for c in itertools.product(*space.options)]
    ok = [p for p in packages if not package_breaks(compiled, p)]
    deal = forecast_deal(scenario)
    assert (deal.headline == "agreement") == bool(ok)
    if not ok:
        assert deal.terms is None
        return
    assert deal.terms is not None and not package_breaks(compiled, deal.terms)
    rows = [compiled.party_index(p) for p in compiled.principals]
    d = compiled.reservations[rows]

    def product(terms: dict[str, str]) -> float:
        ranks = np.array([[space.options[k].index(terms[i]) for k, i in enumerate(space.issues)]])
        return float(np.prod(compiled.utilities(ranks.astype(np.int16))[rows, 0] - d))

    assert product(deal.terms) >= max(product(p) for p in ok) - 1e-12
