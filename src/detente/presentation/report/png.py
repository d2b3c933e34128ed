"""The report's figures as PNG files for papers, drawn with matplotlib (Agg backend).

Same data as the interactive figures (:mod:`detente.presentation.views.figures`), from the
same document; static, so no hover text. Scenario texts are drawn as plain text
(``usetex`` off, ``$`` escaped so that matplotlib does not read mathtext).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from detente.presentation.views.figures import tornado_bars

__all__ = ["write_pngs"]

_DPI = 150


def _t(text: object) -> str:
    return str(text).replace("$", r"\$")


def _space(space: dict[str, Any]) -> Figure:
    fig, ax = plt.subplots(figsize=(7, 6))
    cloud = space["cloud"]
    zopa = cloud["zopa"]
    for flag, colour, label in ((False, "#b0b7c3", "feasible"), (True, "#2ca02c", "ZOPA")):
        xs = [x for x, z in zip(cloud["x"], zopa, strict=True) if z == flag]
        ys = [y for y, z in zip(cloud["y"], zopa, strict=True) if z == flag]
        ax.scatter(xs, ys, s=4, c=colour, label=f"{label} ({len(xs):,})")
    front = space["frontier"]
    ax.step(front["x"], front["y"], where="post", color="#444", lw=1.2, label="Pareto frontier")
    ra, rb = space["reservations"]
    ax.axvline(ra, ls="--", color="#1f77b4", lw=1)
    ax.axhline(rb, ls="--", color="#d62728", lw=1)
    at: dict[tuple[float, float], list[str]] = {}
    for mark in space["postures"]:  # postures drawn at one point share one label
        at.setdefault((round(mark["x"], 9), round(mark["y"], 9)), []).append(_t(mark["id"]))
    for (x, y), ids in at.items():
        ax.scatter([x], [y], marker="D", s=30, edgecolor="k", zorder=3)
        right = x > 0.75  # keep labels near the right edge inside the axes
        ax.annotate("\n".join(ids), (x, y), fontsize=7, xytext=(-4 if right else 3, 3),
                    textcoords="offset points", ha="right" if right else "left")  # fmt: skip
    for name, sol in (space.get("solutions") or {}).items():
        ax.scatter([sol["x"]], [sol["y"]], marker="*", s=160, c="#ff7f0e", edgecolor="k",
                   zorder=4, label=_t(name))  # fmt: skip
    if space.get("status_quo"):
        sq = space["status_quo"]
        ax.scatter([sq["x"]], [sq["y"]], marker="x", s=60, c="k", zorder=4, label="status quo")
    names = space["names"]
    ax.set_xlabel(_t(f"{names[0]} utility"))
    ax.set_ylabel(_t(f"{names[1]} utility"))
    ax.set_title(_t(f"Utility space — ZOPA {space['zopa']:,} outcomes"))
    ax.legend(fontsize=7, loc="lower left")
    return fig


def _forecast(forecast: dict[str, Any]) -> Figure:
    issues = forecast["issues"]
    rows = (len(issues) + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(10, 2.6 * rows), squeeze=False)
    for ax, issue in zip(axes.flat, issues, strict=False):
        rounds = [r["round"] for r in issue["rounds"]]
        for a, actor in enumerate(issue["actors"]):
            ax.plot(rounds, [r["positions"][a] for r in issue["rounds"]], ls=":", marker=".",
                    label=_t(actor["name"]))  # fmt: skip
        ax.plot(rounds, [r["median"] for r in issue["rounds"]], color="k", lw=2, label="median")
        ax.set_yticks(range(len(issue["options"])))
        ax.set_yticklabels([_t(o[:18]) for o in issue["option_labels"]], fontsize=7)
        ax.set_title(_t(f"{issue['label']} → {issue['forecast']['option']}"), fontsize=9)
    for ax in list(axes.flat)[len(issues) :]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def _simulation(simulation: dict[str, Any]) -> Figure:
    arms = simulation["arms"]
    fig, ax = plt.subplots(figsize=(10, 1 + 0.55 * len(arms)))
    rates = [arm["agreement_rate"] for arm in arms]
    # max(0, ...): float rounding can put the rate a hair outside its own interval.
    bounds = [arm["agreement_interval_95"] for arm in arms]
    low = [max(0.0, r - b[0]) for b, r in zip(bounds, rates, strict=True)]
    high = [max(0.0, b[1] - r) for b, r in zip(bounds, rates, strict=True)]
    # Bridge labels quote whole red lines: wrap them so that the bars keep their width.
    labels = [textwrap.fill(_t(a["variant"]), 48) for a in arms]
    ax.barh(labels, rates, xerr=[low, high], color="#1f77b4")
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("agreement rate (Wilson 95% interval)")
    fig.tight_layout()
    return fig


def _tornado(analysis: dict[str, Any]) -> Figure | None:
    found = tornado_bars(analysis)
    if found is None:
        return None
    base, bars = found
    fig, ax = plt.subplots(figsize=(8, 1 + 0.35 * len(bars)))
    names = [_t(b["parameter"]) for b in bars]
    for end, colour, alpha in (("low", "#1f77b4", 1.0), ("high", "#d62728", 0.7)):
        widths = [b[f"margin_{end}"] - base for b in bars]
        ax.barh(names, widths, left=base, color=colour, alpha=alpha, label=f"{end} end")
    ax.axvline(base, color="k", lw=1)
    ax.axvline(0.0, color="#2ca02c", lw=1, ls="--", label="a ZOPA exists (margin ≥ 0)")
    ax.set_xlabel("deal margin (the best outcome's least gain over no deal)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def write_pngs(document: dict[str, Any], folder: Path) -> list[Path]:
    """Write each available figure of ``document`` as ``folder/NAME.png``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    makers = {
        "space": (_space, document["space"]),
        "forecast": (_forecast, document["forecast"]),
        "simulation": (_simulation, document["simulation"]),
        "tornado": (_tornado, document["analysis"]),
    }
    written = []
    for name, (make, section) in makers.items():
        if not section.get("available"):
            continue
        fig = make(section)
        if fig is None:
            continue
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=_DPI)
        plt.close(fig)
        written.append(path)
    return written
