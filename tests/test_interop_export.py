"""Writing GENIUS XML and GeniusWeb JSON: read -> write -> read gives the scenario back, and
NegMAS 0.16 reads what is written with the same utilities (differential test).

The corpus (``../shared/domains``) is read here and never copied; the tests skip with the
reason when it is absent.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from detente import resolve_scenario
from detente.interop import export_domain, import_domain_folder
from detente.interop.domains import _scan
from detente.model import dump_scenario
from detente.model.scenario import Scenario
from detente.presentation.cli import app
from tests.interop_reference import scenario_utility
from tests.shared_data import DOMAINS

runner = CliRunner()


def _domains() -> list[tuple[str, str, str]]:
    """(folder, domain file name, its format) of every domain file of the corpus."""
    if not DOMAINS.is_dir():
        return []
    found = []
    for folder in sorted(p for p in DOMAINS.iterdir() if p.is_dir()):
        parsed, _ = _scan(folder)
        found += [(folder.name, Path(p.file).name, p.format) for p in parsed if p.is_domain]
    return found


CORPUS = _domains()
needs_corpus = pytest.mark.skipif(not CORPUS, reason=f"corpus absent: {DOMAINS}")


def _read(folder: str, domain: str) -> Scenario:
    try:
        return import_domain_folder(DOMAINS / folder, domain).scenario
    except Exception as error:  # a domain the reader refuses (no usable profile) is not ours
        pytest.skip(f"{folder}/{domain} is not importable: {error}")


def _model(scenario: Scenario) -> dict[str, Any]:
    """Everything but the summary (it names the files read, which differ by design)."""
    document = scenario.model_dump(mode="json")
    document["metadata"].pop("summary")
    return document


def _assert_same(first: Scenario, again: Scenario, divides: bool) -> None:
    """Equal models; with ``divides`` (GENIUS divides each issue's evaluations by their
    maximum) an issue whose maximum is 1 - 2**-53 may move by an ulp."""
    a, b = _model(first), _model(again)
    for party_a, party_b in zip(a["parties"], b["parties"], strict=True):
        values_a = party_a["preferences"].pop("values")
        values_b = party_b["preferences"].pop("values")
        assert values_a.keys() == values_b.keys()
        for issue, row in values_a.items():
            top = max(row.values())
            if not divides or top in (0.0, 1.0):
                assert values_b[issue] == row, (party_a["id"], issue)
            else:  # a clamped real issue whose maximum is 1 - 2**-53: GENIUS divides by it
                assert abs(top - 1.0) < 1e-12
                assert values_b[issue] == pytest.approx(row, abs=1e-15)
    assert a == b


@needs_corpus
@pytest.mark.parametrize(("folder", "domain", "fmt"), CORPUS)
def test_read_write_read_is_exact_on_every_corpus_domain(
    folder: str, domain: str, fmt: str, tmp_path: Path
) -> None:
    first = _read(folder, domain)
    target = "genius" if fmt == "genius_xml" else "geniusweb"
    result = export_domain(first, tmp_path, target)
    assert result.warnings == ()
    again = import_domain_folder(tmp_path, as_of=first.metadata.as_of).scenario
    _assert_same(first, again, divides=target == "genius")


@needs_corpus
@pytest.mark.parametrize(("folder", "domain"), [(f, d) for f, d, k in CORPUS if k == "genius_xml"])
def test_genius_domains_written_as_geniusweb_keep_weights_and_values(
    folder: str, domain: str, tmp_path: Path
) -> None:
    first = _read(folder, domain)
    result = export_domain(first, tmp_path, "geniusweb")
    again = import_domain_folder(tmp_path, as_of=first.metadata.as_of).scenario
    for party_a, party_b in zip(first.principals, again.principals, strict=True):
        pa, pb = party_a.preferences, party_b.preferences
        assert pa is not None and pb is not None
        assert pa.weights == pb.weights and pa.values == pb.values
        # a reservation value becomes a bid: exact, or the warning gives the bid's worth
        if pa.reservation != pb.reservation:
            assert any(f"worth {pb.reservation:.6g}" in w for w in result.warnings)


def _labelled(scenario: Scenario, picks: tuple[str, ...]) -> dict[str, str]:
    """The outcome of ``scenario`` whose options carry the labels ``picks`` (issue order)."""
    outcome = {}
    for issue, label in zip(scenario.issues, picks, strict=True):
        outcome[issue.id] = next(o.id for o in issue.options if (o.label or o.id) == label)
    return outcome


def test_hanoi_as_genius_keeps_every_preference_up_to_the_documented_scale(
    tmp_path: Path,
) -> None:
    hanoi = resolve_scenario("hanoi-2019")
    result = export_domain(hanoi, tmp_path, "genius")
    assert any("3 red line(s)" in w for w in result.warnings)
    again = import_domain_folder(tmp_path).scenario
    for party in hanoi.principals:
        prefs = party.preferences
        assert prefs is not None
        weights = {k: v / sum(prefs.weights.values()) for k, v in prefs.weights.items()}
        tops = {
            i.id: max(v for v in prefs.values[i.id].values())  # type: ignore[union-attr]
            for i in hanoi.issues
        }
        scale = sum(weights[i] * tops[i] for i in weights)  # S = sum_i w_i max v_i
        twin = next(p for p in again.principals if p.name == party.name)
        assert twin.preferences is not None
        assert twin.preferences.reservation == pytest.approx(min(1.0, prefs.reservation / scale))
        labels = [[o.label or o.id for o in i.options] for i in hanoi.issues]
        for picks in itertools.product(*labels):
            theirs = scenario_utility(again, twin.id, _labelled(again, picks))
            ours = scenario_utility(hanoi, party.id, _labelled(hanoi, picks))
            assert theirs * scale == pytest.approx(ours, abs=1e-12)


negmas_inout = pytest.importorskip("negmas.inout", reason="NegMAS (the peers extra) not installed")


def _outcomes(scenario: Scenario, limit: int = 3000) -> list[tuple[str, ...]]:
    labels = [[o.label or o.id for o in i.options] for i in scenario.issues]
    every = list(itertools.product(*labels))
    return every if len(every) <= limit else random.Random(17).sample(every, limit)


def _negmas_agrees(written: Scenario, folder: Path, fmt: str) -> None:
    domain = next(p for p in folder.iterdir() if p.stem.endswith("-domain"))
    profiles = sorted(p for p in folder.iterdir() if p != domain)
    reader = negmas_inout.Scenario.from_genius_files if fmt == "genius" else (
        negmas_inout.Scenario.from_geniusweb_files
    )  # fmt: skip
    peer = reader(domain=domain, ufuns=profiles)
    ours = import_domain_folder(folder).scenario
    by_name = {p.name: p for p in ours.principals}
    assert len(peer.ufuns) == len(written.principals)
    for profile, ufun in zip(profiles, peer.ufuns, strict=True):
        party = by_name[profile.stem]
        assert party.preferences is not None
        assert party.preferences.reservation == pytest.approx(ufun.reserved_value or 0.0, abs=1e-9)
        for picks in _outcomes(ours):
            utility = scenario_utility(ours, party.id, _labelled(ours, picks))
            assert utility == pytest.approx(ufun(picks), abs=1e-9)


@needs_corpus
@pytest.mark.parametrize(("folder", "domain", "fmt"), CORPUS)
@pytest.mark.parametrize("target", ["genius", "geniusweb"])
def test_negmas_reads_what_is_written_with_the_same_utilities(
    folder: str, domain: str, fmt: str, target: str, tmp_path: Path
) -> None:
    first = _read(folder, domain)
    export_domain(first, tmp_path, target)  # type: ignore[arg-type]
    _negmas_agrees(first, tmp_path, target)


def test_negmas_reads_hanoi_written_in_both_formats(tmp_path: Path) -> None:
    hanoi = resolve_scenario("hanoi-2019")
    for target in ("genius", "geniusweb"):
        export_domain(hanoi, tmp_path / target, target)  # type: ignore[arg-type]
        _negmas_agrees(hanoi, tmp_path / target, target)


def test_cli_export_domain_writes_the_files_and_refuses_a_bad_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export-domain", "hanoi-2019", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "North Korea.xml",
        "United States.xml",
        "hanoi-2019-domain.xml",
    ]
    bad = runner.invoke(app, ["export-domain", "hanoi-2019", "--format", "x", "-o", "o"])
    assert bad.exit_code == 2 and "expected genius or geniusweb" in bad.output


def test_import_dates_the_scenario_by_its_domain_file_and_names_no_folder(tmp_path: Path) -> None:
    export_domain(resolve_scenario("hanoi-2019"), tmp_path, "geniusweb")
    day = dt.datetime(2019, 3, 7, 12, tzinfo=dt.UTC).timestamp()
    os.utime(tmp_path / "hanoi-2019-domain.json", (day, day))
    scenario = import_domain_folder(tmp_path.resolve()).scenario
    assert scenario.metadata.as_of == dt.date(2019, 3, 7)
    assert str(tmp_path) not in dump_scenario(scenario)
    result = runner.invoke(app, ["import-domain", str(tmp_path), "--as-of", "2020-01-02"])
    assert result.exit_code == 0 and "as_of: '2020-01-02'" in result.output
    assert str(tmp_path) not in result.output
