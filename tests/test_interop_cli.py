"""``detente import-domain``: folder or files to scenario YAML; errors without tracebacks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from detente.interop import load_domain_folder
from detente.model import load_scenario
from detente.presentation.cli.app import app

DATA = Path(__file__).parent / "data" / "genius"
runner = CliRunner()


def test_import_folder_writes_loadable_yaml(tmp_path: Path) -> None:
    out = tmp_path / "trip.yaml"
    result = runner.invoke(app, ["import-domain", str(DATA / "trip"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "UNCERTAIN" in result.output  # the skipped variant is reported (stderr is mixed in)
    assert load_scenario(out) == load_domain_folder(DATA / "trip")[0]


def test_import_files_to_stdout() -> None:
    q = DATA / "quirks"
    args = [
        "import-domain",
        str(q / "zone.xml"),
        str(q / "zone_amp.xml"),
        str(q / "zone_glued.xml"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "all_to_two_farmer_and_mun" in result.output
    assert "warning:" in result.output


def test_errors_exit_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<negotiation_template>\n<issue")
    result = runner.invoke(app, ["import-domain", str(bad), str(bad), str(bad)])
    assert result.exit_code == 1
    assert "bad.xml:2" in result.output and "Traceback" not in result.output
    lone = runner.invoke(app, ["import-domain", str(bad)])
    assert lone.exit_code == 2
