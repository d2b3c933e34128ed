"""The front doors: one scenario by id, path or object; results that own their JSON; errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import detente
from detente.engines.forecast.errors import ForecastError
from detente.engines.phasing import PhasingError
from detente.engines.simulation.errors import SimulationError
from detente.engines.simulation.runs import Executor
from detente.errors import DetenteError
from detente.interop import InteropError
from detente.model.conditions import ConditionError

duckdb = pytest.importorskip("duckdb", reason="the stored sweep needs the 'sim' extra")

HANOI = Path(detente.__file__).parent / "data" / "scenarios" / "hanoi-2019.yaml"


def test_a_scenario_by_id_path_or_object_gives_the_same_analysis() -> None:
    by_id = detente.analyze("hanoi-2019").to_json()
    by_path = detente.analyze(HANOI).to_json()
    by_object = detente.analyze(detente.resolve_scenario("hanoi-2019")).to_json()
    assert by_id == by_path == by_object


def test_each_front_door_returns_a_result_that_owns_its_json() -> None:
    results = {
        "analyze": detente.analyze("hanoi-2019", samples=4, seed=2),
        "forecast": detente.forecast("hanoi-2019", issues=["sanctions"], preset="masad"),
        "simulate": detente.simulate("hanoi-2019", runs=12, seed=3),
        "phase": detente.phase("hanoi-2019", final="sanctions=civilian", max_steps=2),
    }
    for command, result in results.items():
        document = detente.envelope(command, "hanoi-2019", result)
        assert json.loads(json.dumps(document, allow_nan=False)) == document, command
        assert document["result"] == json.loads(json.dumps(result.to_json())), command


def test_forecast_options_are_applied() -> None:
    result = detente.forecast("hanoi-2019", issues=["sanctions"], options={"max_rounds": 2})
    assert result.options.max_rounds == 2
    assert result.issues[0].run.rounds <= 2


def test_in_memory_and_stored_simulations_give_the_same_document(tmp_path: Path) -> None:
    memory = detente.simulate("hanoi-2019", runs=40, seed=5, strategies={"usa": "boulware"})
    stored = detente.simulate(
        "hanoi-2019",
        runs=40,
        seed=5,
        strategies={"usa": "boulware"},
        where=Executor(db=tmp_path / "s.duckdb", batch=7),
    )
    assert memory.to_json() == stored.to_json()
    assert "usa=boulware" in memory.strategies
    assert sum(memory.ends.values()) == 40


def test_the_comparison_has_an_arm_per_signal() -> None:
    comparison = detente.simulate("hanoi-2019", runs=8, compare=True)
    labels = [arm["variant"] for arm in comparison.to_json()["arms"]]
    assert labels[0] == "postures (no events)" and "all events" in labels


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda: detente.analyze("atlantis-1999"), detente.ScenarioError),
        (lambda: detente.forecast("hanoi-2019", issues=["money"]), ForecastError),
        (lambda: detente.forecast("hanoi-2019", options={"probability": "x"}), ForecastError),
        (lambda: detente.simulate("hanoi-2019", strategies={"usa": "nope"}), SimulationError),
        (lambda: detente.phase("hanoi-2019", final="sanctions"), PhasingError),
        (lambda: detente.phase("hanoi-2019"), PhasingError),
        (lambda: detente.parse_condition("sanctions >>> all"), ConditionError),
        (lambda: detente.load_domain_folder(Path("no/such/folder")), InteropError),
    ],
)
def test_every_error_is_a_detente_error_without_flags(call, kind) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind) as caught:
        call()
    assert isinstance(caught.value, DetenteError)
    assert "--" not in str(caught.value)  # engine messages speak of the model, not the CLI


def test_every_public_error_class_descends_from_detente_error() -> None:
    import importlib
    import inspect
    import pkgutil

    found = []
    for info in pkgutil.walk_packages(detente.__path__, "detente."):
        if ".web" in info.name or info.name.endswith("__main__"):
            continue  # the web app needs its extra; its two private errors are internal
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Exception)
                and value.__module__ == info.name
                and not name.startswith("_")
            ):
                found.append(value)
    assert len(found) >= 15
    assert [c.__name__ for c in found if not issubclass(c, DetenteError)] == []


def test_the_console_script_ends_an_uncaught_detente_error_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib
    import sys

    cli_app = importlib.import_module("detente.presentation.cli.app")
    timeline_command = importlib.import_module("detente.presentation.cli.timeline")

    def broken(scenario: object) -> None:
        raise DetenteError("the model cannot say")

    monkeypatch.setattr(timeline_command, "scenario_timeline", broken)
    monkeypatch.setattr(sys, "argv", ["detente", "timeline", "--json"])
    with pytest.raises(SystemExit) as ended:
        cli_app.main()
    assert ended.value.code == 1
    captured = capsys.readouterr()
    assert "error: the model cannot say" in captured.err
    assert "Traceback" not in captured.err + captured.out
