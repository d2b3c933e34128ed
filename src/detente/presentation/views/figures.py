"""Plotly figure specifications (plain dicts) built from a document of :mod:`.document`.

The dicts follow plotly.js's ``{data, layout}`` schema and are drawn by the same
``Plotly.newPlot`` call in the HTML report (plotly.js inlined) and in the web app (plotly.js
served by the app). They are built as plain data, without plotly's Python objects, so that a
what-if request stays cheap. Scenario texts put into figures (titles, labels, hover text) are
HTML-escaped, since plotly reads a few tags in them.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = [
    "build_figures",
    "forecast_figure",
    "outcomes_figure",
    "simulation_figure",
    "space_figure",
    "timeline_figure",
    "tornado_bars",
    "tornado_figure",
]

Figure = dict[str, Any]

_SOLUTION_NAMES = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "utilitarian": "utilitarian",
    "egalitarian": "egalitarian",
}
_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]


def _e(text: object) -> str:
    return html.escape(str(text))


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    base = {
        "title": {"text": _e(title)},
        "template": "plotly_white",
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "hovermode": "closest",
    }
    return {**base, **extra}


def space_figure(space: dict[str, Any], texts: list[str] | None = None) -> Figure:
    """Utility space: the cloud (ZOPA highlighted), frontier, solutions, postures, status quo."""
    names = space["names"]
    cloud = space["cloud"]
    text = cloud.get("text", texts or [])
    zopa = cloud["zopa"]
    data: list[dict[str, Any]] = []
    for in_zopa, label, colour in (
        (False, "feasible outcome", "#b0b7c3"),
        (True, "ZOPA", "#2ca02c"),
    ):
        keep = [k for k, z in enumerate(zopa) if z == in_zopa]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{label} ({len(keep):,}{' drawn' if space['subsampled'] else ''})",
                "x": [cloud["x"][k] for k in keep],
                "y": [cloud["y"][k] for k in keep],
                "text": [text[k] for k in keep] if text else None,
                "hoverinfo": "text+x+y",
                "marker": {"size": 5 if in_zopa else 4, "color": colour, "opacity": 0.8},
            }
        )
    frontier = space["frontier"]
    data.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"Pareto frontier ({len(frontier['x'])})",
            "x": frontier["x"],
            "y": frontier["y"],
            "text": frontier.get("text"),
            "hoverinfo": "text+x+y",
            "line": {"color": "#444", "width": 1.5, "shape": "hv"},
            "marker": {"size": 6, "color": "#444"},
        }
    )
    data.extend(_posture_traces(space))
    data.extend(_solution_traces(space))
    if space.get("status_quo"):
        sq = space["status_quo"]
        data.append(_marker("status quo", sq, "x", "#000", 12))
    ra, rb = space["reservations"]
    shapes = [
        {"type": "line", "x0": ra, "x1": ra, "y0": 0, "y1": 1, "yref": "paper",
         "line": {"dash": "dash", "color": _PALETTE[0]}},
        {"type": "line", "y0": rb, "y1": rb, "x0": 0, "x1": 1, "xref": "paper",
         "line": {"dash": "dash", "color": _PALETTE[1]}},
    ]  # fmt: skip
    layout = _layout(
        f"Utility space: {names[0]} × {names[1]} — ZOPA {space['zopa']:,} outcomes",
        xaxis={"title": {"text": _e(f"{names[0]} utility (dashed: no-deal value {ra:.3g})")}},
        yaxis={"title": {"text": _e(f"{names[1]} utility (dashed: no-deal value {rb:.3g})")}},
        shapes=shapes,
        height=560,
        legend={"orientation": "h", "y": -0.15},
    )
    return {"data": data, "layout": layout}


def _marker(name: str, point: dict[str, Any], symbol: str, colour: str, size: int) -> Any:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": _e(name),
        "x": [point["x"]],
        "y": [point["y"]],
        "text": [point.get("text", "")],
        "hoverinfo": "name+text+x+y",
        "marker": {"symbol": symbol, "size": size, "color": colour, "line": {"width": 1}},
    }


def _posture_traces(space: dict[str, Any]) -> list[dict[str, Any]]:
    parties = space["parties"]
    traces = []
    for mark in space["postures"]:
        colour = _PALETTE[parties.index(mark["party"])] if mark["party"] in parties else "#9467bd"
        point = {**mark, "text": f"{_e(mark['statement'])}<br><br>{mark['text']}"}
        traces.append(
            _marker(f"posture {mark['id']} ({mark['party']}, {mark['kind']})", point,
                    "diamond", colour, 10)
        )  # fmt: skip
    return traces


def _solution_traces(space: dict[str, Any]) -> list[dict[str, Any]]:
    symbols = ["star", "triangle-up", "square", "circle-open"]
    traces = []
    for k, (name, solution) in enumerate((space.get("solutions") or {}).items()):
        label = f"{_SOLUTION_NAMES.get(name, name)} solution"
        traces.append(_marker(label, solution, symbols[k % 4], "#ff7f0e", 15))
    return traces


def timeline_figure(timeline: list[dict[str, Any]]) -> Figure:
    """Postures and events on a date axis, one row per party, statement in the hover."""
    rows = sorted({item["party_name"] for item in timeline})
    data = []
    for kind, symbol in (("posture", "diamond"), ("event", "circle")):
        items = [item for item in timeline if item["type"] == kind]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": kind + "s",
                "x": [item["date"] for item in items],
                "y": [_e(item["party_name"]) for item in items],
                "text": [
                    f"<b>{_e(item['kind'])}</b> {_e(item['id'])}<br>{_wrap(item['text'])}"
                    for item in items
                ],
                "hoverinfo": "text+x",
                "marker": {"symbol": symbol, "size": 12},
            }
        )
    layout = _layout(
        "Posture timeline",
        height=160 + 50 * len(rows),
        xaxis={"type": "date"},
        yaxis={"categoryorder": "array", "categoryarray": [_e(r) for r in rows]},
    )
    return {"data": data, "layout": layout}


def _wrap(text: str, width: int = 70) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) > width and line:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(_e(x) for x in lines)


def forecast_figure(forecast: dict[str, Any]) -> Figure:
    """Per issue, each actor's position by round and the median (the forecast), stacked."""
    issues = forecast["issues"]
    n = len(issues)
    data: list[dict[str, Any]] = []
    layout = _layout("Forecast trajectories per issue (expected-utility model)",
                     height=200 * n + 80, showlegend=True,
                     margin={"l": 190, "r": 20, "t": 60, "b": 40})  # fmt: skip
    step = 1 / n
    for k, issue in enumerate(issues):
        axis = "" if k == 0 else str(k + 1)
        y1 = 1 - k * step - 0.035
        y0 = 1 - (k + 1) * step + 0.03
        layout[f"xaxis{axis}"] = {"anchor": f"y{axis}", "dtick": 1, "matches": "x"}
        layout[f"yaxis{axis}"] = {
            "domain": [y0, y1],
            "anchor": f"x{axis}",
            "tickvals": list(range(len(issue["options"]))),
            "ticktext": [_e(t[:28]) for t in issue["option_labels"]],
            "range": [-0.3, len(issue["options"]) - 0.7],
        }
        rounds = [r["round"] for r in issue["rounds"]]
        for a, actor in enumerate(issue["actors"]):
            positions = [r["positions"][a] for r in issue["rounds"]]
            data.append(_line(actor["name"], rounds, positions, axis,
                              _PALETTE[a % len(_PALETTE)], k == 0, "dot"))  # fmt: skip
        median = [r["median"] for r in issue["rounds"]]
        data.append(_line("median (forecast)", rounds, median, axis, "#000", k == 0, "solid"))
        layout.setdefault("annotations", []).append(
            {"text": _e(f"{issue['label']} → forecast: {issue['forecast']['option']}"),
             "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": y1 + 0.005,
             "xanchor": "left", "yanchor": "bottom", "font": {"size": 12}}
        )  # fmt: skip
    layout[f"xaxis{'' if n == 1 else n}"]["title"] = {"text": "round"}
    return {"data": data, "layout": layout}


def _line(name: str, x: list[int], y: list[float], axis: str, colour: str, legend: bool,
          dash: str) -> dict[str, Any]:  # fmt: skip
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": _e(name),
        "legendgroup": _e(name),
        "showlegend": legend,
        "x": x,
        "y": y,
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
        "line": {"color": colour, "dash": dash, "width": 2.5 if dash == "solid" else 1.5},
        "marker": {"size": 4},
    }


def simulation_figure(simulation: dict[str, Any]) -> Figure:
    """Agreement rate per arm (signal, mediation, bridge) with its Wilson 95% interval."""
    arms = simulation["arms"]
    rates = [arm["agreement_rate"] for arm in arms]
    bounds = [arm["agreement_interval_95"] for arm in arms]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "agreement rate",
            "y": [_e(_short(arm["variant"])) for arm in arms],
            "x": rates,
            "hovertext": [_e(arm["variant"]) for arm in arms],
            "hoverinfo": "text+x",
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": [max(0.0, high - r) for (_, high), r in zip(bounds, rates, strict=True)],
                "arrayminus": [
                    max(0.0, r - low) for (low, _), r in zip(bounds, rates, strict=True)
                ],
            },
            "marker": {"color": "#1f77b4"},
        }
    ]
    layout = _layout(
        "Simulated agreement rate per signal and mediation setting "
        f"({simulation['runs']} runs each)",
        xaxis={"range": [0, 1], "title": {"text": "share of runs ending in a deal"}},
        yaxis={"autorange": "reversed", "automargin": True},
        height=140 + 32 * len(arms),
    )
    return {"data": data, "layout": layout}


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def outcomes_figure(simulation: dict[str, Any]) -> Figure:
    """Outcome distribution of the arm with every event: the most frequent deals and no deal."""
    arms = simulation["arms"]
    arm = next((a for a in arms if a["variant"] == "all events"), arms[0])
    labels = [f"deal {k + 1}" for k in range(len(arm["top_outcomes"]))]
    shares = [o["share"] for o in arm["top_outcomes"]]
    hover = ["<br>".join(f"{_e(k)}: {_e(v)}" for k, v in o["outcome"].items())
             for o in arm["top_outcomes"]]  # fmt: skip
    labels.append("no deal")
    shares.append(1 - arm["agreement_rate"])
    hover.append("talks ended without a deal")
    data = [{"type": "bar", "x": labels, "y": shares, "hovertext": hover, "hoverinfo": "text+y",
             "marker": {"color": ["#2ca02c"] * (len(labels) - 1) + ["#b0b7c3"]}}]  # fmt: skip
    layout = _layout(f"Simulated outcome distribution ({_e(arm['variant'])})",
                     yaxis={"title": {"text": "share of runs"}, "range": [0, 1]},
                     height=380)  # fmt: skip
    return {"data": data, "layout": layout}


def tornado_bars(analysis: dict[str, Any]) -> tuple[float, list[dict[str, Any]]] | None:
    """The deal margin at the scenario's values and the tornado bars, least effect first.

    The deal margin (``max_o min_p (u_p(o) - r_p)`` over the outcomes meeting every red line;
    :mod:`detente.engines.analysis.batched`) moves continuously, so a tornado over it shows
    which judgments matter even where the ZOPA stays empty. Bars without a finite margin (no
    outcome meets the red lines) are left out.
    """
    sens = analysis.get("sensitivity")
    if not sens or not sens.get("tornado") or sens.get("margin") is None:
        return None
    base = float(sens["margin"])
    bars = [b for b in sens["tornado"] if None not in (b["margin_low"], b["margin_high"])]
    bars.sort(key=lambda b: max(abs(b["margin_low"] - base), abs(b["margin_high"] - base)))
    return base, bars


def tornado_figure(analysis: dict[str, Any]) -> Figure | None:
    """The deal margin with each uncertain parameter at the low / high end of its range."""
    found = tornado_bars(analysis)
    if found is None:
        return None
    base, bars = found
    names = [_e(b["parameter"]) for b in bars]
    data = [
        {"type": "bar", "orientation": "h", "name": f"{end} end of range", "y": names,
         "x": [b[f"margin_{end}"] - base for b in bars], "base": base,
         "hovertext": [f"{_e(b['parameter'])} = {b[end]:.3g}: margin {b[f'margin_{end}']:+.3f},"
                       f" ZOPA {b[f'zopa_{end}']:,}" for b in bars],
         "hoverinfo": "text", "marker": {"color": colour}}
        for end, colour in (("low", "#1f77b4"), ("high", "#d62728"))
    ]  # fmt: skip
    layout = _layout(
        f"Sensitivity (tornado): deal margin, one parameter at a time (base {base:+.3f}; "
        "a ZOPA exists where it is ≥ 0)",
        barmode="overlay",
        xaxis={"title": {"text": "deal margin: max over outcomes of the least gain over no deal"}},
        yaxis={"automargin": True},
        height=160 + 30 * len(bars),
    )
    return {"data": data, "layout": layout}


def build_figures(document: dict[str, Any]) -> dict[str, Figure | None]:
    """Every figure of the document (None where its section is not available)."""
    space, analysis = document["space"], document["analysis"]
    forecast, simulation = document["forecast"], document["simulation"]
    return {
        "timeline": timeline_figure(document["timeline"]) if document["timeline"] else None,
        "space": space_figure(space) if space.get("available") else None,
        "forecast": forecast_figure(forecast) if forecast.get("available") else None,
        "simulation": simulation_figure(simulation) if simulation.get("available") else None,
        "outcomes": outcomes_figure(simulation) if simulation.get("available") else None,
        "tornado": tornado_figure(analysis) if analysis.get("available") else None,
    }
