"""Invariances of the BDM engine (hypothesis), and equality with the per-pair loop reference.

Cases are drawn as a seed for NumPy continuous draws of capability and salience, so that exact
ties between expected utilities (where rounding could flip a classification) have probability
zero; positions come from a small grid so that shared positions are common.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.engines.forecast.actors import ActorTable, make_table
from detente.engines.forecast.bdm import run_bdm
from detente.engines.forecast.options import PRESETS, BdmOptions, parse_options

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bdm_loop import loop_run

VARIANTS = [
    BdmOptions(max_rounds=6),
    dataclasses.replace(PRESETS["scholz-jmckib"], median_rule="lower", max_rounds=6),
    dataclasses.replace(PRESETS["masad"], max_rounds=6),
    parse_options(["probability=global", "Q=0.6", "T=0.3", "max_rounds=4"]),
    parse_options(["probability=net", "mu=mean", "Q=0.5", "perspective=own", "max_rounds=4"]),
    parse_options(["capitulation=never", "compromise_key=scholz", "range_basis=current"]),
]


def _case(seed: int, n: int) -> ActorTable:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 6, n) * 2.0
    c = rng.uniform(0.05, 1.0, n)
    s = rng.uniform(0.05, 1.0, n)
    return make_table([f"a{i}" for i in range(n)], x, c, s)


cases = st.builds(_case, st.integers(0, 2**32 - 1), st.integers(2, 8))
variants = st.sampled_from(VARIANTS)


@settings(max_examples=40, deadline=None)
@given(cases, variants)
def test_forecasts_lie_within_the_positions(table: ActorTable, options: BdmOptions) -> None:
    run = run_bdm(table, options)
    low, high = table.position.min(), table.position.max()
    assert (run.positions >= low - 1e-12).all() and (run.positions <= high + 1e-12).all()
    assert (run.median >= low - 1e-12).all() and (run.median <= high + 1e-12).all()
    assert (run.mean >= low - 1e-12).all() and (run.mean <= high + 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(cases, variants, st.integers(-6, 6))
def test_scaling_capabilities_changes_nothing(
    table: ActorTable, options: BdmOptions, power: int
) -> None:
    # A power of two scales every product exactly, so the runs must agree to the last bit.
    scaled = make_table(table.names, table.position, table.capability * 2.0**power, table.salience)
    a, b = run_bdm(table, options), run_bdm(scaled, options)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.median, b.median)


@settings(max_examples=30, deadline=None)
@given(cases, variants, st.randoms(use_true_random=False))
def test_relabelling_actors_changes_nothing(table: ActorTable, options: BdmOptions, rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(table.n))
    rnd.shuffle(order)
    p = np.array(order)
    permuted = make_table(
        [table.names[i] for i in p], table.position[p], table.capability[p], table.salience[p]
    )
    # The reference codes' tie rules take the first actor in table order; the label-free ones
    # must make the run independent of the order.
    options = dataclasses.replace(options, offer_ties="strongest", median_rule="lower")
    a, b = run_bdm(table, options), run_bdm(permuted, options)
    assert a.rounds == b.rounds and a.stop_reason == b.stop_reason
    np.testing.assert_allclose(a.positions[:, p], b.positions, atol=1e-9)
    np.testing.assert_allclose(a.median, b.median, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(cases, variants, st.integers(0, 10))
def test_a_zero_actor_changes_nothing(table: ActorTable, options: BdmOptions, spot: int) -> None:
    bigger = make_table(
        [*table.names, "ghost"],
        np.append(table.position, float(spot)),
        np.append(table.capability, 0.0),
        np.append(table.salience, 0.0),
    )
    a, b = run_bdm(table, options), run_bdm(bigger, options)
    np.testing.assert_array_equal(a.positions, b.positions[:, :-1])
    assert (b.positions[:, -1] == spot).all()
    np.testing.assert_array_equal(a.median, b.median)


@settings(max_examples=20, deadline=None)
@given(cases, variants, st.floats(-5, 5))
def test_all_at_one_position_nobody_moves(
    table: ActorTable, options: BdmOptions, where: float
) -> None:
    same = make_table(table.names, np.full(table.n, where), table.capability, table.salience)
    run = run_bdm(same, options)
    assert run.stop_reason == "converged"
    assert (run.positions == where).all() and (run.partner < 0).all()


@settings(max_examples=25, deadline=None)
@given(cases, variants)
def test_vectorised_engine_equals_the_pair_loop(table: ActorTable, options: BdmOptions) -> None:
    run = run_bdm(table, dataclasses.replace(options, K=1000))
    reference = loop_run(table.position, table.capability, table.salience, run.options, run.rounds)
    np.testing.assert_allclose(run.positions, np.asarray(reference), atol=1e-9)


def test_an_issue_where_every_actor_is_a_bystander_keeps_its_positions() -> None:
    # c·s = 0 for everyone: nobody votes or challenges, so nothing moves (it used to crash on
    # the range of an empty set of active positions).
    table = make_table(["a", "b", "c"], [0.0, 40.0, 100.0], [0.0, 0.0, 0.0], [0.5, 0.6, 0.7])
    run = run_bdm(table, BdmOptions())
    assert run.stop_reason == "converged"
    assert np.array_equal(run.positions[-1], np.array([0.0, 40.0, 100.0]))
