"""A plain install (no extras): each command that needs an extra says which, never a traceback.

A missing module is simulated by putting ``None`` in :data:`sys.modules`, which makes
``import name`` raise :class:`ImportError` exactly as when the package is not installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.errors import DetenteError, MissingExtraError, require_extra
from detente.presentation.cli import app

runner = CliRunner()
README = Path(__file__).resolve().parents[1] / "README.md"


def _block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_require_extra_names_the_extra_the_command_and_every_missing_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _block(monkeypatch, "jinja2", "plotly")
    with pytest.raises(MissingExtraError) as caught:
        require_extra("report", ("json", "jinja2", "plotly"), "the report")
    message = str(caught.value)
    assert "pip install 'detente[report]'" in message
    assert "missing: jinja2, plotly" in message
    assert "json" not in message.split("missing:")[1]
    assert isinstance(caught.value, DetenteError) and isinstance(caught.value, ImportError)


def test_require_extra_is_silent_when_everything_imports() -> None:
    require_extra("core", ("json", "numpy"), "nothing")


@pytest.mark.parametrize(
    ("args", "blocked", "extra"),
    [
        (["report", "hanoi-2019", "-o", "{tmp}/r.html"], ("jinja2",), "report"),
        (["report", "hanoi-2019", "-o", "{tmp}/r.html"], ("plotly",), "report"),
        (
            ["report", "hanoi-2019", "-o", "{tmp}/r.html", "--png", "{tmp}"],
            ("matplotlib",),
            "report",
        ),
        (["serve", "--port", "0"], ("fastapi",), "web"),
        (["serve", "--port", "0"], ("uvicorn",), "web"),
        (["simulate", "hanoi-2019", "--runs", "5", "--db", "{tmp}/s.duckdb"], ("duckdb",), "sim"),
        (["evidence", "list", "--db", "{tmp}/e.duckdb"], ("duckdb",), "store"),
    ],
)
def test_a_command_without_its_extra_fails_cleanly_naming_it(
    args: list[str],
    blocked: tuple[str, ...],
    extra: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _block(monkeypatch, *blocked)
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    output = " ".join(result.output.split())  # the console wraps at its width
    assert f"pip install 'detente[{extra}]'" in output
    assert f"missing: {blocked[0]}" in output
    assert "Traceback" not in output
    assert not (tmp_path / "r.html").exists()


def test_the_simulation_store_names_its_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detente.engines.simulation.store import connect

    _block(monkeypatch, "duckdb")
    with pytest.raises(MissingExtraError, match=r"detente\[sim\]"):
        connect(tmp_path / "s.duckdb")


def test_the_readme_names_the_extra_of_every_command_that_needs_one() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Installation", 1)[1].split("\n## ", 1)[0]
    for command, extra in (
        ("report", "report"),
        ("serve", "web"),
        ("simulate", "sim"),
        ("evidence", "store"),
    ):
        assert re.search(rf"`detente {command}[^`]*`.*`{extra}`", section), command
