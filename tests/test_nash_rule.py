"""One Nash rule: every engine names the same Nash deal, ties included (issue #11)."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from detente.engines.analysis.acceptability import blocks
from detente.engines.analysis.analyze import analyze
from detente.engines.analysis.batched import evaluate_settings
from detente.engines.analysis.bridges import apply_move, find_bridges
from detente.engines.analysis.events import zopa_and_nash
from detente.engines.analysis.solutions import bargaining_solutions
from detente.engines.compile import compile_scenario
from detente.engines.nash import NashTracker, nash_choice
from detente.engines.phasing.finals import nash_final
from detente.model.parameters import with_parameters
from detente.model.scenario import Scenario
from detente.presentation.cli import app
from tests.random_domains import domain_dict, domains


def tied_scenario() -> Scenario:
    """One issue with 20 options; options 17 and 19 give the gains (1/4, 3/8) and (3/8, 1/4),
    the same Nash product 3/32 = 0.09375, every other option (1/8, 1/8)."""
    v0, v1 = [0.125] * 20, [0.125] * 20
    v0[17], v1[17] = 0.25, 0.375
    v0[19], v1[19] = 0.375, 0.25
    data = domain_dict([20], [[v0], [v1]], [[1.0], [1.0]], [0.0, 0.0])
    # An uncertain number that never changes the deal (option 0 stays below the tie).
    data["uncertainty"] = [
        {
            "parameter": "preferences.p0.values.i0.o0",
            "distribution": {"kind": "uniform", "low": 0.0, "high": 0.1},
        }
    ]
    return Scenario.model_validate(data)


def test_regression_one_document_names_one_nash_deal(tmp_path: Path) -> None:
    """Before the one rule, ``analyze --json`` said 19 under solutions and 17 under events and
    sensitivity. The rule's tie-break (the first principal's larger utility) names 19."""
    path = tmp_path / "tie.yaml"
    path.write_text(yaml.safe_dump(tied_scenario().model_dump(mode="json")), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--samples", "20", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    body = document.get("result", document)
    assert body["solutions"]["nash"]["objective"] == 0.09375
    assert body["solutions"]["nash"]["index"] == 19
    assert body["events"][0]["nash"]["index"] == 19
    assert [n["outcome"] for n in body["sensitivity"]["nash"]] == [{"i0": "o19"}]
    assert body["sensitivity"]["nash"][0]["count"] == 20


def exact_nash(u: np.ndarray, d: np.ndarray, index: np.ndarray) -> int | None:
    """Brute force in exact rationals: positive-gain count, which parties gain (earlier
    first), their product, u, lowest index."""
    best: tuple[object, ...] | None = None
    choice = None
    for j in range(u.shape[1]):
        gains = [Fraction(float(x)) - Fraction(float(y)) for x, y in zip(u[:, j], d, strict=True)]
        if any(g < 0 for g in gains):
            continue
        positive = [g for g in gains if g > 0]
        gainers = tuple(g > 0 for g in gains)
        product = math.prod(positive, start=Fraction(1))
        key = (len(positive), gainers, product, *u[:, j], -int(index[j]))
        if best is None or key > best:
            best, choice = key, j
    return choice


def rule_nash(u: np.ndarray, d: np.ndarray, index: np.ndarray) -> int | None:
    """The documented rule in plain Python floats: positive-gain count, which parties gain,
    their product (party by party, rounded to 40 significant bits), the utility vector, the
    lowest index."""
    best: tuple[float, ...] | None = None
    choice = None
    for j in range(u.shape[1]):
        gains = [float(x) - float(y) for x, y in zip(u[:, j], d, strict=True)]
        if any(g < 0 for g in gains):
            continue
        product = 1.0
        for g in gains:
            product = product * g if g > 0 else product
        mantissa, exponent = math.frexp(product)
        rounded = math.ldexp(round(math.ldexp(mantissa, 40)), exponent - 40)
        positive = sum(g > 0 for g in gains)
        gainers = tuple(g > 0 for g in gains)
        key = (positive, gainers, rounded, *map(float, u[:, j]), -float(index[j]))
        if best is None or key > best:
            best, choice = key, j
    return choice


def engine_deals(scenario: Scenario, chunk: int) -> dict[str, int | None]:
    """The Nash deal of the scenario's ZOPA as each engine reports it."""
    compiled = compile_scenario(scenario)
    n_p = len(compiled.principals)
    block = next(blocks(compiled, chunk=compiled.space.size))
    pos = np.flatnonzero(block.zopa)
    brute = rule_nash(block.utilities[:n_p, pos], compiled.reservations[:n_p], block.index[pos])
    solution = bargaining_solutions(compiled, chunk=chunk).get("nash")
    _, deal = zopa_and_nash(compiled, chunk)
    batch = evaluate_settings(compiled, [], np.zeros((3, 0)), chunk)
    whole = analyze(scenario, chunk=chunk)
    found = {
        "brute force": None if brute is None else int(block.index[pos][brute]),
        "solutions": None if solution is None else solution.index,
        "events": None if deal is None else deal.index,
        "analyze.solutions": whole.solutions["nash"].index if whole.solutions else None,
        "analyze.events": whole.events[0].nash.index if whole.events[0].nash else None,
    }
    for s in range(3):
        found[f"sensitivity[{s}]"] = None if batch.nash[s] < 0 else int(batch.nash[s])
    if brute is not None:
        found["phasing"] = int(compiled.space.encode(nash_final(compiled)[None])[0])
    return found


@settings(max_examples=80, deadline=None)
@given(domains(max_parties=4, constrained=True), st.sampled_from([3, 7, 1 << 20]))
def test_every_engine_reports_the_same_nash_deal(scenario: Scenario, chunk: int) -> None:
    found = engine_deals(scenario, chunk)
    assert len(set(found.values())) == 1, found


@settings(max_examples=40, deadline=None)
@given(domains(max_parties=3, constrained=True), st.sampled_from([3, 1 << 20]))
def test_bridges_name_the_nash_deal_of_the_bridged_scenario(scenario: Scenario, chunk: int) -> None:
    compiled = compile_scenario(scenario)
    for bridge in find_bridges(compiled, chunk).bridges:
        if bridge.move.kind == "lower_reservation" and (bridge.move.new_reservation or 0) < 0:
            continue  # the bridged scenario clips a negative no-deal value to 0
        bridged = compile_scenario(apply_move(scenario, bridge.move))
        solution = bargaining_solutions(bridged, chunk=chunk)["nash"]
        assert bridge.deal.index == solution.index, bridge.move.description


@settings(max_examples=40, deadline=None)
@given(
    domains(max_parties=3, constrained=True),
    st.lists(st.sampled_from([0.0, 0.125, 0.25, 0.5]), min_size=1, max_size=6),
)
def test_batched_settings_match_a_recompiled_scenario_each(
    scenario: Scenario, levels: list[float]
) -> None:
    """Sensitivity's many-settings path names the deal the one-scenario path names."""
    path = "preferences.p0.reservation"
    batch = evaluate_settings(compile_scenario(scenario), [path], np.array(levels)[:, None])
    for s, level in enumerate(levels):
        size, deal = zopa_and_nash(compile_scenario(with_parameters(scenario, {path: level})))
        assert int(batch.zopa[s]) == size
        assert int(batch.nash[s]) == (-1 if deal is None else deal.index)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda p: st.lists(
            st.lists(st.integers(0, 8).map(lambda k: k / 8), min_size=p, max_size=p),
            min_size=1,
            max_size=30,
        )
    ),
    st.integers(1, 7),
)
def test_streamed_tracker_equals_the_exact_rule(columns: list[list[float]], block: int) -> None:
    u = np.array(columns).T
    d = np.full(u.shape[0], 0.25)
    index = np.arange(u.shape[1], dtype=np.int64)[::-1].copy()  # not the column order
    tracker = NashTracker()
    for lo in range(0, u.shape[1], block):
        cols = slice(lo, lo + block)
        tracker.update(index[cols], u[:, cols], d, np.ones(u[:, cols].shape[1], dtype=bool))
    expected = exact_nash(u, d, index)
    assert nash_choice(u, d, index) == expected
    assert tracker.index == (-1 if expected is None else int(index[expected]))


def test_products_equal_up_to_rounding_tie_and_the_utility_vector_decides() -> None:
    # 0.2 * 0.45 and 0.15 * 0.6 are both 0.09, but not as floats.
    u = np.array([[0.15, 0.2, 0.1], [0.6, 0.45, 0.1]])
    assert 0.2 * 0.45 != 0.15 * 0.6
    assert nash_choice(u, [0.0, 0.0]) == 1  # tied: the larger u_1 decides, not the last bit
    assert nash_choice(u[:, ::-1], [0.0, 0.0]) == 1
    # Equal utility vectors: the lowest outcome index.
    assert nash_choice([[0.5, 0.5], [0.5, 0.5]], [0.0, 0.0], index=[9, 4]) == 1
