"""The utility-space chart marks what excludes each outcome (report, web, PNG)."""

from __future__ import annotations

from typing import Any

import pytest

from detente import compile_scenario, resolve_scenario
from detente.presentation.views.exclusions import exclusion_groups, reasons
from detente.presentation.views.figures import space_figure
from detente.presentation.views.space import utility_space


@pytest.fixture(scope="module")
def space() -> dict[str, Any]:
    return utility_space(compile_scenario(resolve_scenario("hanoi-2019")))


def test_the_groups_partition_the_drawn_outcomes_by_what_excludes_them(
    space: dict[str, Any],
) -> None:
    groups = exclusion_groups(space)
    points = sorted(k for g in groups for k in g.points)
    assert points == list(range(len(space["cloud"]["x"])))
    reqs = space["requirements"]
    for group in groups:
        for k in group.points:
            unmet = space["cloud"]["unmet"][k]
            below = any(reqs[i]["kind"] == "reservation" for i in unmet)
            red = {reqs[i]["party"] for i in unmet if reqs[i]["kind"] == "red_line"}
            if group.key.startswith("red:"):
                assert not below and red == set(group.key[4:].split(","))
            else:
                assert below == group.key.startswith("below")
    # the red-line groups hold exactly the outcomes that clear both no-deal values
    red_only = sum(len(g.points) for g in groups if g.key.startswith("red:"))
    assert red_only == space["exclusions"]["red_lines"] == 1763


def test_each_point_says_in_words_what_excludes_it(space: dict[str, Any]) -> None:
    why = reasons(space)
    x, y = space["cloud"]["x"], space["cloud"]["y"]
    ra, rb = space["reservations"]
    for k, text in enumerate(why):
        # left of the first no-deal line is below usa's value, under the second below dprk's
        # (coordinates are rounded to 4 digits: points on a line are not judged by position)
        if abs(x[k] - ra) > 1e-3:
            assert ("below usa's no-deal value" in text) == (x[k] < ra)
        if abs(y[k] - rb) > 1e-3:
            assert ("below dprk's no-deal value" in text) == (y[k] < rb)
    assert any("breaks dprk's red line no_deal_without_relief" in t for t in why)


def test_the_figure_draws_both_frontiers_and_names_the_blocked_outcomes(
    space: dict[str, Any],
) -> None:
    figure = space_figure(space)
    names = [trace["name"] for trace in figure["data"]]
    assert any(n.startswith("Pareto frontier of what the red lines allow") for n in names)
    assert any(n.startswith("Pareto frontier, ignoring red lines") for n in names)
    assert any("breaks a red line of North Korea" in n for n in names)
    assert "1,763 outcomes clear every no-deal value" in figure["layout"]["title"]["text"]


def test_each_cloud_trace_names_the_exact_reason_of_its_points(space: dict[str, Any]) -> None:
    import html

    figure = space_figure(space)
    cloud = [t for t in figure["data"] if "legendgroup" in t]
    why = reasons(space)
    at = {(x, y): [] for x, y in zip(space["cloud"]["x"], space["cloud"]["y"], strict=True)}
    for k, point in enumerate(zip(space["cloud"]["x"], space["cloud"]["y"], strict=True)):
        at[point].append(why[k])
    assert sum(len(t["x"]) for t in cloud) == len(why)  # every drawn outcome, once
    for trace in cloud:
        reason = html.unescape(trace["hovertemplate"].split("<extra>")[1].split("</extra>")[0])
        assert all(reason in at[(x, y)] for x, y in zip(trace["x"], trace["y"], strict=True))
    # one legend entry per group
    assert sum(t["showlegend"] for t in cloud) == len(exclusion_groups(space))
