"""Names with lower-case particles and title-first appositions (issue 6, held-out round)."""

from __future__ import annotations

import pytest

from detente.evidence.extract import extract


@pytest.mark.parametrize(
    "name",
    ["Khalid al-Mansouri", "Ursula von der Leyen", "Charles de Gaulle", "Ali bin Talal"],
)
def test_particle_names_are_speakers_and_resolve_later(name: str) -> None:
    surname = name.split()[-1]
    text = (
        f"“The port will reopen,” {name} said on Monday.\n\n"
        f"“Nobody will pay for it twice,” {surname[0].upper()}{surname[1:]} added."
    )
    assert [s.speaker for s in extract(text)] == [name, name]


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        (
            "“We will stay,” Norland’s interior minister, Pia Lund, told reporters.",
            "Pia Lund",
            "Norland’s interior minister",
        ),
        (
            "The union’s chief negotiator, Tom Berg, said the offer “is not enough.”",
            "Tom Berg",
            "union’s chief negotiator",
        ),
    ],
)
def test_title_first_apposition_names_the_speaker(sentence: str, speaker: str, role: str) -> None:
    statements = extract(sentence)
    assert statements and {s.speaker for s in statements} == {speaker}
    assert statements[0].speaker_role == role


def test_apposition_without_saying_introduces_the_pronoun_target() -> None:
    text = (
        "“Prices will fall,” said Rita Moss.\n\n"
        "The committee chair, Paul Grant of Sweden, closed the hearing. “We are done,” he said."
    )
    assert [s.speaker for s in extract(text)] == ["Rita Moss", "Paul Grant"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # first-name list: "Mary" is a woman, so "he" skips her
        ("Tom Berg said the port would open. Mary Holt said it would not.", "Tom Berg"),
        # honorifics later in the text: "Mr. Lund" is a man, "Ms. Ek" a woman
        (
            "Kit Lund said the port would open. Jo Ek said it would not. Mr. Lund met Ms. Ek.",
            "Kit Lund",
        ),
        # no cue at all: the nearest person
        ("Kit Lund said the port would open. Jo Ek said it would not.", "Jo Ek"),
    ],
)
def test_pronoun_goes_to_nearest_compatible_gender(text: str, speaker: str) -> None:
    statements = extract(text + "\n\n“It opens on Friday at noon,” he said.")
    assert statements[-1].speaker == speaker
