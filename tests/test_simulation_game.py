"""The move-by-move Negotiation (OpenSpiel-style) and seeded reservation shocks."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.domain import Domain
from detente.engines.simulation.game import ACCEPT, REJECT, Negotiation
from detente.engines.simulation.protocols import setup_runs
from detente.engines.simulation.registry import STRATEGIES
from detente.engines.simulation.shocks import normal_draws
from detente.engines.simulation.state import run_keys
from detente.engines.uncertainty import sample_parameters
from detente.model import with_parameters
from detente.presentation.cli.app import app


@functools.cache
def domain() -> Domain:
    return build_domain(compile_scenario(resolve_scenario("hanoi-2019")))


def autoplay(game: Negotiation) -> Negotiation:
    while not game.is_terminal():
        game.apply(game.bot_move())
    return game


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    run=st.integers(0, 10**6),
    usa=st.sampled_from(sorted(STRATEGIES)),
    dprk=st.sampled_from(sorted(STRATEGIES)),
    protocol=st.sampled_from(["alternating", "mediated"]),
    shock=st.sampled_from([0.0, 0.03]),
)
def test_bot_moves_replay_the_sweep_run(
    seed: int, run: int, usa: str, dprk: str, protocol: str, shock: float
) -> None:
    config = SimulationConfig(
        protocol=protocol,
        strategies=(("usa", parse_strategy(usa)), ("dprk", parse_strategy(dprk))),
        shock=shock,
        max_rounds=120,
        record=True,
    )
    game = autoplay(Negotiation(domain(), config, seed=seed, run=run))
    batch = run_batch(domain(), config, seed, np.array([run]))
    if game.end not in ("deadline", "cap"):
        assert game.round == int(batch.rounds[0])
    outcome = int(batch.outcome[0])
    assert game.end == ["deal", "breakdown", "walkaway", "deadline", "cap"][int(batch.end[0])]
    if outcome >= 0:
        assert int(domain().index[game.history[-1].offer[0]]) == outcome
    assert [m.offer.tolist() for m in game.history] == [m.offer.tolist() for m in batch.history]
    assert [m.mover for m in game.history] == [m.mover for m in batch.history]


def test_payoffs_are_the_compiled_utilities_of_the_deal_or_the_no_deal_values() -> None:
    scenario = resolve_scenario("hanoi-2019")
    config = SimulationConfig(default=parse_strategy("conceder"))
    batch = run_batch(domain(), config, 3, np.arange(600))
    deal, no_deal = np.flatnonzero(batch.agreement)[0], np.flatnonzero(~batch.agreement)[0]
    for run in (int(deal), int(no_deal)):
        game = autoplay(Negotiation(domain(), config, seed=3, run=run))
        row = sample_parameters(scenario, 1, 3, start=run).row(0)
        compiled = compile_scenario(with_parameters(scenario, row))
        payoffs = [game.payoffs()[p] for p in compiled.parties]
        if run == deal:
            assert game.end == "deal"
            expected = compiled.utilities(domain().ranks[[game.history[-1].offer[0]]])[:, 0]
            assert np.allclose(payoffs, expected, atol=1e-12)
        else:
            assert game.end != "deal"
            # the mediator's no-deal value is untouched by the events (they move usa and dprk)
            assert payoffs[2] == pytest.approx(compiled.reservations[2])


def test_moves_are_checked_and_clones_are_independent() -> None:
    game = Negotiation(domain(), seed=0, run=4)
    with pytest.raises(ValueError):
        game.payoffs()
    with pytest.raises(ValueError):
        game.apply(ACCEPT)  # a proposal is expected
    with pytest.raises(ValueError):
        game.apply(domain().n)
    deal = {"sanctions": "civilian", "yongbyon": "production_dismantled",
            "denuclearization": "declaration", "testing": "codified", "exercises": "scaled_back",
            "launch_site": "frozen", "talks": "summit"}  # fmt: skip
    move = game.move_of(deal)
    assert game.outcome(move) == deal
    game.apply(move)
    with pytest.raises(ValueError):
        game.apply("object:sanctions")  # not legal in alternating talks
    copy = game.clone()
    copy.apply(ACCEPT)
    assert copy.is_terminal() and copy.end == "deal" and copy.current_player() is None
    assert copy.legal_moves() == []
    assert not game.is_terminal() and game.current_player() == "dprk"
    game.apply(REJECT)
    assert game.round == 1 and not game.is_terminal()


def test_a_mediator_text_is_answered_by_accepting_or_naming_an_issue() -> None:
    game = Negotiation(domain(), SimulationConfig(protocol="mediated"), seed=0, run=1)
    assert game.current_player() == "mediator"
    game.apply(game.bot_move())
    issues = domain().compiled.space.issues
    assert game.legal_moves() == [ACCEPT, *(f"object:{i}" for i in issues)]
    game.apply("object:sanctions")
    game.apply(game.bot_move())
    move = game.history[-1]
    assert move.mover == "mediator" and move.objections["usa"].tolist() == [0]


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    return np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x])


def test_shock_draws_are_standard_normal() -> None:
    z = np.sort(normal_draws(run_keys(11, np.arange(20_000)), 3, 1))
    n = z.shape[0]
    ks = np.max(np.abs(_normal_cdf(z) - np.arange(1, n + 1) / n))
    assert ks < 1.36 / math.sqrt(n) * 1.2  # Kolmogorov–Smirnov, about the 5% level
    other = normal_draws(run_keys(11, np.arange(20_000)), 3, 0)
    assert abs(np.corrcoef(z, np.sort(other))[0, 1]) > 0.99  # same law...
    assert abs(np.corrcoef(normal_draws(run_keys(11, np.arange(20_000)), 3, 1), other)[0, 1]) < 0.05


def test_each_round_moves_each_principals_reservation_by_a_sigma_normal_step() -> None:
    sigma, runs = 0.01, np.arange(4000)
    config = SimulationConfig(events=(), shock=sigma, sample=False)
    talks, _ = setup_runs(domain(), config, 5, runs)
    before = talks.params.reservations.copy()
    talks.state.round = 1
    talks.begin(())
    step = (talks.params.reservations - before) / sigma
    usa, dprk, rok = 0, 1, 2
    for p in (usa, dprk):
        assert abs(step[:, p].mean()) < 0.06 and abs(step[:, p].std() - 1) < 0.05
    assert (step[:, rok] == 0).all()  # the mediator has no shock
    assert np.allclose(talks.views[0].reservation, talks.params.reservations[:, usa])


def test_shocks_are_seeded_and_zero_shocks_change_nothing() -> None:
    runs = np.arange(64)
    base = SimulationConfig(default=parse_strategy("walkaway"), max_rounds=200)
    shocked = dataclasses.replace(base, shock=0.05)
    a = run_batch(domain(), shocked, 2, runs)
    b = run_batch(domain(), shocked, 2, runs[::-1].copy())
    assert np.array_equal(a.outcome, b.outcome[::-1]) and np.array_equal(a.end, b.end[::-1])
    plain = run_batch(domain(), base, 2, runs)
    zero = run_batch(domain(), dataclasses.replace(base, shock=0.0), 2, runs)
    assert np.array_equal(plain.rounds, zero.rounds) and np.array_equal(plain.end, zero.end)
    assert not np.array_equal(a.rounds, plain.rounds)
    with pytest.raises(ValueError):
        run_batch(domain(), dataclasses.replace(base, shock=-1.0), 2, runs)


runner = CliRunner()


def test_cli_history_replays_the_stored_run(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    common = ["simulate", "hanoi-2019", "--seed", "4", "--shock", "0.01"]
    sweep = runner.invoke(app, [*common, "--runs", "30", "--db", str(db), "--json"])
    assert sweep.exit_code == 0, sweep.output
    con = duckdb.connect(str(db))
    query = 'SELECT run_id, round, "end", options FROM runs ORDER BY run_id'
    stored = con.execute(query).fetchall()
    con.close()
    for run_id, rounds, end, options in stored[:6]:
        result = runner.invoke(app, [*common, "--history", str(run_id), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)["result"]
        assert (data["rounds"], data["end"]) == (rounds, end)
        assert data["deal"] == (json.loads(options) if options else None)
        assert [row["round"] for row in data["history"]] == list(range(len(data["history"])))
        assert data["history"][0]["mover"] == "usa"
    table = runner.invoke(app, [*common, "--history", "0"])
    assert table.exit_code == 0 and "ended by" in table.stdout


def test_cli_compare_without_a_terminal_leaves_no_blank_lines(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["simulate", "--runs", "10", "--compare", "--db", str(tmp_path / "c.duckdb")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no line left behind by a progress bar
    assert result.stdout.lstrip("\n") == result.stdout and "agreement" in result.stdout
