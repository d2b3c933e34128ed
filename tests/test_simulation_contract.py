"""NegotiatorContract: every registered strategy is reproducible, legal and picklable; CLI."""

from __future__ import annotations

import functools
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.engines.compile import compile_scenario
from detente.engines.simulation import SimulationConfig, build_domain, parse_strategy, run_batch
from detente.engines.simulation.domain import Domain
from detente.engines.simulation.protocols import _views
from detente.engines.simulation.registry import MEDIATORS, STRATEGIES
from detente.engines.simulation.state import PublicState
from detente.presentation.cli.app import app


@functools.cache
def domain() -> Domain:
    return build_domain(compile_scenario(resolve_scenario("hanoi-2019")))


class NegotiatorContract:
    """What every strategy must do; one subclass per registered name."""

    name = ""

    def config(self, protocol: str = "alternating") -> SimulationConfig:
        spec = parse_strategy(self.name)
        other = parse_strategy("linear")
        return SimulationConfig(
            protocol=protocol,
            strategies=(("usa", spec), ("dprk", other)),
            deadline=30,
            record=True,
        )

    @pytest.mark.parametrize("protocol", ["alternating", "mediated"])
    def test_seeded_reproducibility(self, protocol: str) -> None:
        runs = np.arange(20)
        a = run_batch(domain(), self.config(protocol), 4, runs)
        b = run_batch(domain(), self.config(protocol), 4, runs)
        c = run_batch(domain(), self.config(protocol), 4, runs[::-1].copy())
        assert np.array_equal(a.outcome, b.outcome) and np.array_equal(a.rounds, b.rounds)
        assert np.array_equal(a.outcome, c.outcome[::-1])
        assert [m.offer.tolist() for m in a.history] == [m.offer.tolist() for m in b.history]

    def test_legal_proposals_and_answers(self) -> None:
        result = run_batch(domain(), self.config(), 1, np.arange(16))
        for move in result.history:
            assert move.offer.dtype == np.int64
            assert ((move.offer >= 0) & (move.offer < domain().n)).all()
            for answer in move.accepted.values():
                assert answer.dtype == bool and answer.shape == move.rows.shape

    def test_pickles_and_behaves_the_same_after(self) -> None:
        spec = parse_strategy(self.name)
        assert pickle.loads(pickle.dumps(spec)) == spec
        params = domain().parameters(3)
        _, views = _views(domain(), params)
        negotiator = spec.bind(views[0])
        state = PublicState(
            ("usa", "dprk"), domain().ranks, np.arange(3, dtype=np.uint64), 20, None
        )
        state.round = 7
        copy = pickle.loads(pickle.dumps(negotiator))
        assert np.array_equal(copy.propose(state), negotiator.propose(state))
        offer = np.array([0, 5, domain().n - 1])
        assert np.array_equal(copy.respond(state, offer), negotiator.respond(state, offer))


for _name in STRATEGIES:
    globals()[f"TestContract_{_name}"] = type(
        f"TestContract_{_name}", (NegotiatorContract,), {"name": _name}
    )


def test_every_registered_strategy_has_a_contract_test() -> None:
    tested = {v.name for k, v in globals().items() if k.startswith("TestContract_")}
    assert tested == set(STRATEGIES)
    assert set(MEDIATORS) == {"nash", "split"}


@pytest.mark.parametrize(
    "text", ["nosuch", "boulware:e=0", "boulware:x=1", "linear:e=abc", "linear:e=nan", "random:e"]
)
def test_malformed_strategy_specs_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_strategy(text)


runner = CliRunner()


def test_cli_simulate_json(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    args = ["simulate", "hanoi-2019", "--runs", "40", "--seed", "2", "--db", str(db), "--json",
            "--strategy", "usa=boulware:e=0.5", "--protocol", "mediated"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["result"]
    assert data["runs"] == 40 and data["protocol"] == "mediated"
    low, high = data["agreement_interval_95"]
    assert low <= data["agreement_rate"] <= high
    assert "usa=boulware:e=0.5" in data["strategies"]
    assert sum(data["ends"].values()) == 40


def test_cli_compare_json(tmp_path: Path) -> None:
    args = ["simulate", "--runs", "20", "--compare", "--json", "--db", str(tmp_path / "c.duckdb")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    labels = [row["variant"] for row in json.loads(result.output)["result"]["arms"]]
    assert labels[0] == "postures (no events)"
    assert {"+ sanctions_threat", "+ moon_reengages", "all events"} <= set(labels)
    assert "mediation from round 0" in labels


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "usa=nosuch"], "unknown strategy"),
        (["--strategy", "rok=linear"], "not a principal"),
        (["--strategy", "usa"], "PARTY=NAME"),
        (["--protocol", "shouting"], "alternating or mediated"),
        (["--mediator", "linear"], "mediator policy"),
    ],
)
def test_cli_bad_input_is_a_usage_error(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", "--runs", "5", "--db", str(tmp_path / "x"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
