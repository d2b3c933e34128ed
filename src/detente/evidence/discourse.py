"""Rules over the statements of an article in text order (issue 16).

1. *Mixed statements*: a direct quotation lying inside the span of a reported clause is part of
   that paraphrase ("said the talks were “useful”"): the two are one statement of kind
   ``mixed`` (one statement per cue and content), not a paraphrase plus a direct quote; so is
   any reported clause with quoted words in it.
2. *Salience*: a pronoun or a definite description ("he", "the president") refers to the
   speaker of the previous statement when that statement is in the same or the previous
   paragraph (the previous one when no person is named in between) and the pronoun's gender
   does not rule the speaker out; otherwise the nearest
   earlier mention (:func:`detente.evidence.context.resolve`) stands. Centering theory's
   preference for the previous utterance's subject: Grosz, Joshi & Weinstein (1995),
   *Centering: A framework for modeling the local coherence of discourse*, Computational
   Linguistics 21(2).
3. *Named groups*: "the press service" is the group named before ("The Kremlin press
   service") among the last eight statements.
4. *Continuation*: a quotation with no attribution that follows a statement in the same or the
   previous paragraph continues that speaker (a quoted paragraph after "X said:").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from detente.evidence import attribution as attr
from detente.evidence.gender import pronoun_gender
from detente.evidence.statement import ExtractedStatement

__all__ = ["merge_mixed", "salience"]


def merge_mixed(statements: list[ExtractedStatement]) -> list[ExtractedStatement]:
    """Fold each direct quotation inside a reported clause into that clause (kind ``mixed``).

    ``statements`` are in text order; the result is too.
    """
    clauses = [s for s in statements if s.kind != "direct"]
    starts = [s.start for s in clauses]
    inside: set[int] = set()
    mixed: set[int] = set()
    k = 0
    for i, s in enumerate(statements):
        if s.kind != "direct":
            continue
        while k < len(clauses) and clauses[k].end < s.start:
            k += 1
        for j in range(max(k - 1, 0), min(k + 2, len(clauses))):
            c = clauses[j]
            if c.start <= s.start and s.end <= c.end + 1:
                inside.add(i)
                mixed.add(starts[j])
                break
    mixed |= {s.start for s in clauses if "“" in s.quote}
    return [
        replace(s, kind="mixed") if s.kind == "indirect" and s.start in mixed else s
        for i, s in enumerate(statements)
        if i not in inside
    ]


def _gender_ok(anaphor: str, speaker_gender: str | None) -> bool:
    if not re.fullmatch(attr.PRONOUN, anaphor):
        return True
    return speaker_gender in (None, pronoun_gender(anaphor))


def _near(last: ExtractedStatement, s: ExtractedStatement, introduced: bool) -> bool:
    return s.paragraph == last.paragraph or (s.paragraph == last.paragraph + 1 and not introduced)


def _named_group(s: ExtractedStatement, out: list[ExtractedStatement]) -> ExtractedStatement:
    """ "the press service" after "The Kremlin press service": the group named before."""
    speaker = s.speaker or ""
    if not speaker.lower().startswith("the ") or not speaker[4:5].islower():
        return s
    tail = speaker[4:].lower()
    for earlier in reversed(out[-8:]):
        name = earlier.speaker or ""
        if name.lower().endswith(tail) and name.lower() != speaker.lower():
            return replace(s, speaker=name, party=earlier.party, speaker_role=earlier.speaker_role)
    return s


def salience(
    statements: list[ExtractedStatement],
    gender_of: Callable[[ExtractedStatement], str | None],
    introduced: Callable[[ExtractedStatement], bool],
) -> list[ExtractedStatement]:
    """Resolve pronouns, definite descriptions and unattributed quotations to the previous
    statement's speaker where the module docstring says so (``statements`` in text order).

    ``introduced(s)`` tells whether a person is named in ``s``'s paragraph before ``s``: then a
    statement of the previous paragraph is not the nearest referent. A group speaker
    ("officials") is never the referent of "he" or "she".
    """
    out: list[ExtractedStatement] = []
    last: ExtractedStatement | None = None
    for s in statements:
        s = _named_group(s, out)
        if last is not None and last.speaker != s.speaker and _near(last, s, introduced(s)):
            continues = s.speaker is None and s.kind == "direct"
            person = bool(last.speaker) and str(last.speaker)[:1].isupper()
            refers = bool(s.anaphor) and person and _gender_ok(s.anaphor, gender_of(last))
            if continues or refers:
                sieve = "continuation" if continues else f"{s.sieve}-salience"
                s = replace(
                    s,
                    speaker=last.speaker,
                    party=last.party,
                    speaker_role=last.speaker_role,
                    sieve=sieve,
                )
        out.append(s)
        if s.speaker is not None:
            last = s
    return out
