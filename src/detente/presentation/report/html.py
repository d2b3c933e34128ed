"""Render a document of :mod:`detente.presentation.views` as one self-contained HTML file.

The page has no external reference: plotly.js is inlined once (from the plotly Python
package), each figure is a JSON block read by one small boot script, and the styles are inline.
Jinja2 autoescapes every scenario text; figure JSON is embedded with ``<``, ``>`` and ``&``
written as ``\\u003c``, ``\\u003e``, ``\\u0026``, so that no text can close its script element.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.model.scenario import Scenario
from detente.presentation.views.document import MAX_REPORT_OUTCOMES, build_document
from detente.presentation.views.figures import build_figures
from detente.presentation.views.record import record_section

__all__ = ["BOOT_JS", "embed_json", "render_document", "render_report", "write_report"]

#: Draws every figure: reads ``<script type="application/json" id="data-NAME">`` into the div
#: ``data-figure="NAME"``.
BOOT_JS = """
document.querySelectorAll('[data-figure]').forEach(function (div) {
  var spec = JSON.parse(document.getElementById('data-' + div.dataset.figure).textContent);
  Plotly.newPlot(div, spec.data, spec.layout,
                 {responsive: true, displaylogo: false, showLink: false, showSendToCloud: false});
});
"""


def embed_json(value: Any) -> str:
    """JSON safe inside an HTML ``<script>`` element (no ``</script>`` can appear)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    # The bundle holds no "</script" today; escape it anyway, as plotly's own writer does not.
    return str(get_plotlyjs()).replace("</script", "<\\/script")


def render_document(document: dict[str, Any]) -> str:
    """The report's HTML text for a document built by :func:`build_document`."""
    import jinja2
    from markupsafe import Markup

    from detente._version import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("detente.presentation.report", "templates"),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,  # engine documents may lack a key
    )
    figures = {
        name: Markup(embed_json(fig)) if fig else None
        for name, fig in build_figures(document).items()
    }
    return env.get_template("report.html.j2").render(
        doc=document,
        figures=figures,
        version=__version__,
        plotly_js=Markup(_plotly_js()),
        boot_js=Markup(BOOT_JS),
    )


def _report_document(scenario: Scenario, samples: int, seed: int, runs: int) -> dict[str, Any]:
    """The document of :func:`build_document`, with the "Record" section of a scenario that
    has an ``outcome`` (the engines scored against it)."""
    document = build_document(
        scenario, samples=samples, seed=seed, runs=runs, limit=MAX_REPORT_OUTCOMES
    )
    document["record"] = record_section(scenario, samples, seed)
    return document


def render_report(scenario: Scenario, samples: int = 0, seed: int = 0, runs: int = 100) -> str:
    """Analyse ``scenario`` and return the report's HTML text."""
    return render_document(_report_document(scenario, samples, seed, runs))


def write_report(
    scenario: Scenario,
    path: str | Path,
    samples: int = 0,
    seed: int = 0,
    runs: int = 100,
    png_dir: str | Path | None = None,
) -> list[Path]:
    """Write the report to ``path`` (and the figures as PNG to ``png_dir``); the files written."""
    document = _report_document(scenario, samples, seed, runs)
    target = Path(path)
    target.write_text(render_document(document), encoding="utf-8")
    written = [target]
    if png_dir is not None:
        from detente.presentation.report.png import write_pngs

        written += write_pngs(document, Path(png_dir))
    return written
