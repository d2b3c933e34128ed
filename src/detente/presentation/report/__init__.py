"""The self-contained HTML report (plotly.js inlined) and its PNG figures (matplotlib)."""

from detente.presentation.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
