"""One envelope for every ``--json`` command, and the same document from the CLI and the web API."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

import detente
from detente.documents import ENVELOPE_KEYS, ENVELOPE_SCHEMA, envelope, jsonable
from detente.presentation.cli import app

pytest.importorskip("duckdb", reason="the simulation store needs the 'sim' extra")

runner = CliRunner()
DATA = Path(__file__).parent / "data"
EVIDENCE = DATA / "evidence"

#: (command line, command, scenario id, keys the result must have).
COMMANDS: list[tuple[list[str], str, str | None, set[str] | type]] = [
    (["show", "hanoi-2019"], "show", "hanoi-2019", {"metadata", "parties", "issues"}),
    (["analyze", "hanoi-2019", "--samples", "4"], "analyze", "hanoi-2019",
     {"schema_version", "counts", "frontier", "solutions", "conflicts", "sensitivity"}),
    (["forecast", "hanoi-2019", "--issue", "sanctions"], "forecast", "hanoi-2019",
     {"schema", "source", "options", "issues", "distribution"}),
    (["phase", "hanoi-2019", "--final", "sanctions=civilian", "--max-steps", "2"], "phase",
     "hanoi-2019", {"final", "big_bang", "best", "exists", "trust"}),
    (["simulate", "hanoi-2019", "--runs", "12"], "simulate", "hanoi-2019",
     {"runs", "agreement_rate", "top_outcomes", "ends"}),
    (["simulate", "hanoi-2019", "--runs", "6", "--compare"], "simulate", "hanoi-2019",
     {"scenario", "runs", "seed", "arms"}),
    (["simulate", "hanoi-2019", "--history", "3"], "simulate", "hanoi-2019",
     {"run", "seed", "end", "deal", "history"}),
    (["timeline", "hanoi-2019"], "timeline", "hanoi-2019", list),
    (["extract", str(EVIDENCE / "arms_oped.txt")], "extract", None, {"statements", "scores"}),
    (["evidence", "link", "hanoi-2019"], "evidence link", "hanoi-2019", dict),
    (["backtest", str(DATA / "backtest"), "--engines", "analyze"], "backtest", None,
     {"schema_version", "settings", "cases", "summary"}),
]  # fmt: skip


_TYPES = {"object": dict, "string": str, "null": type(None)}


def _conforms(document: Any) -> bool:
    """``document`` against :data:`ENVELOPE_SCHEMA` (the keywords it uses: type, properties,
    required, additionalProperties)."""
    schema = ENVELOPE_SCHEMA
    if not isinstance(document, _TYPES[schema["type"]]):
        return False
    properties = schema["properties"]
    if set(schema["required"]) - set(document) or set(document) - set(properties):
        return False
    for key, rule in properties.items():
        kinds = rule.get("type", list(_TYPES))
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if "type" in rule and not isinstance(document[key], tuple(_TYPES[k] for k in kinds)):
            return False
    return True


def test_the_schema_check_rejects_what_it_should() -> None:
    good = envelope("show", None, {})
    assert _conforms(good)
    assert not _conforms({**good, "extra": 1})
    assert not _conforms({k: v for k, v in good.items() if k != "result"})
    assert not _conforms({**good, "scenario": 3})
    assert not _conforms([good])


def check_envelope(document: Any, command: str, scenario: str | None) -> None:
    """The envelope's schema: exactly its four keys, their types, a JSON-clean result."""
    assert _conforms(document)
    assert isinstance(document, dict) and tuple(document) == ENVELOPE_KEYS
    assert document["detente_version"] == detente.__version__
    assert document["command"] == command
    assert document["scenario"] == scenario
    json.dumps(document["result"], allow_nan=False)  # no NaN, no infinity, all plain data


@pytest.mark.parametrize(("args", "command", "scenario", "keys"), COMMANDS)
def test_every_json_command_prints_the_envelope(
    args: list[str], command: str, scenario: str | None, keys: set[str] | type, tmp_path: Path
) -> None:
    extra = ["--db", str(tmp_path / "s.duckdb")] if args[0] == "simulate" else []
    result = runner.invoke(app, [*args, *extra, "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    check_envelope(document, command, scenario)
    if isinstance(keys, set):
        assert keys <= set(document["result"])
    else:
        assert isinstance(document["result"], keys)


def test_evidence_list_prints_the_envelope(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    added = runner.invoke(app, ["evidence", "add", str(EVIDENCE / "trade_wire.txt"), "--db", db])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["evidence", "list", "--db", db, "--json"])
    document = json.loads(listed.stdout)
    check_envelope(document, "evidence list", None)
    assert document["result"] and {"speaker", "quote"} <= set(document["result"][0])


def test_forecast_of_a_csv_table_has_no_scenario(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text("name,position,capability,salience\nA,4,16,80\nB,7,8,40\nC,10,16,90\n")
    result = runner.invoke(app, ["forecast", "--actors", str(path), "--json"])
    document = json.loads(result.stdout)
    check_envelope(document, "forecast", None)
    assert document["result"]["source"] == {"actors": str(path)}


def test_every_outcome_carries_its_options_by_name() -> None:
    scenario = detente.resolve_scenario("hanoi-2019")
    options = {issue.id: set(issue.option_ids) for issue in scenario.issues}
    document = detente.analyze(scenario).to_json()
    frontier = document["frontier"]
    assert len(frontier["outcomes"]) == len(frontier["index"]) == document["frontier_size"]
    space = detente.compile_scenario(scenario).space
    for index, outcome in zip(frontier["index"], frontier["outcomes"], strict=True):
        assert set(outcome) == set(options)
        assert all(outcome[issue] in options[issue] for issue in outcome)
        # the name and the index are the same outcome (independent decoding by rank)
        ranks = [scenario.issue(i).option_ids.index(o) for i, o in outcome.items()]
        assert int(space.encode([ranks])[0]) == index


def test_jsonable_cleans_numpy_dates_and_non_finite_numbers() -> None:
    import datetime as dt

    import numpy as np

    value = {"a": np.float64(np.inf), "b": np.arange(2), "c": dt.date(2019, 2, 28), 1: (None,)}
    assert jsonable(value) == {"a": None, "b": [0, 1], "c": "2019-02-28", "1": [None]}
    assert envelope("x", None, value)["result"] == jsonable(value)


@pytest.fixture(scope="module")
def client() -> Any:
    web = pytest.importorskip("fastapi.testclient", reason="the web API needs the 'web' extra")
    from detente.presentation.web import create_app

    return web.TestClient(create_app(), base_url="http://127.0.0.1")


#: The same question asked of the command line and of the web API.
SAME = [
    (["analyze", "hanoi-2019", "--samples", "6", "--seed", "4"],
     "/api/scenarios/hanoi-2019/analyze?samples=6&seed=4"),
    (["forecast", "hanoi-2019", "--issue", "sanctions", "--samples", "3", "--seed", "2"],
     "/api/scenarios/hanoi-2019/forecast?issue=sanctions&samples=3&seed=2"),
    (["phase", "hanoi-2019", "--final", "sanctions=civilian", "--max-steps", "2"],
     "/api/scenarios/hanoi-2019/phase?final=sanctions%3Dcivilian&max_steps=2"),
    (["simulate", "hanoi-2019", "--runs", "30", "--seed", "7"],
     "/api/scenarios/hanoi-2019/simulate?runs=30&seed=7"),
    (["simulate", "hanoi-2019", "--runs", "5", "--seed", "1", "--compare"],
     "/api/scenarios/hanoi-2019/simulate?runs=5&seed=1&compare=true"),
    (["timeline", "hanoi-2019"], "/api/scenarios/hanoi-2019/timeline"),
    (["show", "hanoi-2019"], "/api/scenarios/hanoi-2019/show"),
]  # fmt: skip


def test_the_web_apis_envelope_model_is_the_schema(client: Any) -> None:
    openapi = client.get("/openapi.json").json()
    model = openapi["components"]["schemas"]["EnvelopeOut"]
    assert set(model["properties"]) == set(ENVELOPE_SCHEMA["properties"])
    assert set(model["required"]) == set(ENVELOPE_SCHEMA["required"])


@pytest.mark.parametrize(("args", "url"), SAME)
def test_the_cli_and_the_web_api_print_the_same_document(
    args: list[str], url: str, client: Any, tmp_path: Path
) -> None:
    extra = ["--db", str(tmp_path / "s.duckdb")] if args[0] == "simulate" else []
    printed = runner.invoke(app, [*args, *extra, "--json"])
    assert printed.exit_code == 0, printed.output
    served = client.get(url)
    assert served.status_code == 200, served.text
    assert served.json() == json.loads(printed.stdout)


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/scenarios/hanoi-2019/forecast?issue=money", 422, "unknown issue 'money'"),
        ("/api/scenarios/hanoi-2019/phase", 422, "no zone of possible agreement"),
        ("/api/scenarios/hanoi-2019/phase?final=sanctions", 422, "ISSUE=OPTION"),
        ("/api/scenarios/atlantis/analyze", 404, "no scenario"),
        ("/api/scenarios/hanoi-2019/simulate?runs=100000", 422, ""),
    ],
)
def test_web_commands_fail_with_the_engines_message(
    url: str, status: int, message: str, client: Any
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert message in json.dumps(response.json())


def _json_like() -> Any:
    from hypothesis import strategies as st

    leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=20,
    )


def _same_finite(original: Any, converted: Any) -> bool:
    """``converted`` is ``original`` with tuples as lists and non-finite floats as None."""
    if isinstance(original, float):
        return converted == original if math.isfinite(original) else converted is None
    if isinstance(original, list | tuple):
        return isinstance(converted, list) and all(
            _same_finite(a, b) for a, b in zip(original, converted, strict=True)
        )
    if isinstance(original, dict):
        return set(converted) == set(original) and all(
            _same_finite(v, converted[k]) for k, v in original.items()
        )
    return bool(converted == original)


@settings(max_examples=200, deadline=None)
@given(value=_json_like())
def test_jsonable_gives_strict_json_and_keeps_every_finite_value(value: Any) -> None:
    converted = jsonable(value)
    text = json.dumps(converted, allow_nan=False)  # raises on NaN or infinity
    assert _same_finite(value, json.loads(text))


def test_the_report_embeds_the_commands_documents() -> None:
    pytest.importorskip("jinja2", reason="the report needs the 'report' extra")
    from detente.evidence.timeline import scenario_timeline
    from detente.presentation.views import build_document

    scenario = detente.resolve_scenario("hanoi-2019")
    document = json.loads(json.dumps(build_document(scenario, samples=4, seed=3, runs=6)))

    def section(name: str) -> dict[str, Any]:
        body = dict(document[name])
        assert body.pop("available") is True
        return body

    same = {
        "analysis": detente.analyze(scenario, samples=4, seed=3),
        "forecast": detente.forecast(scenario, seed=3),
        "simulation": detente.simulate(scenario, runs=6, seed=3, compare=True),
    }
    for name, result in same.items():
        assert section(name) == envelope(name, None, result)["result"], name
    assert document["timeline"] == envelope("timeline", None, scenario_timeline(scenario))["result"]
