"""Loader details: union tags in locations, columns, partial validation, YAML limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.model.errors import model_at
from detente.model.loading import validate_scenario_text
from detente.model.scenario import Party, Preferences
from detente.model.yamlio import MAX_NODES, YamlError, dump_yaml, parse_yaml

VALID = (Path(__file__).parent / "data" / "valid.yaml").read_text("utf-8")


def _diagnostics(text: str) -> list[str]:
    return [str(d) for d in validate_scenario_text(text, "f.yaml").diagnostics]


def test_union_member_tags_never_reach_the_path() -> None:
    text = VALID.replace("x: {lo: 0.0, hi: 1.0}", "x: {lo: 0.0, hi: 7}")
    (line,) = _diagnostics(text)
    # the table branch matched the input's shape, so the 'increasing' branch's complaint is noise
    assert line == (
        "f.yaml:11:22: error: parties[0].preferences.values.x.hi: "
        "Input should be less than or equal to 1"
    )
    assert "dict[" not in line and "literal[" not in line


def test_a_value_matching_no_union_member_gets_one_merged_message() -> None:
    (line,) = _diagnostics(VALID.replace("y: increasing", "y: [1, 2]"))
    assert "values.y: expected one of: a valid dictionary; 'increasing' or 'decreasing'" in line


def test_columns_point_at_the_key() -> None:
    (line,) = _diagnostics(VALID.replace("capability: 0.6", "capability: 2"))
    assert line.startswith("f.yaml:7:5: error: parties[0].capability:")


def test_missing_top_level_sections_are_located_at_the_start() -> None:
    lines = _diagnostics("metadata: {id: m, title: t, as_of: 2019-01-01}\n")
    assert lines == [
        "f.yaml:1:1: error: parties: missing required field",
        "f.yaml:1:1: error: issues: missing required field",
    ]


def test_cross_checks_run_beside_field_errors_without_echoes() -> None:
    # Party a has a field error and is left out; references to it must not be reported.
    text = VALID.replace("capability: 0.6", "capability: -1").replace(
        "{id: s1, speaker: Someone, party: a,", "{id: s1, speaker: Someone, party: zz,"
    )
    lines = _diagnostics(text)
    assert len(lines) == 2, lines
    assert "parties[0].capability" in lines[0]
    assert "evidence.statements[0].party: unknown party 'zz'" in lines[1]


def test_model_at_follows_lists_dicts_and_optionals() -> None:
    assert model_at(("parties", 3)) is Party
    assert model_at(("parties", 0, "preferences")) is Preferences
    assert model_at(("parties", 0, "preferences", "weights")) is None
    assert model_at(("nowhere",)) is None


def test_timestamps_stay_text_and_bad_dates_are_located() -> None:
    data, _ = parse_yaml("d: 2019-03-05\ne: 2019-13-45\n")
    assert data == {"d": "2019-03-05", "e": "2019-13-45"}


def test_alias_bomb_is_refused_before_expansion() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 7)]
    assert MAX_NODES < 10**7
    with pytest.raises(YamlError, match="alias bomb"):
        parse_yaml("\n".join(levels))


def test_shared_aliases_within_the_budget_are_expanded() -> None:
    data, _ = parse_yaml("a: &x [1, 2]\nb: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("text", ["nel\x85inside", "\x85", "line\u2028sep", " lead", "a: b", "#"])
def test_dump_then_parse_keeps_awkward_strings(text: str) -> None:
    assert parse_yaml(dump_yaml({"k": text}))[0] == {"k": text}


def test_outcome_terms_are_checked_against_the_issues() -> None:
    text = VALID + "outcome:\n  agreement: true\n  terms: {x: hi, y: unresolved, zz: lo}\n"
    (line,) = _diagnostics(text)
    assert "error: outcome.terms.zz: unknown issue 'zz'" in line
    bad_option = VALID + "outcome:\n  agreement: false\n  terms: {x: top}\n"
    (line,) = _diagnostics(bad_option)
    assert "outcome.terms.x: unknown option 'top' of issue 'x'" in line


def test_event_actors_may_be_outside_the_parties() -> None:
    event = (
        "events:\n  - {id: e1, date: 2019-03-02, actor: us_senate, kind: statement,"
        " description: A letter.}\n"
    )
    assert _diagnostics(VALID + event) == []
