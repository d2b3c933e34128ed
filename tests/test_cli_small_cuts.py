"""The command line's small cuts: --version, ids and missing files, where simulate writes,
and a busy port for serve."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente._version import __version__
from detente.presentation.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"detente {__version__}"


def test_validate_takes_an_embedded_id() -> None:
    result = runner.invoke(app, ["validate", "hanoi-2019", "singapore-2018"])
    assert result.exit_code == 0, result.output
    assert "hanoi-2019: ok: scenario 'hanoi-2019'" in result.output
    assert "singapore-2018: ok" in result.output


@pytest.mark.parametrize("command", ["validate", "show", "analyze"])
def test_a_missing_file_is_no_such_file(command: str) -> None:
    result = runner.invoke(app, [command, "talks/nosuch.yaml"])
    assert result.exit_code == 1
    assert result.output.startswith("talks/nosuch.yaml")
    assert "error: cannot read: no such file" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["validate", "show", "timeline"])
def test_an_unknown_id_gets_did_you_mean(command: str) -> None:
    result = runner.invoke(app, [command, "hanoi-2018"], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "no such scenario (did you mean 'hanoi-2019'?)" in result.output


def test_simulate_writes_nothing_unless_told_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "duckdb", None)  # and needs no DuckDB for that
    result = runner.invoke(app, ["simulate", "hanoi-2019", "--runs", "50", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "kept in memory" in result.output
    assert list(tmp_path.iterdir()) == []


def test_simulate_stores_its_runs_where_the_user_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("duckdb", reason="DuckDB (the sim extra) not installed")
    monkeypatch.chdir(tmp_path)
    args = ["simulate", "hanoi-2019", "--runs", "50", "--workers", "1", "--db", "out/s.duckdb"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out" / "s.duckdb").is_file()


def test_serve_on_a_busy_port_says_so_before_any_url() -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    pytest.importorskip("uvicorn", reason="the web extra is not installed")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in " ".join(result.output.split())
    assert "http://" not in result.output


def test_the_quick_root_help_is_the_full_applications_help() -> None:
    from detente.presentation.cli.quickhelp import quick_app

    for args in ([], ["--help"], ["--version"]):
        quick = runner.invoke(quick_app(), args, env={"COLUMNS": "120"})
        full = runner.invoke(app, args, env={"COLUMNS": "120"})
        assert quick.output == full.output, args
        assert quick.exit_code == full.exit_code


HEAVY = ("numpy", "pydantic", "ruamel", "duckdb", "pandas", "detente.engines", "detente.model")


def test_help_and_version_load_no_engine_numpy_or_pydantic() -> None:
    """Measured, not asserted: ``detente --help`` took 0.58 s before, 0.28 s with the quick
    help on an idle core; here only what it imports is checked."""
    import subprocess

    probe = (
        "import sys\n"
        "from detente.presentation.cli import main\n"
        "for args in (['--help'], ['--version'], []):\n"
        "    sys.argv = ['detente', *args]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "Usage: detente" in done.stdout


def test_analyze_prints_no_empty_posture_or_event_table(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data" / "valid.yaml").read_text()
    bare = tmp_path / "bare.yaml"
    bare.write_text(text.split("postures:")[0])  # the same scenario without postures/evidence
    result = runner.invoke(app, ["analyze", str(bare)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Postures" not in result.output and "Events, applied" not in result.output
    full = runner.invoke(app, ["analyze", "hanoi-2019"], env={"COLUMNS": "200"})
    assert "Postures" in full.output and "Events, applied" in full.output
