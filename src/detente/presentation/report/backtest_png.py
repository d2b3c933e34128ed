"""The backtest figure: every model's MAE with its 95 % interval, against the compromise."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from detente.engines.issuetable.backtest import ModelScore

__all__ = ["backtest_figure", "write_backtest_png"]


def backtest_figure(scores: Sequence[ModelScore], title: str) -> Figure:
    """A forest plot: one row per model (best at the top), MAE and interval, the baseline's MAE
    as a dashed line."""
    ordered = sorted(scores, key=lambda s: s.mae, reverse=True)
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(ordered) + 1.4))
    ys = range(len(ordered))
    ax.errorbar(
        [s.mae for s in ordered],
        list(ys),
        xerr=[[s.mae - s.mae_low for s in ordered], [s.mae_high - s.mae for s in ordered]],
        fmt="o",
        color="#1f77b4",
        capsize=3,
    )
    base = [s for s in scores if s.diff == 0.0 and s.diff_low == 0.0 and s.diff_high == 0.0]
    if base:
        ax.axvline(base[0].mae, ls="--", color="#777", lw=1, label=f"{base[0].name}")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_yticks(list(ys), [s.name for s in ordered], fontsize=8)
    ax.set_xlabel("mean absolute error (0-100 scale), 95% cluster-bootstrap interval")
    ax.set_title(textwrap.fill(title.replace("$", r"\$"), 90), fontsize=8)
    fig.tight_layout()
    return fig


def write_backtest_png(path: Path, scores: Sequence[ModelScore], title: str) -> None:
    """Draw :func:`backtest_figure` into the PNG file ``path``."""
    fig = backtest_figure(scores, title)
    try:
        fig.savefig(path, dpi=150)
    finally:
        plt.close(fig)
