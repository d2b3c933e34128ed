"""Authoring checks: hindsight after ``as_of``, split flow values, numeric-looking option ids."""

from __future__ import annotations

from pathlib import Path

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
