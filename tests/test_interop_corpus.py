"""The 19 third-party GENIUS / GeniusWeb domain folders in ../shared/domains (see SOURCES.md).

Counts of issues and options come from the files themselves (ElementTree / json here, not the
reader under test); utilities of random outcomes are recomputed by an independent, minimal
GENIUS / GeniusWeb evaluator written from the GENIUS user guide's equation (1) and
``EvaluatorInteger``, and compared with the brute-force utility of the loaded scenario.
"""

from __future__ import annotations

import json
import math
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from detente.interop import NoProfilesError, import_domain_folder
from detente.model.checks import check_scenario
from detente.model.scenario import Scenario
from tests.interop_reference import scenario_utility
from tests.shared_data import DOMAINS

SHARED = DOMAINS
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"corpus absent: {SHARED}")

FOLDERS = [
    "AirportSiteSelection", "Amsterdam", "Camera", "Car", "EnergySmall", "EnglandZimbabwe",
    "FlightBooking_GeniusWeb", "Grocery", "IS_BT_Acquisition", "ItexvsCypress",
    "JapanTrip_GeniusWeb", "Jobs", "KillerRobot", "Laptop", "Party", "Party_GeniusWeb",
    "Politics", "Railway", "ZoningPlan",
]  # fmt: skip
#: The documented quirks (SOURCES.md) and the warning each must produce.
QUIRKS = {
    "Car": ["adg_deal.xml: not well-formed XML, read leniently: missing space between two"],
    "ZoningPlan": [
        f"{name}: not well-formed XML, read leniently: unescaped '&' read as '&amp;'"
        for name in ["Group4.xml"] + [f"Group4_util{k}.xml" for k in range(1, 10)]
    ],
    "Laptop": [
        "laptop_buyer_utility.xml: weights sum to 1.00005; divided by their sum",
        "laptop_seller_utility.xml: weights sum to 1.00005; divided by their sum",
    ],
}


def _xml(path: Path) -> ET.Element:
    text = path.read_text()
    text = re.sub(r"&(?!amp;|lt;|gt;|quot;|apos;)", "&amp;", text).replace('"vtype', '" vtype')
    return ET.fromstring(text)


def _domain_file(folder: Path, scenario: Scenario) -> Path:
    name = scenario.metadata.summary.split(" domain ", 1)[1].split(" with ", 1)[0]
    return folder / name  # the summary names the file without its folder


def _expected_options(domain: Path) -> list[list[str]]:
    if domain.suffix == ".json":
        table = json.loads(domain.read_text())["issuesValues"]
        return [[str(v) for v in spec["values"]] for spec in table.values()]
    options = []
    for issue in _xml(domain).iter("issue"):
        if issue.get("type") == "integer":
            low, high = int(issue.get("lowerbound", "")), int(issue.get("upperbound", ""))
            options.append([str(v) for v in range(low, high + 1)])
        else:
            options.append([item.get("value", "") for item in issue.findall("item")])
    return options


def _genius_utility(profile: Path, choice: list[str]) -> float:
    root = _xml(profile)
    weights = {w.get("index"): float(w.get("value", "")) for w in root.iter("weight")}
    issues = list(root.iter("issue"))
    total = sum(weights[i.get("index")] for i in issues)
    utility = 0.0
    for issue, label in zip(issues, choice, strict=True):
        if issue.get("type") == "integer":
            ev = issue.find("evaluator")
            assert ev is not None
            x = int(label) - int(issue.get("lowerbound", ""))
            value = min(1.0, max(0.0, float(ev.get("offset", "")) + float(ev.get("slope", "")) * x))
        else:
            evals = {
                it.get("value"): float(it.get("evaluation", "")) for it in issue.findall("item")
            }
            top = max(evals.values())
            value = evals[label] / top if top >= 1e-5 else 0.0
        utility += weights[issue.get("index")] / total * value
    return utility


def _geniusweb_utility(profile: Path, names: list[str], choice: list[str]) -> float:
    space = json.loads(profile.read_text())["LinearAdditiveUtilitySpace"]
    weights = space["issueWeights"]
    total = sum(weights.values())
    return sum(
        weights[n] / total * space["issueUtilities"][n]["discreteutils"]["valueUtilities"][c]
        for n, c in zip(names, choice, strict=True)
    )


@pytest.mark.parametrize("name", FOLDERS)
def test_corpus_folder(name: str) -> None:
    folder = SHARED / name
    if name == "Railway":
        with pytest.raises(NoProfilesError) as caught:
            import_domain_folder(folder)
        reasons = {Path(s.file).name: s.reason for s in caught.value.skipped}
        assert reasons == {
            f: 'not additive (utility_space type="constraint")'
            for f in ("Minister.xml", "MinisterProfile.xml", "NS.xml", "ProRail.xml")
        }
        return
    result = import_domain_folder(folder)
    scenario = result.scenario
    assert not [p for p in check_scenario(scenario) if p.severity == "error"]
    domain = _domain_file(folder, scenario)
    expected = _expected_options(domain)
    assert [[o.label for o in issue.options] for issue in scenario.issues] == expected
    for party in scenario.parties:
        prefs = party.preferences
        assert prefs is not None
        assert math.fsum(prefs.weights.values()) == pytest.approx(1.0, abs=1e-12)
        for values in prefs.values.values():
            assert isinstance(values, dict) and all(0.0 <= v <= 1.0 for v in values.values())
        assert 0.0 <= prefs.reservation <= 1.0
    for skipped in result.skipped:
        head = Path(skipped.file).read_text()[:400]
        if "UNCERTAIN" in skipped.reason:
            assert 'type="UNCERTAIN"' in head
        else:  # the B and C variants of AirportSiteSelection / EnergySmall
            assert "-B-" in skipped.file or "-C-" in skipped.file, skipped
    for quirk in QUIRKS.get(name, []):
        assert any(quirk in w for w in result.warnings), quirk
    _check_random_outcomes(scenario, domain, folder)


def _check_random_outcomes(scenario: Scenario, domain: Path, folder: Path) -> None:
    rng = random.Random(7)
    names = [issue.label for issue in scenario.issues]
    for party in scenario.parties:
        profile = folder / f"{party.name}{domain.suffix}"
        for _ in range(25):
            picks = [rng.choice(issue.options) for issue in scenario.issues]
            outcome = {i.id: o.id for i, o in zip(scenario.issues, picks, strict=True)}
            labels = [o.label for o in picks]
            if domain.suffix == ".json":
                expected = _geniusweb_utility(profile, names, labels)
            else:
                expected = _genius_utility(profile, labels)
            got = scenario_utility(scenario, party.id, outcome)
            assert got == pytest.approx(expected, abs=1e-12)
            assert 0.0 <= got <= 1.0 + 1e-12


def test_killer_robot_has_240000_outcomes_and_integer_ids() -> None:
    scenario = import_domain_folder(SHARED / "KillerRobot").scenario
    assert math.prod(len(i.options) for i in scenario.issues) == 240_000  # SOURCES.md
    guns = scenario.issue("Guns")
    assert guns.option_ids == [str(v) for v in range(1, 11)]


def test_geniusweb_reservation_bid_becomes_its_utility() -> None:
    folder = SHARED / "FlightBooking_GeniusWeb"
    scenario = import_domain_folder(folder).scenario
    # flightbooking1: bid (200000yen, CentAir, 3 sept.) = 0.35*0.5 + 0.35*0.667 + 0.3*1.0
    prefs = scenario.party("flightbooking1").preferences
    assert prefs is not None
    assert prefs.reservation == pytest.approx(0.35 * 0.5 + 0.35 * 0.667 + 0.3 * 1.0)


def test_other_variant_of_a_multi_domain_folder() -> None:
    folder = SHARED / "AirportSiteSelection"
    result = import_domain_folder(folder, domain="AirportSiteSelection-B-domain.xml")
    assert [p.name for p in result.scenario.parties] == [
        "AirportSiteSelection-B-prof1", "AirportSiteSelection-B-prof2"
    ]  # fmt: skip
    prefs = result.scenario.parties[0].preferences
    assert prefs is not None and prefs.reservation == pytest.approx(0.25)  # from the B file
    assert "AirportSiteSelection-B-prof1=0.5" in result.scenario.metadata.summary
