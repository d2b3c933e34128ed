"""``backtest --html``: the backtest record as one self-contained HTML page (no network)."""

from __future__ import annotations

from pathlib import Path

from detente.engines.backtest import Backtest
from detente.presentation.report.html import BOOT_JS, _plotly_js, embed_json
from detente.presentation.views.record import record_figure

__all__ = ["render_backtest_html", "write_backtest_html"]


def render_backtest_html(result: Backtest) -> str:
    """The page: the record per method, the figure and the scores per case."""
    import jinja2
    from markupsafe import Markup

    from detente._version import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("detente.presentation.report", "templates"),
        autoescape=True,
    )
    document = result.to_json()
    return env.get_template("backtest.html.j2").render(
        doc=document,
        figure=Markup(embed_json(record_figure(document))),
        version=__version__,
        plotly_js=Markup(_plotly_js()),
        boot_js=Markup(BOOT_JS),
    )


def write_backtest_html(result: Backtest, path: str | Path) -> Path:
    """Write the page to ``path``; the path written."""
    target = Path(path)
    target.write_text(render_backtest_html(result), encoding="utf-8")
    return target
