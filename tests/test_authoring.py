"""Authoring checks: hindsight after ``as_of``, split flow values, numeric-looking option ids."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from detente.model.loading import validate_scenario_text

VALID = (Path(__file__).parent / "data" / "valid.yaml").read_text("utf-8")


def _diagnostics(text: str) -> list[str]:
    return [str(d) for d in validate_scenario_text(text, "f.yaml").diagnostics]


def test_material_dated_after_as_of_is_a_located_warning() -> None:
    # as_of is 2019-03-05: a posture, an event, a statement and a source dated after it leak.
    text = (
        VALID.replace("date: 2019-03-01, kind: demand", "date: 2019-04-01, kind: demand")
        .replace("{id: src, title: An article}", "{id: src, title: An article, date: 2019-03-06}")
        .replace("source: src}", "source: src, said_on: 2019-05-01}")
        + "events:\n  - {id: e1, date: 2019-06-01, actor: a, kind: signal, description: D.}\n"
    )
    lines = _diagnostics(text)
    assert len(lines) == 4, lines
    assert all(": warning: " in x and "after metadata.as_of (2019-03-05)" in x for x in lines)
    paths = sorted(line.split(": warning: ")[1].split(":")[0] for line in lines)
    assert paths == [
        "events[0].date",
        "evidence.sources[0].date",
        "evidence.statements[0].said_on",
        "postures[0].date",
    ]
    assert any(x.startswith("f.yaml:28:24:") and "posture dated 2019-04-01" in x for x in lines)


def test_material_on_or_before_as_of_and_the_outcome_are_not_hindsight() -> None:
    text = (
        VALID.replace("date: 2019-03-01, kind: demand", "date: 2019-03-05, kind: demand")
        + "outcome:\n  agreement: true\n  date: 2019-09-01\n  terms: {x: hi}\n"
        + "  sources: [{id: later, title: The treaty, date: 2019-09-01}]\n"
    )
    assert _diagnostics(text) == []


def test_an_outcome_dated_on_or_before_as_of_is_a_warning() -> None:
    text = VALID + "outcome:\n  agreement: false\n  date: 2019-03-05\n"
    (line,) = _diagnostics(text)
    assert ": warning: outcome.date: the outcome is dated 2019-03-05, not after" in line


def test_a_comma_in_an_unquoted_flow_value_is_explained() -> None:
    text = VALID.replace(
        "{id: hi}]\n  - id: y", "{id: hi, label: cap at 100, 500 (a token programme)}]\n  - id: y"
    )
    (line,) = _diagnostics(text)
    assert (
        "issues[0].options[1].500 (a token programme): unknown key '500 (a token programme)'"
        in line
    )
    assert "looks like the rest of the value of 'label' split at a comma" in line
    assert 'quote the whole value, label: "cap at 100, 500 (a token programme)"' in line


def test_a_split_value_in_a_free_mapping_is_explained_too() -> None:
    text = VALID + "status_quo: {x: lo, y: lo, mid}\n"
    (line,) = _diagnostics(text)
    assert line.startswith("f.yaml:34:28: error: status_quo.mid:")
    assert 'split at a comma: quote the whole value, y: "lo, mid"' in line


def test_a_misspelt_key_keeps_its_suggestion() -> None:
    missing, line = _diagnostics(VALID.replace("{id: src, title:", "{id: src, titel:"))
    assert "evidence.sources[0].title: missing required field" in missing
    assert "unknown key 'titel'; did you mean 'title'?" in line
    assert "split at a comma" not in line


def test_option_ids_that_look_like_numbers_must_be_quoted() -> None:
    text = VALID.replace("options: [{id: lo}, {id: hi}]", "options: [{id: 100}, {id: 1.5}]")
    lines = [x for x in _diagnostics(text) if "issues[0].options" in x]
    assert len(lines) == 2, lines
    assert "options[0].id: Input should be a valid string: YAML reads the unquoted 100" in lines[0]
    assert 'ids that look like numbers must be quoted, as written: id: "100"' in lines[0]
    assert 'id: "1.5"' in lines[1]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=3), st.lists(_WORD, min_size=1, max_size=3))
def test_any_label_split_at_a_comma_is_named_with_its_whole_value(
    head: list[str], tail: list[str]
) -> None:
    first, rest = "Cap " + " ".join(head), "then " + " ".join(tail)
    text = VALID.replace("{id: hi}]\n  - id: y", f"{{id: hi, label: {first}, {rest}}}]\n  - id: y")
    (line,) = _diagnostics(text)
    assert f"issues[0].options[1].{rest}: unknown key {rest!r}" in line
    assert f'quote the whole value, label: "{first}, {rest}"' in line
