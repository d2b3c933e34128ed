"""The backtest record for people: the report's "Record" section of one case, and the figure of
the record over many cases (a plotly specification as a plain dict, from ``Backtest.to_json()``).

Figure: per method (baselines first): the share of cases where the deal / no-deal verdict was right,
the share of agreed issues predicted exactly (both higher is better) and the Brier score of
the probability of a deal (lower is better; 0.25 is a coin), side by side.
"""

from __future__ import annotations

import html
from typing import Any

from detente.engines.backtest import Settings, backtest_case
from detente.model.scenario import Scenario, Source

__all__ = ["record_figure", "record_section"]

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


def _source(source: Source) -> dict[str, Any]:
    date = source.date.isoformat() if source.date else None
    return {"title": source.title, "outlet": source.outlet, "date": date, "address": source.address}


def record_section(scenario: Scenario, samples: int = 0, seed: int = 0) -> dict[str, Any]:
    """The report's "Record" section: what happened, and how each engine scored on it.

    Available only when the scenario has an ``outcome``; the engines run without it (see
    :mod:`detente.engines.backtest`), the simulation excepted (the report has its own).
    """
    record = scenario.outcome
    if record is None:
        return {"available": False, "reason": "the scenario has no outcome section"}
    settings = Settings(("analyze", "forecast", "phase"), samples=samples, seed=seed)
    case = backtest_case(scenario, settings)
    rows = []
    for score in case.scores:
        p = score.prediction
        rows.append({
            "method": p.method,
            "deal": p.deal,
            "deal_right": score.deal_right,
            "probability": p.probability,
            "exact": sum(i.exact for i in score.issues),
            "issues": len(score.issues),
            "misses": [
                {"issue": i.issue, "predicted": i.predicted, "recorded": i.recorded}
                for i in score.issues if not i.exact
            ],
            "note": p.error or p.detail,
        })  # fmt: skip
    return {
        "available": True,
        "agreement": record.agreement,
        "date": record.date.isoformat() if record.date else None,
        "terms": dict(record.terms),
        "notes": record.notes,
        "sources": [_source(s) for s in record.sources],
        "rows": rows,
    }
