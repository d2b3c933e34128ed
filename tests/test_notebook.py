"""Results in a notebook: ``to_frame()``, ``_repr_html_``, and the what-if front door."""

from __future__ import annotations

import re
import sys

import pytest

import detente
from detente.engines.overrides import OverrideError, apply_overrides
from detente.errors import MissingExtraError
from detente.notebook import html_summary
from tests.reference import utility

pd = pytest.importorskip("pandas", reason="pandas (the frames extra) not installed")
HANOI = detente.resolve_scenario("hanoi-2019")


def test_the_analysis_frame_is_the_frontier_with_each_partys_utility() -> None:
    analysis = detente.analyze(HANOI)
    frame = analysis.to_frame()
    assert len(frame) == analysis.to_json()["frontier_size"] > 0
    issues = [i.id for i in HANOI.issues]
    assert list(frame.columns) == ["index", *issues, "u_usa", "u_dprk"]
    for row in frame.to_dict("records"):
        outcome = {i: row[i] for i in issues}
        for party in ("usa", "dprk"):  # the brute-force utility of the named options
            assert row[f"u_{party}"] == pytest.approx(utility(HANOI, party, outcome))


def test_the_forecast_frame_has_one_row_per_issue() -> None:
    result = detente.forecast(HANOI)
    frame = result.to_frame()
    document = result.to_json()
    assert list(frame["issue"]) == [i["issue"] for i in document["issues"]]
    assert list(frame["forecast"]) == [i["forecast"]["option"] for i in document["issues"]]


def test_the_simulation_and_comparison_frames() -> None:
    summary = detente.simulate(HANOI, runs=40, seed=2, strategies={"usa": "boulware"})
    frame = summary.to_frame()
    top = int(frame["count"].sum()) if len(frame) else 0
    assert top <= summary.to_json()["agreements"] <= 40  # the top deals are some of the deals
    comparison = detente.simulate(HANOI, runs=20, seed=2, compare=True)
    arms = comparison.to_frame()
    assert list(arms["variant"]) == [a["variant"] for a in comparison.to_json()["arms"]]
    assert (arms["low_95"] <= arms["agreement_rate"]).all()
    assert (arms["agreement_rate"] <= arms["high_95"]).all()


def test_the_phase_frame_lists_the_moves_of_the_best_path() -> None:
    result = detente.phase(HANOI, final="sanctions=civilian", max_steps=3)
    frame = result.to_frame()
    best = result.to_json()["best"] or {}
    moves = [m for step in best.get("steps") or [] for m in step["moves"]]
    assert len(frame) == len(moves)


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'detente\[frames\]'"):
        detente.forecast(HANOI, issues=["sanctions"]).to_frame()


def test_results_render_in_jupyter_with_their_headline_numbers() -> None:
    text = detente.analyze(HANOI)._repr_html_()
    assert "<table>" in text and "ZOPA" in text and "4,320" in text  # feasible outcomes
    forecast = detente.forecast(HANOI, issues=["sanctions"])._repr_html_()
    assert "UN sanctions relief" in forecast


def test_the_html_summary_escapes_every_text() -> None:
    doc = {
        "issues": [{"label": "<b>x</b>", "forecast": {"option": "a&b"}, "stop": {"reason": "r"}}]
    }
    text = html_summary("forecast", "<script>", doc)
    assert "<b>" not in text and "<script>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text and "a&amp;b" in text


def test_with_parameters_is_the_what_if_of_the_web_app() -> None:
    changed = detente.with_parameters(
        "hanoi-2019",
        {"preferences.usa.reservation": 0.3},
        drop_red_lines=["dprk:no_deal_without_relief"],
    )
    expected = apply_overrides(
        HANOI, {"preferences.usa.reservation": 0.3}, {"dprk:no_deal_without_relief": False}
    )
    assert changed == expected
    usa = HANOI.party("usa").preferences
    assert usa is not None and usa.reservation == 0.42  # the scenario given is unchanged


@pytest.mark.parametrize(
    ("parameters", "drop", "message"),
    [
        ({"preferences.usa.reservation": 1.2}, [], "outside [0, 1]"),
        ({"preferences.usa.reservation": -0.1}, [], "outside [0, 1]"),
        ({"preferences.usa.weights.sanctions": -1.0}, [], "outside [0, 1e+06]"),
        ({"preferences.nobody.reservation": 0.2}, [], "unknown party"),
        ({}, ["usa:no_such_line"], "unknown red line"),
    ],
)
def test_with_parameters_refuses_what_it_cannot_apply(
    parameters: dict[str, float], drop: list[str], message: str
) -> None:
    with pytest.raises(OverrideError, match=re.escape(message)):
        detente.with_parameters(HANOI, parameters, drop_red_lines=drop)
