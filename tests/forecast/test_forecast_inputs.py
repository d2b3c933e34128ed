"""CSV actor tables and ``KEY=VALUE`` options: located, clear errors; fuzzed parsers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.engines.forecast.actors import ActorTableError, load_actors_csv, parse_actors_csv
from detente.engines.forecast.options import (
    CHOICES,
    PRESETS,
    BdmOptions,
    OptionError,
    parse_options,
    preset,
)

GOOD = "name,position,capability,salience\nA,4,0.5,0.8\nB,10,1.0,0.2\n"


def test_csv_reads_columns_in_any_order_and_detects_the_salience_scale() -> None:
    table = parse_actors_csv(" Salience , NAME,position,capability\n80,A,4,0.5\n20,B,10,1\n")
    assert table.names == ("A", "B")
    assert table.salience.tolist() == [0.8, 0.2] and table.salience_scale == "0-100"
    assert parse_actors_csv(GOOD).salience_scale == "0-1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,position,capability\nA,1,1\n", "f.csv:1: header lacks salience"),
        (GOOD + "C,x,1,0.5\n", "f.csv:4: position 'x' is not a number"),
        (GOOD + "C,1,-1,0.5\n", "f.csv:4: capability '-1' must not be negative"),
        (GOOD + "A,1,1,0.5\n", "f.csv:4: duplicate actor name 'A'"),
        (GOOD + "C,1\n", "f.csv:4: expected 4 fields, found 2"),
        (GOOD + "C,1,1,nan\n", "f.csv:4: salience 'nan' is not a finite number"),
        (GOOD + "C,1,1,300\n", "f.csv: salience must lie in [0, 1] or in [0, 100]"),
        ("name,position,capability,salience\nA,1,1,1\n", "at least two actors"),
    ],
)
def test_csv_errors_are_located(text: str, expected: str) -> None:
    with pytest.raises(ActorTableError) as error:
        parse_actors_csv(text, "f.csv")
    assert any(expected in problem for problem in error.value.problems)


def test_missing_file_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ActorTableError, match="cannot read"):
        load_actors_csv(tmp_path / "absent.csv")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_csv_parser_never_crashes(text: str) -> None:
    try:
        table = parse_actors_csv("name,position,capability,salience\n" + text)
    except ActorTableError as error:
        assert error.problems
    else:
        assert table.n >= 2 and ((table.salience >= 0) & (table.salience <= 1)).all()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=4))
def test_option_parser_never_crashes(items: list[str]) -> None:
    try:
        options = parse_options(items)
    except OptionError as error:
        assert str(error)
    else:
        assert isinstance(options, BdmOptions)


def test_option_errors_name_the_valid_keys_and_values() -> None:
    with pytest.raises(OptionError, match=r"options: .*probability"):
        parse_options(["probabilty=pair"])
    with pytest.raises(OptionError, match="expected one of pair, net, global"):
        parse_options(["probability=sum"])
    with pytest.raises(OptionError, match="expected a number"):
        parse_options(["Q=high"])
    with pytest.raises(OptionError, match="presets: default, scholz-jmckib, masad"):
        preset("bdm")


def test_every_choice_is_accepted_and_presets_are_valid() -> None:
    for key, values in CHOICES.items():
        for value in values:
            assert getattr(parse_options([f"{key}={value}"]), key) == value
    assert PRESETS["scholz-jmckib"].probability == "global"
    assert parse_options(["Q=0.5"], PRESETS["masad"]).offer_rule == "max_eu"
