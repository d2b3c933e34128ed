"""GENIUS XML and GeniusWeb JSON samples of our own (tests/data/genius), checked by hand.

Every expected utility below is worked out from the sample file by GENIUS's rules and written
out in the comment; the loaded scenario is evaluated with the brute-force reference
``scenario_utility`` (weights times values, read off the scenario).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.interop import (
    InteropError,
    NoProfilesError,
    detect_format,
    import_domain,
    import_domain_folder,
    load_domain,
    load_domain_folder,
)
from detente.model import dump_scenario, load_scenario_text
from detente.model.checks import check_scenario
from detente.model.scenario import Scenario
from tests.interop_reference import option_id, scenario_utility

DATA = Path(__file__).parent / "data" / "genius"
UNCERTAIN = 'preference-uncertainty variant (utility_space type="UNCERTAIN")'


def utility(scenario: Scenario, party: str, choice: dict[str, str]) -> float:
    outcome = dict(option_id(scenario, issue, option) for issue, option in choice.items())
    return scenario_utility(scenario, party, outcome)


def test_discrete_domain_follows_genius_semantics() -> None:
    trip = DATA / "trip"
    scenario = load_domain(
        trip / "trip_domain.xml", [trip / "trip_alice.xml", trip / "trip_bob.xml"]
    )
    assert [p.id for p in scenario.parties] == ["trip_alice", "trip_bob"]
    assert all(p.role == "principal" and p.capability == 0.5 for p in scenario.parties)
    hotel = scenario.issues[0]
    assert (hotel.id, hotel.label) == ("Hotel_class", "Hotel class")
    assert [o.id for o in hotel.options] == ["Cheap_and_Nasty", "Mid_range", "Luxury"]
    assert hotel.options[0].label == "Cheap & Nasty"
    # alice: weights 0.6, 0.2 -> 0.75, 0.25; hotel 2,8,4 / 8 = 0.25,1,0.5; days 1,3 / 3 = 1/3,1
    # (the similarity_function's evaluation="99" is not a value of the issue and is ignored).
    alice = {"Hotel class": "Mid-range", "Days": "5"}
    assert utility(scenario, "trip_alice", alice) == pytest.approx(1.0)
    cheap3 = {"Hotel class": "Cheap & Nasty", "Days": "3"}
    assert utility(scenario, "trip_alice", cheap3) == pytest.approx(0.75 * 0.25 + 0.25 / 3)
    lux3 = {"Hotel class": "Luxury", "Days": "3"}
    assert utility(scenario, "trip_alice", lux3) == pytest.approx(0.75 * 0.5 + 0.25 / 3)
    # bob: weights 0.5, 0.5 (given in another order); days 0.2, 0.4 -> divided by max 0.4
    # as GENIUS 10.4 does even below 1: 0.5, 1; hotel 1, 0.5, 0 unchanged.
    assert utility(scenario, "trip_bob", cheap3) == pytest.approx(0.5 * 1 + 0.5 * 0.5)
    mid5 = {"Hotel class": "Mid-range", "Days": "5"}
    assert utility(scenario, "trip_bob", mid5) == pytest.approx(0.5 * 0.5 + 0.5 * 1)
    prefs = scenario.party("trip_alice").preferences
    assert prefs is not None and prefs.reservation == pytest.approx(0.3)
    assert "trip_alice=0.9" in scenario.metadata.summary  # the discount factor, recorded
    assert not [p for p in check_scenario(scenario) if p.severity == "error"]


def test_integer_issue_uses_clamped_linear_evaluator() -> None:
    robot = DATA / "robot"
    scenario, skipped = load_domain_folder(robot)
    assert skipped == []
    guns = scenario.issues[0]
    assert [o.id for o in guns.options] == ["1", "2", "3", "4", "5"]
    # util1: guns clamp(1.0 - 0.25 (v - 1)) -> v=3: 0.5; color 1, 3 / 3 -> Blue 1; w 0.5, 0.5
    assert utility(scenario, "robot_util1", {"Guns": "3", "Color": "Blue"}) == pytest.approx(0.75)
    assert utility(scenario, "robot_util1", {"Guns": "5", "Color": "Red"}) == pytest.approx(1 / 6)
    # util2: guns clamp(0.2 + 0.5 (v - 1)) -> v=2: 0.7, v=3: 1.2 -> 1; color 5, 0 / 5 -> 1, 0
    assert utility(scenario, "robot_util2", {"Guns": "2", "Color": "Red"}) == pytest.approx(0.91)
    assert utility(scenario, "robot_util2", {"Guns": "4", "Color": "Blue"}) == pytest.approx(0.3)
    assert utility(scenario, "robot_util2", {"Guns": "1", "Color": "Blue"}) == pytest.approx(0.06)


def test_geniusweb_json_with_number_issue_and_reservation_bid() -> None:
    result = import_domain_folder(DATA / "fruit_geniusweb")
    scenario = result.scenario
    assert [s.reason for s in result.skipped] == [
        "not additive (GeniusWeb profile type 'DefaultPartialOrdering', "
        "not LinearAdditiveUtilitySpace)"
    ]
    kilos = scenario.issues[1]
    assert [o.id for o in kilos.options] == ["1", "1.5", "2", "2.5", "3"]
    # fruit1: kilos linear 1 -> 0 .. 3 -> 1; w 0.4, 0.6; reservation bid (apple, 2):
    # 0.4 * 0.2 + 0.6 * 0.5 = 0.38
    one = scenario.party("fruit1").preferences
    assert one is not None and one.reservation == pytest.approx(0.38)
    assert utility(scenario, "fruit1", {"fruit": "banana", "kilos": "2.5"}) == pytest.approx(0.85)
    # fruit2: no reservation bid -> 0; cherry pie 0.5, kilos 2.5 -> 1 - 0.5 * 0.75 = 0.625
    two = scenario.party("fruit2").preferences
    assert two is not None and two.reservation == 0.0
    choice = {"fruit": "cherry pie", "kilos": "2.5"}
    assert utility(scenario, "fruit2", choice) == pytest.approx(0.5 * 0.5 + 0.5 * 0.625)
    assert scenario.issues[0].options[2].id == "cherry_pie"


def test_folder_skips_uncertain_and_foreign_files() -> None:
    scenario, skipped = load_domain_folder(DATA / "trip")
    assert [p.id for p in scenario.parties] == ["trip_alice", "trip_bob"]
    reasons = {Path(s.file).name: s.reason for s in skipped}
    assert reasons == {
        "README.txt": "neither GENIUS XML nor GeniusWeb JSON",
        "trip_alice_uncertain.xml": UNCERTAIN,
    }


def test_quirks_are_read_leniently_with_warnings() -> None:
    q = DATA / "quirks"
    result = import_domain(q / "zone.xml", [q / "zone_amp.xml", q / "zone_glued.xml"])
    text = "\n".join(result.warnings)
    assert (
        "zone.xml: not well-formed XML, read leniently: unescaped '&' read as '&amp;' (line 6)"
        in text
    )
    assert "zone_glued.xml: not well-formed XML, read leniently: missing space" in text
    assert "issue 'Park': every evaluation is 0" in text
    scenario = result.scenario
    seg = scenario.issues[0]
    assert [o.label for o in seg.options][1] == "all to two(farmer & mun.)"
    assert [o.id for o in seg.options] == [
        "all_to_one_farmer",
        "all_to_two_farmer_and_mun",
        "v_33pct_33pct_33pct",
    ]
    # zone_amp: 0.8 * 60/100 + 0.2 * 0 (all-zero Park evaluations count 0, as in GENIUS)
    pick = {"Segmentation": "all to two(farmer & mun.)", "Park": "Big"}
    assert utility(scenario, "zone_amp", pick) == pytest.approx(0.48)
    # zone_glued: 0.5 * 50/100 + 0.5 * 4/4
    assert utility(scenario, "zone_glued", pick) == pytest.approx(0.75)
    assert "Warning:" in scenario.metadata.summary


def test_bad_discount_factor_is_ignored_with_a_warning() -> None:
    q = DATA / "quirks"
    result = import_domain(q / "zone.xml", [q / "zone_amp.xml", q / "zone_bad_discount.xml"])
    assert any("discount_factor 's' is not a number" in w for w in result.warnings)
    prefs = result.scenario.party("zone_bad_discount").preferences
    assert prefs is not None and prefs.reservation == pytest.approx(0.1)


def test_constraint_profile_is_skipped_in_a_folder_and_refused_alone() -> None:
    q = DATA / "quirks"
    _, skipped = load_domain_folder(q)
    assert {Path(s.file).name: s.reason for s in skipped} == {
        "zone_rules.xml": 'not additive (utility_space type="constraint")'
    }
    with pytest.raises(InteropError, match="not additive"):
        load_domain(q / "zone.xml", [q / "zone_amp.xml", q / "zone_rules.xml"])


def test_folder_without_two_profiles_says_why(tmp_path: Path) -> None:
    trip = DATA / "trip"
    for name in ("trip_domain.xml", "trip_alice.xml", "trip_alice_uncertain.xml"):
        (tmp_path / name).write_bytes((trip / name).read_bytes())
    with pytest.raises(NoProfilesError) as caught:
        load_domain_folder(tmp_path)
    assert "UNCERTAIN" in str(caught.value)
    assert [Path(s.file).name for s in caught.value.skipped] == ["trip_alice_uncertain.xml"]


def test_format_is_detected_from_content_not_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "domain.txt"
    disguised.write_bytes((DATA / "fruit_geniusweb" / "fruit.json").read_bytes())
    assert detect_format(disguised) == "geniusweb_json"
    assert detect_format(b"\xef\xbb\xbf\n <negotiation_template/>") == "genius_xml"
    with pytest.raises(InteropError, match="neither GENIUS XML"):
        detect_format(b"name: yaml")


def test_scenario_round_trips_through_yaml() -> None:
    scenario, _ = load_domain_folder(DATA / "robot")
    again = load_scenario_text(dump_scenario(scenario), "robot.yaml")
    assert again == scenario


BROKEN = {
    "unclosed.xml": ("<negotiation_template>\n<utility_space>\n<issue name='a'>\n", 4),
    "entity.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<negotiation_template/>',
        2,
    ),
    "broken.json": ('{\n  "name": "x",\n  "issuesValues": {,}\n}', 3),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_give_located_errors(tmp_path: Path, name: str) -> None:
    text, line = BROKEN[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InteropError) as caught:
        load_domain(path, [path, path])
    assert caught.value.file == str(path)
    assert caught.value.line == line


def test_profile_errors_name_the_problem(tmp_path: Path) -> None:
    trip = DATA / "trip"
    alice = (trip / "trip_alice.xml").read_text()
    cases = {
        "missing value": (
            alice.replace('<item index="2" value="5" evaluation="3"/>', ""),
            "no evaluation for value(s) '5'",
        ),
        "no weight": (alice.replace('<weight index="2" value="0.2"/>', ""), "has no <weight>"),
        "bad number": (alice.replace('evaluation="8"', 'evaluation="eight"'), "is not a number"),
        "bad reservation": (alice.replace('value="0.3"', 'value="1.5"'), "outside [0, 1]"),
    }
    for label, (text, message) in cases.items():
        path = tmp_path / f"{label.replace(' ', '_')}.xml"
        path.write_text(text)
        with pytest.raises(
            InteropError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
        ):
            load_domain(trip / "trip_domain.xml", [path, trip / "trip_bob.xml"])
