"""Results in a notebook: ``to_frame()`` (a pandas DataFrame) and ``_repr_html_`` (Jupyter).

Each front door's result (:class:`~detente.engines.analysis.analyze.Analysis`,
:class:`~detente.engines.forecast.scenario.ScenarioForecast`,
:class:`~detente.engines.simulation.summary.SweepSummary`,
:class:`~detente.engines.simulation.runs.Comparison`,
:class:`~detente.engines.phasing.analysis.PhaseResult`) mixes in :class:`Notebook` and names
its ``kind``; the table and the summary are read off the result's own JSON document
(``to_json()``), so a frame says nothing the JSON does not:

==============  ==============================================================================
kind            ``to_frame()``: one row per
==============  ==============================================================================
``analyze``     Pareto-frontier outcome: its index, one column per issue (option id), one
                ``u_PARTY`` column per principal
``forecast``    issue: forecast option and position, stop reason, rounds, the baselines
``simulate``    most frequent deal: ``count``, one column per issue
``compare``     variant (signal, mediation, bridge): agreement rate and its 95% interval
``phase``       move of the best phased path: step, issue, from, to, who gives
==============  ==============================================================================

pandas is the optional extra ``frames`` (``pip install 'detente[frames]'``); without it,
``to_frame()`` raises :class:`~detente.errors.MissingExtraError` naming the extra.
``_repr_html_`` needs nothing: a small table of the headline numbers, every text escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, ClassVar

from detente.errors import require_extra

__all__ = ["Notebook", "frame_rows", "html_summary"]

Row = dict[str, Any]


def _analyze_rows(doc: dict[str, Any]) -> list[Row]:
    front = doc["frontier"]
    rows = []
    for k, outcome in enumerate(front.get("outcomes") or []):
        row: Row = {"index": front["index"][k], **outcome}
        for p, party in enumerate(front["parties"]):
            row[f"u_{party}"] = front["utilities"][p][k]
        rows.append(row)
    return rows


def _forecast_rows(doc: dict[str, Any]) -> list[Row]:
    rows = []
    for issue in doc["issues"]:
        base = issue["baselines"]
        rows.append(
            {
                "issue": issue["issue"],
                "label": issue["label"],
                "forecast": issue["forecast"]["option"],
                "position": issue["forecast"]["value"],
                "stop": issue["stop"]["reason"],
                "rounds": issue["stop"]["rounds"],
                **{
                    f"{k}": base["options"][k] for k in ("weighted_mean", "weighted_median", "nash")
                },
            }
        )
    return rows


def _simulate_rows(doc: dict[str, Any]) -> list[Row]:
    return [
        {"count": top["count"], "share": top["share"], **top["outcome"]}
        for top in doc["top_outcomes"]
    ]


def _compare_rows(doc: dict[str, Any]) -> list[Row]:
    return [
        {
            "variant": arm["variant"],
            "runs": arm["runs"],
            "agreement_rate": arm["agreement_rate"],
            "low_95": arm["agreement_interval_95"][0],
            "high_95": arm["agreement_interval_95"][1],
        }
        for arm in doc["arms"]
    ]


def _phase_rows(doc: dict[str, Any]) -> list[Row]:
    best = doc.get("best") or {}
    return [
        {
            "step": step["number"],
            "issue": move["issue"],
            "from": move["before"],
            "to": move["after"],
            "givers": ", ".join(move.get("givers") or []),
        }
        for step in best.get("steps") or []
        for move in step.get("moves") or []
    ]


_ROWS: dict[str, Callable[[dict[str, Any]], list[Row]]] = {
    "analyze": _analyze_rows,
    "forecast": _forecast_rows,
    "simulate": _simulate_rows,
    "compare": _compare_rows,
    "phase": _phase_rows,
}


def frame_rows(kind: str, document: dict[str, Any]) -> list[Row]:
    """The rows of :meth:`Notebook.to_frame` for a result document of ``kind``."""
    return _ROWS[kind](document)


def _headline(kind: str, doc: dict[str, Any]) -> list[tuple[str, str]]:
    if kind == "analyze":
        c = doc["counts"]
        return [
            ("outcomes", f"{c['outcomes']:,}"),
            ("feasible", f"{c['feasible']:,}"),
            ("ZOPA", f"{c['zopa']:,}"),
            ("Pareto frontier", f"{doc['frontier_size']:,}"),
        ]
    if kind == "forecast":
        return [(i["label"], f"{i['forecast']['option']} ({i['stop']['reason']})")
                for i in doc["issues"]]  # fmt: skip
    if kind == "simulate":
        low, high = doc["agreement_interval_95"]
        rate = f"{doc['agreement_rate']:.1%} (95% CI {low:.1%}–{high:.1%})"
        return [
            ("runs", f"{doc['runs']:,}"),
            ("strategies", str(doc["strategies"])),
            ("agreement rate", rate),
        ]
    if kind == "compare":
        return [(a["variant"], f"{a['agreement_rate']:.1%}") for a in doc["arms"]]
    best = doc.get("best") or {}
    return [("final", ", ".join(f"{k}={v}" for k, v in (doc.get("final") or {}).items())),
            ("self-enforcing path exists", str(doc.get("exists"))),
            ("steps of the best path", str(len(best.get("steps") or [])))]  # fmt: skip


def html_summary(kind: str, title: str, document: dict[str, Any]) -> str:
    """A small HTML table of the headline numbers of a result (every text escaped)."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in _headline(kind, document)
    )
    return f"<table><caption>{html.escape(title)}</caption>{rows}</table>"


class Notebook:
    """Mixin of the results: ``to_frame()`` and ``_repr_html_`` from ``to_json()``."""

    kind: ClassVar[str]

    def to_json(self) -> dict[str, Any]:  # pragma: no cover - every result defines it
        raise NotImplementedError

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (see :mod:`detente.notebook` for the rows).

        Raises :class:`~detente.errors.MissingExtraError` without the ``frames`` extra.
        """
        require_extra("frames", ("pandas",), "to_frame()")
        import pandas as pd

        return pd.DataFrame.from_records(frame_rows(self.kind, self.to_json()))

    def _repr_html_(self) -> str:
        document = self.to_json()
        title = f"detente {self.kind}: {document.get('scenario') or ''}".strip()
        if isinstance(document.get("scenario"), dict):
            title = f"detente {self.kind}: {document['scenario'].get('id', '')}"
        return html_summary(self.kind, title, document)
