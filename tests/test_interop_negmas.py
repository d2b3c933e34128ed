"""Cross-check against NegMAS 0.16 where it is an oracle.

NegMAS's GENIUS reader does not divide discrete evaluations by the issue maximum and drops the
``- lowerbound`` of integer evaluators, so it is compared only on a GENIUS profile of ours
whose issue maxima are already 1 (discrete issues only). Its GeniusWeb reader applies the same
rule as GeniusWeb (values as given, reservation = utility of the reservation bid), so the three
GeniusWeb corpus folders are compared outcome by outcome, reservation values included.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from detente.interop import load_domain
from detente.model.scenario import Scenario
from tests.interop_reference import scenario_utility
from tests.shared_data import DOMAINS

negmas_inout = pytest.importorskip("negmas.inout", reason="NegMAS (the peers extra) not installed")

DATA = Path(__file__).parent / "data" / "genius"
SHARED = DOMAINS
MAX_ONE = """<utility_space>
<objective index="0" name="Trip" type="objective" etype="objective">
<issue index="1" name="Hotel class" type="discrete" etype="discrete" vtype="discrete">
  <item index="1" value="Cheap &amp; Nasty" evaluation="0.2"/>
  <item index="2" value="Mid-range" evaluation="1"/>
  <item index="3" value="Luxury" evaluation="0.7"/>
</issue>
<issue index="2" name="Days" type="discrete" etype="discrete" vtype="discrete">
  <item index="1" value="3" evaluation="1"/>
  <item index="2" value="5" evaluation="0.4"/>
</issue>
<weight index="1" value="0.35"/>
<weight index="2" value="0.65"/>
</objective>
<reservation value="0.2"/>
</utility_space>
"""


def _compare(scenario: Scenario, peer: object) -> None:
    ufuns = peer.ufuns  # type: ignore[attr-defined]
    assert len(ufuns) == len(scenario.parties)
    for party, ufun in zip(scenario.parties, ufuns, strict=True):
        prefs = party.preferences
        assert prefs is not None
        assert prefs.reservation == pytest.approx(ufun.reserved_value or 0.0, abs=1e-9)
        for picks in itertools.product(*(issue.options for issue in scenario.issues)):
            outcome = {i.id: o.id for i, o in zip(scenario.issues, picks, strict=True)}
            theirs = ufun(tuple(o.label for o in picks))
            assert scenario_utility(scenario, party.id, outcome) == pytest.approx(theirs, abs=1e-9)


def test_genius_profile_with_unit_maxima_matches_negmas(tmp_path: Path) -> None:
    domain = DATA / "trip" / "trip_domain.xml"
    profiles = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.xml"
        text = (
            MAX_ONE
            if name == "one"
            else MAX_ONE.replace('"0.35"', '"0.8"').replace('"0.65"', '"0.2"')
        )
        path.write_text(text)
        profiles.append(path)
    ours = load_domain(domain, profiles)
    peer = negmas_inout.Scenario.from_genius_files(domain=domain, ufuns=profiles)
    _compare(ours, peer)


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"corpus absent: {SHARED}")
@pytest.mark.parametrize(
    ("folder", "stem"),
    [("JapanTrip_GeniusWeb", "japantrip"), ("FlightBooking_GeniusWeb", "flightbooking"),
     ("Party_GeniusWeb", "party")],
)  # fmt: skip
def test_geniusweb_corpus_matches_negmas(folder: str, stem: str) -> None:
    base = SHARED / folder
    domain, profiles = base / f"{stem}.json", [base / f"{stem}1.json", base / f"{stem}2.json"]
    ours = load_domain(domain, profiles)
    peer = negmas_inout.Scenario.from_geniusweb_files(domain=domain, ufuns=profiles)
    _compare(ours, peer)
