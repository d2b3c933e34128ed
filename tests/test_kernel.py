"""One numeric core: every engine reads the compiled raw numbers through one kernel (#11)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import detente.engines.compile as compile_module
from detente import resolve_scenario
from detente.engines.analysis.batched import evaluate_settings
from detente.engines.analysis.bridges import find_bridges
from detente.engines.analysis.events import analyze_events, apply_event, zopa_and_nash
from detente.engines.compile import Compiled, compile_scenario
from detente.engines.forecast.actors import make_table
from detente.engines.forecast.bdm import run_bdm
from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.scenario import forecast_distribution, nearest_option
from detente.engines.kernel import normalised, slot
from detente.engines.simulation.domain import build_domain
from detente.engines.uncertainty import sample_parameters
from detente.model.parameters import get_parameter, with_parameters
from detente.model.scenario import Issue, Scenario
from detente.presentation.cli import app
from tests.random_domains import domains

HANOI = Path(__file__).resolve().parents[1] / "src/detente/data/scenarios/hanoi-2019.yaml"


def numeric_paths(scenario: Scenario) -> list[str]:
    """Every numeric preference path of ``scenario`` (weights, values, bonuses, reservations)."""
    paths = []
    for party in scenario.parties:
        prefs = party.preferences
        if prefs is None:
            continue
        base = f"preferences.{party.id}"
        paths.append(f"{base}.reservation")
        paths += [f"{base}.weights.{i}" for i in prefs.weights]
        for issue, values in prefs.values.items():
            if isinstance(values, dict):
                paths += [f"{base}.values.{issue}.{o}" for o in values]
        paths += [f"{base}.linkage.{k.id}.bonus" for k in prefs.linkage]
    return paths


def assert_same_numbers(a: Compiled, b: Compiled) -> None:
    for name in ("tables", "weights", "values", "bonuses", "reservations", "capabilities"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.hazard == b.hazard


@settings(max_examples=60, deadline=None)
@given(domains(max_parties=3, constrained=True), st.data())
def test_arrays_set_by_path_equal_a_recompiled_scenario(
    scenario: Scenario, data: st.DataObject
) -> None:
    """Setting parameters on the arrays is bit for bit compiling the changed scenario."""
    paths = data.draw(st.lists(st.sampled_from(numeric_paths(scenario)), max_size=4, unique=True))
    values = {p: data.draw(st.sampled_from([-0.5, 0.0, 0.125, 0.3, 0.75, 1.5])) for p in paths}
    changed = compile_scenario(with_parameters(scenario, values))
    assert_same_numbers(compile_scenario(scenario).with_parameters(values), changed)


def test_hanoi_events_on_arrays_equal_recompiling_each_step() -> None:
    scenario = resolve_scenario("hanoi-2019")
    steps = analyze_events(scenario)
    ordered = sorted(enumerate(scenario.events), key=lambda item: (item[1].date, item[0]))
    current = scenario
    assert len(steps) == len(ordered) + 1 and sum(bool(e.effects) for _, e in ordered) >= 3
    for (_, event), step in zip(ordered, steps[1:], strict=True):
        current = apply_event(current, event)  # the scenario route: a new scenario, recompiled
        compiled = compile_scenario(current)
        zopa, deal = zopa_and_nash(compiled)
        assert step.zopa == zopa and (step.nash is None) == (deal is None)
        for party, value in step.reservations.items():
            assert value == get_parameter(current, f"preferences.{party}.reservation")


def test_events_that_open_a_zopa_give_the_recompiled_nash_deal() -> None:
    """An event lowering North Korea's no-deal value far enough opens a ZOPA: the array step and
    the recompiled scenario name the same Nash deal."""
    data = resolve_scenario("hanoi-2019").model_dump(mode="python")
    for party in data["parties"]:
        if party["preferences"] is not None:
            party["preferences"]["red_lines"] = []
    event = dict(data["events"][0])
    event["effects"] = [
        {"parameter": "preferences.usa.reservation", "set": 0.1},
        {"parameter": "preferences.dprk.reservation", "delta": -0.4},
        {"parameter": "preferences.dprk.weights.sanctions", "delta": 0.2},
    ]
    data["events"] = [event]
    scenario = Scenario.model_validate(data)
    step = analyze_events(scenario)[1]
    zopa, deal = zopa_and_nash(compile_scenario(apply_event(scenario, scenario.events[0])))
    assert zopa > 0 and deal is not None and step.nash is not None
    assert (step.zopa, step.nash.index) == (zopa, deal.index)


def test_simulation_domain_and_sensitivity_use_the_compiled_utilities() -> None:
    compiled = compile_scenario(resolve_scenario("hanoi-2019"))
    domain = build_domain(compiled)
    assert np.array_equal(
        domain.utilities(domain.parameters(2))[1], compiled.utilities(domain.ranks)
    )
    path = "preferences.dprk.weights.sanctions"
    where = slot(compiled, path)
    assert where is not None and where.utility
    params = domain.parameters(1)
    domain.apply(params, path, np.array([0.9]), delta=False)
    changed = compiled.with_parameters({path: 0.9})
    assert np.array_equal(domain.utilities(params)[0], changed.utilities(domain.ranks))
    batch = evaluate_settings(compiled, [path], np.array([[0.9]]))
    assert int(batch.zopa[0]) == zopa_and_nash(changed)[0]


def reference_table(
    scenario: Scenario, issue: Issue
) -> tuple[list[float], list[float], list[float]]:
    """Positions, capabilities and saliences as the forecast defines them, from the scenario."""
    x, c, s = [], [], []
    for party in scenario.parties:
        prefs = party.preferences
        if prefs is None or issue.id not in prefs.values:
            continue
        values = prefs.values[issue.id]
        ids = issue.option_ids
        if isinstance(values, str):
            x.append(float(len(ids) - 1 if values == "increasing" else 0))
        else:
            scores = [values[o] for o in ids]
            x.append(float(scores.index(max(scores))))
        total = sum(prefs.weights.values())
        c.append(float(party.capability))
        s.append(prefs.weights.get(issue.id, 0.0) / total if total > 0 else 0.0)
    return x, c, s


def test_forecast_distribution_reads_the_arrays_like_the_scenario() -> None:
    data = resolve_scenario("hanoi-2019").model_dump(mode="python")
    dprk = next(p for p in data["parties"] if p["id"] == "dprk")
    dprk_issue = next(iter(dprk["preferences"]["weights"]))
    data["uncertainty"] = [
        {
            "parameter": f"preferences.dprk.weights.{dprk_issue}",
            "distribution": {"kind": "uniform", "low": 0.0, "high": 2.0},
        },
        {
            "parameter": "parties.usa.capability",
            "distribution": {"kind": "uniform", "low": 0, "high": 1},
        },
    ]
    scenario = Scenario.model_validate(data)
    issues = [i.id for i in scenario.issues]
    found = forecast_distribution(scenario, BdmOptions(), issues, 30, seed=3)
    draws = sample_parameters(scenario, 30, seed=3)
    counts: dict[str, Counter[str]] = {i: Counter() for i in issues}
    for row in range(30):
        sampled = with_parameters(scenario, draws.row(row))
        for issue in sampled.issues:
            x, c, s = reference_table(sampled, issue)
            table = make_table([str(k) for k in range(len(x))], x, c, s)
            forecast = run_bdm(table, BdmOptions()).forecast
            counts[issue.id][issue.option_ids[nearest_option(forecast, len(issue.options))]] += 1
    for issue in scenario.issues:
        for option in issue.option_ids:
            assert math.isclose(found[issue.id][option], counts[issue.id][option] / 30)


def test_normalised_weights_match_the_documented_reading() -> None:
    w = np.array([[0.2, 0.3, 0.5], [1.0, 1.0, 2.0], [0.0, 0.0, 0.0]])
    assert normalised(w).tolist() == [
        [0.2 / 1.0, 0.3 / 1.0, 0.5 / 1.0],
        [0.25, 0.25, 0.5],
        [0, 0, 0],
    ]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Scenario]]:
    """Every scenario object actually compiled (cache misses), in order."""
    compiled: list[Scenario] = []
    original = compile_module._compile

    def spying(scenario: Scenario) -> Compiled:
        compiled.append(scenario)
        return original(scenario)

    monkeypatch.setattr(compile_module, "_compile", spying)
    yield compiled


def test_one_analyze_compiles_once(spy: list[Scenario]) -> None:
    result = CliRunner().invoke(app, ["analyze", str(HANOI), "--samples", "50", "--json"])
    assert result.exit_code == 0, result.output
    assert len(spy) == 1


def test_one_report_compiles_each_distinct_scenario_once(
    spy: list[Scenario], tmp_path: Path
) -> None:
    """Before: 21 compiles, 11 of the same scenario. Now the scenario and each bridged variant
    (the simulation's bridge arms) once each."""
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(HANOI), "-o", str(out)])
    assert result.exit_code == 0, result.output
    compiled = list(spy)
    assert len({id(s) for s in compiled}) == len(compiled)  # no scenario object twice
    bridges = find_bridges(compile_scenario(compiled[0])).bridges
    assert len(bridges) >= 1
    # The stated scenario and each bridged one; with a recorded outcome, the report's Record
    # section (backtest) also analyses the scenario without its outcome, a different object.
    # At most that many: scenarios compiled by earlier tests in this process may be cached.
    record = 1 if compiled[0].outcome is not None else 0
    assert 1 <= len(compiled) <= 1 + len(bridges) + record
