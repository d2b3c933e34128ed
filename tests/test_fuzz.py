"""Whatever a file holds, loading gives a Scenario or a ScenarioError, never another exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import Scenario, ScenarioError
from detente.model.loading import load_scenario_bytes, load_scenario_text
from detente.model.yamlio import dump_yaml, parse_yaml

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = (Path(__file__).parent / "data" / "valid.yaml").read_text("utf-8")

# Keys the format uses, so that random documents reach deep into validation.
KEYS = [
    "metadata",
    "parties",
    "issues",
    "preferences",
    "weights",
    "values",
    "options",
    "id",
    "name",
    "role",
    "principal",
    "postures",
    "party",
    "condition",
    "evidence",
    "statements",
    "sources",
    "uncertainty",
    "parameter",
    "distribution",
    "numeric",
    "min",
    "max",
    "steps",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["principal", "x == hi", "increasing", "2019-02-30", "a", "b", "x", "hi"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5),
    ),
    max_leaves=40,
)


def _loads_or_fails_cleanly(load: Any, payload: Any) -> None:
    try:
        result = load(payload)
    except ScenarioError as error:
        assert error.diagnostics
        assert all(d.severity in ("error", "warning") for d in error.diagnostics)
        assert any(d.severity == "error" for d in error.diagnostics)
    else:
        assert isinstance(result, Scenario)


@SETTINGS
@given(DOCUMENTS)
def test_arbitrary_yaml_documents(document: Any) -> None:
    _loads_or_fails_cleanly(load_scenario_text, dump_yaml(document))


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    _loads_or_fails_cleanly(load_scenario_bytes, raw)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("{}[]-:&*!|>'\"#%@`, \n\tab?~")), max_size=80))
def test_arbitrary_yaml_punctuation(text: str) -> None:
    _loads_or_fails_cleanly(load_scenario_text, text)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), DOCUMENTS)
def test_valid_scenario_with_one_part_replaced(data: st.DataObject, junk: Any) -> None:
    document, _ = parse_yaml(VALID)
    path = data.draw(st.sampled_from(_paths(document)[1:]))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = junk
    _loads_or_fails_cleanly(load_scenario_text, dump_yaml(document))


def test_the_base_of_the_mutation_fuzz_is_valid() -> None:
    assert isinstance(load_scenario_text(VALID), Scenario)
