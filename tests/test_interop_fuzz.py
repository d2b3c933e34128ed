"""Parser fuzzing: arbitrary bytes and mutated sample files give a Scenario or an InteropError."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.interop import InteropError, load_domain
from detente.interop.ids import slug, unique_ids
from detente.model.scenario import ID_PATTERN, Scenario

DATA = Path(__file__).parent / "data" / "genius"
SAMPLES = {
    "trip": (DATA / "trip" / "trip_domain.xml", DATA / "trip" / "trip_alice.xml"),
    "robot": (DATA / "robot" / "robot.xml", DATA / "robot" / "robot_util2.xml"),
    "fruit": (DATA / "fruit_geniusweb" / "fruit.json", DATA / "fruit_geniusweb" / "fruit1.json"),
    "zone": (DATA / "quirks" / "zone.xml", DATA / "quirks" / "zone_amp.xml"),
}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(tmp: Path, domain: bytes, profile: bytes) -> None:
    d, p = tmp / "domain", tmp / "profile"
    d.write_bytes(domain)
    p.write_bytes(profile)
    try:
        result = load_domain(d, [p, p])
    except InteropError as error:
        assert str(error).startswith(str(tmp))
        return
    assert isinstance(result, Scenario)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(sorted(SAMPLES)))
def test_arbitrary_bytes(tmp_path_factory: object, data: bytes, sample: str) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    domain, profile = SAMPLES[sample]
    _outcome(tmp, data, profile.read_bytes())
    _outcome(tmp, domain.read_bytes(), data)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[bytes, bytes]:
    domain, profile = SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))]
    texts = [domain.read_bytes(), profile.read_bytes()]
    which = draw(st.integers(0, 1))
    raw = bytearray(texts[which])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert"]))
        if action == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del raw[at : at + draw(st.integers(1, 20))]
        else:
            raw[at:at] = draw(
                st.sampled_from([b"&", b'"', b"<", b"-1", b"1e999", b"{", b"]", b"NaN"])
            )
    texts[which] = bytes(raw)
    return texts[0], texts[1]


@FUZZ
@given(_mutated())
def test_mutated_samples(tmp_path_factory: object, pair: tuple[bytes, bytes]) -> None:
    tmp = tmp_path_factory.mktemp("mutated")  # type: ignore[attr-defined]
    _outcome(tmp, *pair)


@given(st.lists(st.text(max_size=30), max_size=12))
def test_slugs_are_valid_unique_ids(texts: list[str]) -> None:
    ids = unique_ids(texts)
    assert len(set(ids)) == len(ids)
    assert all(re.match(ID_PATTERN, i) and len(i) <= 80 for i in ids)
    assert ids == unique_ids(texts)  # deterministic
    if texts:  # the first name is never renamed; a renamed one keeps its slug as the stem
        assert ids[0] == slug(texts[0])
    assert all(
        i == slug(t) or i.endswith(tuple(f"_{n}" for n in range(2, 14)))
        for t, i in zip(texts, ids, strict=True)
    )
