"""``detente backtest-deu``: JSON scores, per-issue errors, figure, located errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from detente.presentation.cli.app import app
from tests.shared_data import DEU

runner = CliRunner()
FAST = ["--model", "compromise", "--model", "median", "--model", "nash-cv", "--bootstrap", "300"]


@pytest.fixture(scope="module")
def folder() -> Path:
    if not (DEU / "deu_issues.csv").exists():
        pytest.skip(f"DEU data not found at {DEU}")
    return DEU


def test_json_scores_and_errors_file(folder: Path, tmp_path: Path) -> None:
    errors, png = tmp_path / "errors.csv", tmp_path / "fig.png"
    args = ["backtest-deu", str(folder), *FAST, "--json", "--errors", str(errors)]
    result = runner.invoke(app, [*args, "--png", str(png)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["issues"] == 178 and doc["bootstrap"]["unit"] == "proposal"
    scores = {m["name"]: m for m in doc["models"]}
    assert set(scores) == {"compromise", "median", "nash-cv"}
    assert round(scores["median"]["mae"], 2) == 28.14  # the README's unweighted median
    with errors.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    median = [float(r["abs_error"]) for r in rows if r["model"] == "median"]
    assert len(median) == 178 and np.isclose(np.mean(median), scores["median"]["mae"])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = runner.invoke(app, [*args])
    assert json.loads(again.stdout) == doc  # same seed, same intervals


def test_table_output(folder: Path) -> None:
    result = runner.invoke(app, ["backtest-deu", str(folder), *FAST], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "nash-cv" in result.stdout and "23.76" in result.stdout


def test_bad_folder_and_model(tmp_path: Path, folder: Path) -> None:
    result = runner.invoke(app, ["backtest-deu", str(tmp_path)], env={"COLUMNS": "300"})
    assert result.exit_code == 1 and "deu_issues.csv: no such file" in result.output
    result = runner.invoke(app, ["backtest-deu", str(folder), "--model", "oracle"])
    assert result.exit_code == 2 and "unknown model oracle" in result.output
    result = runner.invoke(app, ["backtest-deu", str(folder), "--capability", "gdp"])
    assert result.exit_code == 2 and "--capability must be one of" in result.output
