"""The backtest record as a plotly figure specification (a plain dict), from its JSON document.

Per method (baselines first): the share of cases where the deal / no-deal verdict was right,
the share of agreed issues predicted exactly (both higher is better) and the Brier score of
the probability of a deal (lower is better; 0.25 is a coin), side by side.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["record_figure"]

Figure = dict[str, Any]


def _share(k: int, n: int) -> float | None:
    return k / n if n else None


def record_figure(document: dict[str, Any]) -> Figure:
    """Grouped bars per method: deal right, issues exact, Brier (``Backtest.to_json()``)."""
    summary = document["summary"]
    methods = [html.escape(m["method"]) for m in summary]
    series = (
        ("deal / no deal right (share)", "#2ca02c",
         [_share(m["deals_right"], m["deals_scored"]) for m in summary],
         [f"{m['deals_right']}/{m['deals_scored']}" for m in summary]),
        ("issues exact (share)", "#1f77b4",
         [_share(m["exact"], m["issues"]) for m in summary],
         [f"{m['exact']}/{m['issues']}" for m in summary]),
        ("Brier of P(deal) (lower is better)", "#d62728",
         [m["brier"] for m in summary],
         [f"{m['brier_cases']} cases" for m in summary]),
    )  # fmt: skip
    data = [
        {"type": "bar", "name": name, "x": methods, "y": values, "text": labels,
         "textposition": "auto", "marker": {"color": colour}}
        for name, colour, values, labels in series
    ]  # fmt: skip
    n = len(document["cases"])
    layout = {
        "title": {"text": f"Record of the engines over {n} case{'s' if n != 1 else ''}"},
        "template": "plotly_white",
        "barmode": "group",
        "yaxis": {"range": [0, 1], "title": {"text": "share / Brier score"}},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 90},
        "legend": {"orientation": "h", "y": -0.25},
    }
    return {"data": data, "layout": layout}
