"""Extraction rules from the real-article failure classes of issue 16, on sentences written for
the tests (each names the class it guards)."""

from __future__ import annotations

from detente.evidence.extract import extract
from detente.evidence.text import normalise


def _found(text: str) -> list[tuple[str | None, str, str]]:
    return [(s.speaker, s.kind, s.quote) for s in extract(text)]


def test_quoted_words_inside_a_paraphrase_are_one_mixed_statement() -> None:
    text = "Stephen Barclay said the two sides shared a “common purpose” in the talks."
    assert _found(text) == [
        ("Stephen Barclay", "mixed", "the two sides shared a “common purpose” in the talks")
    ]


def test_each_cue_is_its_own_statement() -> None:
    text = "Juan Manuel Santos said the talks went well and that both sides want an end to war."
    assert [q for _, _, q in _found(text)] == [
        "the talks went well",
        "both sides want an end to war",
    ]
    text = (
        "Michel Barnier says there is no spirit of revenge, but warned many had underestimated it."
    )
    assert [q for _, _, q in _found(text)] == [
        "there is no spirit of revenge",
        "many had underestimated it",
    ]


def test_a_pronoun_in_the_next_paragraph_is_the_last_speaker() -> None:
    text = (
        "Robert Lighthizer said talks with Beijing would resume soon.\n\n"
        "“These are complicated issues,” he said."
    )
    assert _found(text)[-1][0] == "Robert Lighthizer"


def test_a_person_named_in_between_wins_over_the_last_speaker() -> None:
    text = (
        "Elena Sarkis said the talks had failed.\n\n"
        "The Front’s negotiator, Omar Haddad, rejected that. “She is wrong,” he told reporters."
    )
    assert _found(text)[-1][0] == "Omar Haddad"


def test_the_president_added_refers_to_the_president() -> None:
    text = (
        "Colombian President Juan Manuel Santos said the talks would go on.\n\n"
        "“These decisions were very difficult for all of us,” the president added."
    )
    assert _found(text)[-1][0] == "Juan Manuel Santos"


def test_an_unattributed_quoted_paragraph_continues_the_speaker() -> None:
    text = (
        "“My preoccupation is that time is passing,” Michel Barnier said.\n\n"
        "“I can’t negotiate with myself.”"
    )
    assert [s for s, _, _ in _found(text)] == ["Michel Barnier", "Michel Barnier"]


def test_a_short_quoted_term_is_not_a_statement() -> None:
    text = "Santos responded to a letter by FARC leader “Timochenko” who accused the government."
    assert all(q != "Timochenko" for _, _, q in _found(text))


def test_not_found_patterns_of_the_issue() -> None:
    assert _found("Zarif says progress has been made in the talks.") == [
        ("Zarif", "indirect", "progress has been made in the talks")
    ]
    assert _found("The talks are at a deadlock, Barnier has warned.") == [
        ("Barnier", "indirect", "The talks are at a deadlock")
    ]
    text = "Kim Jong Un arrived. Those measures, he said, were only a first step."
    assert _found(text)[-1][2] == "Those measures, he said, were only a first step"
    text = "The talks made progress, U.S. envoy Glyn Davies told reporters on Thursday (Feb. 23)."
    assert _found(text) == [("Glyn Davies", "indirect", "The talks made progress")]


def test_a_participle_of_saying_takes_the_sentence_subject() -> None:
    text = "Juan Manuel Santos Saturday showed optimism, saying “we hope to reach a good end.”"
    assert _found(text) == [("Juan Manuel Santos", "direct", "we hope to reach a good end.")]


def test_a_place_in_a_relative_clause_is_not_the_speaker() -> None:
    text = "Condoleezza Rice who met Angela Merkel in Berlin, said the talks will help."
    assert _found(text) == [("Condoleezza Rice", "indirect", "the talks will help")]


def test_said_on_a_day_that_starts_the_clause_after_that() -> None:
    text = "Robert Lighthizer said Wednesday that the negotiations had stopped."
    assert _found(text) == [("Robert Lighthizer", "indirect", "the negotiations had stopped")]


def test_hard_wrapped_lines_continue_their_sentence() -> None:
    raw = "A spokesman said Friday that the\ntalks were held in Berlin on\nJan. 16.\nNew line."
    assert normalise(raw).text == (
        "A spokesman said Friday that the talks were held in Berlin on Jan. 16.\n\nNew line."
    )


def test_a_dateline_is_not_part_of_the_clause() -> None:
    text = "WASHINGTON (REUTERS) - The talks may end in weeks, Robert Lighthizer said on Tuesday."
    assert _found(text) == [("Robert Lighthizer", "indirect", "The talks may end in weeks")]


def test_the_press_service_is_the_one_named_before() -> None:
    text = (
        "The Kremlin press service said that the leaders agreed to meet again.\n\n"
        "“The sides discussed the nuclear deal at length,” the press service said."
    )
    assert [s for s, _, _ in _found(text)] == ["Kremlin press service"] * 2


def test_an_attribution_after_a_few_unquoted_words() -> None:
    text = "“The focus of the talks is the removing” of the tariffs, Lighthizer said."
    assert _found(text)[0][0] == "Lighthizer"


def test_a_clause_opening_with_a_quotation_is_mixed() -> None:
    text = "Juan Manuel Santos said “the government has the will to reach a deal” to end the war."
    assert _found(text) == [
        (
            "Juan Manuel Santos",
            "mixed",
            "“the government has the will to reach a deal” to end the war",
        )
    ]


def test_according_to_the_head_of_state() -> None:
    text = (
        "Colombian President Juan Manuel Santos spoke on Monday.\n\n"
        "According to the Colombian head of state, the talks would be confidential."
    )
    assert _found(text)[-1][0] == "Juan Manuel Santos"


def test_hours_earlier_is_the_day_of_the_event_before() -> None:
    import datetime as dt

    text = (
        "Kim Jong Un met Moon Jae-in on Friday. Hours earlier, Kim Jong Un told reporters that "
        "the talks would resume."
    )
    statements = extract(text, None, dt.date(2019, 3, 9))
    assert [s.said_on for s in statements] == [dt.date(2019, 3, 8)]
