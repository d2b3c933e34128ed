"""Transcripts: paragraphs that open with a speaker label ("MR. MORA:", "LAVROV:").

A text is read as a transcript when at least two paragraphs open with an upper-case label and a
colon. Each turn of a named speaker is one direct statement (the whole turn, without the
label); procedural turns (moderator, questions, operator) are not statements.
"""

from __future__ import annotations

import re

__all__ = ["PROCEDURAL", "find_turns"]

#: Labels of turns that are not statements.
PROCEDURAL = frozenset({"Q", "A", "QUESTION", "MODERATOR", "OPERATOR", "REPORTER", "PARTICIPANT"})

_LABEL = re.compile(
    r"(?P<label>(?:(?:MR|MS|MRS|DR|SEN|REP|GEN|AMB)\. )?[A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,3}):\s+"
)
_HONORIFIC = re.compile(r"^(?:MR|MS|MRS|DR|SEN|REP|GEN|AMB)\. ")


def find_turns(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """``(speaker, start, end)`` of each statement turn; ``[]`` when not a transcript.

    The speaker is the label in title case without an honorific ("MR. MORA" -> "Mora").

    >>> t = "MR. MORA: We agreed.\\n\\nQUESTION: When?\\n\\nARAGHCHI: Not yet."
    >>> from detente.evidence.text import Text
    >>> [(s, t[a:b]) for s, a, b in find_turns(t, Text(t).paragraphs)]
    [('Mora', 'We agreed.'), ('Araghchi', 'Not yet.')]
    """
    labelled = []
    for start, end in paragraphs:
        match = _LABEL.match(text, start, end)
        if match:
            labelled.append((match, end))
    if len(labelled) < 2:
        return []
    turns = []
    for match, end in labelled:
        label = match.group("label")
        if label in PROCEDURAL:
            continue
        name = _HONORIFIC.sub("", label).title()
        turns.append((name, match.end(), end))
    return turns
