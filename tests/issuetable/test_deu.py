"""The DEU loader: the README's five baselines exactly, and located errors on bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from detente.engines.issuetable import IssueTableError, load_deu
from detente.engines.issuetable.catalog import benchmark
from tests.shared_data import DEU


@pytest.fixture(scope="module")
def folder() -> Path:
    if not (DEU / "deu_issues.csv").exists():
        pytest.skip(f"DEU data not found at {DEU}")
    return DEU


def test_scored_issue_count_is_the_readmes(folder: Path) -> None:
    table = load_deu(folder)
    assert len(table.issues) == 181
    assert len(table.scored().issues) == 178


def test_the_five_readme_baselines_exactly(folder: Path) -> None:
    # deu/README.md: 23.76, 23.69, 23.42, 28.14, 28.82 on the 178 scored training issues.
    names = ["compromise", "salience-mean", "mean", "median", "constant-50"]
    forecasts = benchmark(load_deu(folder, "votes"), names)
    mae = dict(zip(forecasts.names, forecasts.errors.mean(axis=1), strict=True))
    assert [round(float(mae[n]), 2) for n in names] == [23.76, 23.69, 23.42, 28.14, 28.82]


def test_votes_convention(folder: Path) -> None:
    issues = {i.issue_id: i for i in load_deu(folder, "votes").issues}
    first = issues["d00032i1"]  # final act 2001: pre-Nice, largest member weight 10
    weight = dict(zip(first.actors, first.capability, strict=True))
    assert first.scheme == "pre-nice"
    assert weight["com"] == weight["ep"] == 10.0 and weight["lu"] == 2.0
    absent = issues["d00060i1"]  # no final act date: Nice, largest member weight 29
    weight = dict(zip(absent.actors, absent.capability, strict=True))
    assert absent.scheme == "nice"
    assert weight["com"] == weight["ep"] == 29.0 and weight["lu"] == 4.0


def test_equal_capability(folder: Path) -> None:
    for issue in load_deu(folder, "equal").issues:
        assert np.all(issue.capability == 1.0)


def _copy(folder: Path, tmp: Path) -> Path:
    for f in folder.glob("*.csv"):
        shutil.copy(f, tmp / f.name)
        (tmp / f.name).chmod(0o644)
    return tmp


def test_bad_number_is_located(folder: Path, tmp_path: Path) -> None:
    root = _copy(folder, tmp_path)
    path = root / "deu_positions.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[4] = lines[4].rsplit(",", 1)[0] + ",lots"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(IssueTableError) as error:
        load_deu(root)
    assert f"{path}:5: salience 'lots' is not a number" in error.value.problems


def test_unknown_issue_and_missing_file_are_located(folder: Path, tmp_path: Path) -> None:
    root = _copy(folder, tmp_path)
    path = root / "deu_positions.csv"
    path.write_text(path.read_text("utf-8") + "nowhere,fr,50,50\n", "utf-8")
    with pytest.raises(IssueTableError, match=r"deu_positions.csv:\d+: issue 'nowhere'"):
        load_deu(root)
    (root / "deu_council_votes.csv").unlink()
    with pytest.raises(IssueTableError, match=r"deu_council_votes\.csv: no such file"):
        load_deu(root)


def test_unknown_capability() -> None:
    with pytest.raises(IssueTableError, match="capability must be one of"):
        load_deu(Path("."), "population")
