"""Indirect (reported) speech: the clause a verb of saying reports.

Patterns, tried on each sentence with its quotations masked (see
:func:`detente.evidence.attribution.mask_quotes`):

1. ``X said|told Y|... that CLAUSE`` — up to 100 characters between the verb and "that";
2. ``X said CLAUSE`` — a complement without "that", starting with a determiner, a pronoun,
   "there" or a capitalised word right after the verb ("Bolton said the U.S. will ...");
3. ``According to X, CLAUSE`` and ``CLAUSE, according to X`` (X is then the speaker, and the
   subject of pattern 1, e.g. "Reuters reported that ...", the reporter);
4. ``CLAUSE, X explained|surmised|said.`` at the end of a sentence.

A clause that is one whole direct quotation (``Ri said that “...”``) is left to the direct
extractor. Leading discourse connectives ("Namely,", "However,") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.evidence.attribution import (
    GROUP,
    LOWER_TITLED,
    NOT_AFTER_PREPOSITION,
    PRONOUN,
    SUBJECT,
    VERB,
    Attribution,
    according_to,
)
from detente.evidence.venues import CAPRUN

__all__ = ["Indirect", "find_indirect", "split_cues"]

_SV = re.compile(rf"(?<![\w’]){NOT_AFTER_PREPOSITION}(?:{SUBJECT}),? (?P<verb>{VERB})\b")
_THAT = re.compile(r"(?P<mid>[^“”#;]{0,100}?)\bthat\s+")
_ZERO_THAT = re.compile(
    r"(?: on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))? "
    r"(?=(?:the|a|an|he|she|it|they|we|there|this|these|its|his|her|their|some|no|more|any|"
    r"all|both|[A-Z][\w’.\-]{0,40}|(?!(?:on|in|at|during|after|before|to|that|from|with|by|for|"
    r"of|as|when|while|earlier|later|last|yesterday|today|and|but|or|so|not|also|again)\b)"
    r"[a-z]{3,20}(?= (?:has|have|had|is|are|was|were|will|would|could|can|must|should)\b)) "
    r"\S{1,60} \S)"
)
_ZERO_VERBS = frozenset(
    [
        "said",
        "says",
        "maintained",
        "maintains",
        "argued",
        "argues",
        "warned",
        "warns",
        "insisted",
        "insists",
        "believes",
        "signaled",
        "signalled",
        "added",
        "noted",
    ]
)
_AFTER_VERB = r"(?: [^,“”#;]{0,60}?)?(?: \([^()]{0,30}\))?[\s.!?]*$"  # " on Tuesday (March 12)."
_TRAILING = re.compile(
    rf",\s(?:(?P<subj>{GROUP}|{LOWER_TITLED}|{CAPRUN}|{PRONOUN}) (?P<verb>{VERB})|"
    rf"(?P<verb2>{VERB}) (?P<subj2>{CAPRUN}))(?:,[^“”#;]{{0,100}})?{_AFTER_VERB}"
)
#: A clause that opens with a quotation and goes on unquoted: "said “the will” to end it".
_QUOTED_CLAUSE = re.compile(r" (?=“#+” [a-z])")
#: An attribution inserted in the clause: "Those measures, he said, were ...".
_INSERTED = re.compile(
    rf"^[^,“”#;]{{3,80}}, (?P<subj>{PRONOUN}|{CAPRUN}) (?P<verb>{VERB}), (?=[a-z])"
)
#: A second cue in one reported clause: "said X and that Y", "says X, but warned Y".
_SECOND_CUE = re.compile(
    rf",? (?:and|but) (?:that |(?:also )?(?:{VERB}|dismissed|pointing out)(?: that)? )"
)
#: Another source cut off the clause: "... and the Financial Times reports ...".
_OTHER_SOURCE = re.compile(rf",? and (?:the )?{CAPRUN} (?:reports|reported|says)\b")
#: ", Iranian state television reported." ending a clause: the reporter, not the content.
_REPORTED_TAIL = re.compile(r",\s(?:[\w’'.\-]+ ){1,4}(?:reported|reports)[\s.!?]*$")
_REPORTER_TAIL = re.compile(rf"”,?\s(?:{CAPRUN}) (?:reported|said|wrote|noted)[\s.!?]*$")
_CONNECTIVE = re.compile(
    r"^(?:Namely|However|Still|Meanwhile|Moreover|Indeed|In this way|In short|Instead|Thus),\s+"
)
#: "WASHINGTON (REUTERS) - " opening a wire story: not part of the reported clause.
_DATELINE = re.compile(r"^[A-Z][A-Z .,’'()]{2,60}\s(?:-|--|–|—)\s+")
_ACCORDING_PHRASE = re.compile(r",? [Aa]ccording to [^,]*(?:,|$)|^[Aa]ccording to [^,]*, ")


@dataclass(frozen=True)
class Indirect:
    """A reported clause (``start``, ``end``), who said it, and who reported it (if said)."""

    start: int
    end: int
    speaker: Attribution
    reporter: Attribution | None = None


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    connective = _CONNECTIVE.match(chunk) or _DATELINE.match(chunk)
    if connective:
        start += connective.end()
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    return start, end


def _is_one_quote(text: str) -> bool:
    stripped = text.strip(" .,;:")
    return stripped.startswith("“") and stripped.endswith("”") and stripped.count("“") == 1


def _is_adjunct(mid: str) -> bool:
    """Whether the words between a verb and "that" are a time or place ("Wednesday")."""
    return len(mid.split()) <= 3 and re.match(r"\s*(?:the|a|an|he|she|it|they|we)\b", mid) is None


def _verb_clause(masked: str, base: int) -> tuple[Attribution, int] | None:
    for match in _SV.finditer(masked):
        that = _THAT.match(masked, match.end())  # matched in place: no copy of the rest
        verb = match.group("verb").split()[-1]
        zero = _ZERO_THAT.match(masked, match.end()) if verb in _ZERO_VERBS else None
        quoted = _QUOTED_CLAUSE.match(masked, match.end())
        if quoted:  # said “the government has the will” to end the conflict: a mixed clause
            offset = quoted.end()
        elif that and (zero is None or _is_adjunct(that.group("mid"))):
            offset = that.end()  # "said Wednesday that": the that-clause, not "Wednesday that"
        elif zero:
            offset = zero.end()
        else:
            continue
        subject = Attribution(
            match.group("subj"),
            base + match.start("subj"),
            match.group("verb"),
            (match.group("appos") or "").strip(),
            "indirect",
        )
        return subject, offset
    return None


def find_indirect(sentence: str, masked: str, base: int) -> Indirect | None:
    """The reported clause of one sentence, if any; see the module docstring.

    ``sentence`` and ``masked`` are the sentence and its masked form; ``base`` its offset.

    Examples
    --------
    >>> s = "Later, Mike Pompeo told the farmers that he was hopeful about talks."
    >>> found = find_indirect(s, s, 0)
    >>> s[found.start:found.end], found.speaker.subject
    ('he was hopeful about talks', 'Mike Pompeo')
    >>> s = "The talks failed over terms, analysts explained."
    >>> found = find_indirect(s, s, 0)
    >>> s[found.start:found.end], found.speaker.subject
    ('The talks failed over terms', 'analysts')
    """
    source = according_to(masked, 0)
    verb_clause = _verb_clause(masked, base)
    if verb_clause is not None:
        subject, offset = verb_clause
        end = len(sentence)
        phrase = _ACCORDING_PHRASE.search(masked, offset)
        if phrase is not None and source is not None:
            end = phrase.start()
            speaker = _shift(source, base)
            return _make(sentence, base, offset, end, speaker, subject)
        return _make(sentence, base, offset, end, subject, None)
    if source is not None:
        phrase = _ACCORDING_PHRASE.search(masked)
        if phrase is None:  # "according to" glued to a quotation mark: no clause to delimit
            return None
        start, end = (phrase.end(), len(sentence)) if phrase.start() == 0 else (0, phrase.start())
        return _make(sentence, base, start, end, _shift(source, base), None)
    inserted = _INSERTED.match(masked)
    if inserted is not None:  # "Those measures, he said, were ..."
        speaker = Attribution(
            inserted.group("subj"), base + inserted.start("subj"), inserted.group("verb"), "",
            "indirect",
        )  # fmt: skip
        return _make(sentence, base, 0, len(sentence), speaker, None)
    trailing = _TRAILING.search(masked)
    if trailing is not None and "“" not in masked[: trailing.start()]:
        group = "subj" if trailing.group("subj") else "subj2"
        verb = trailing.group("verb") or trailing.group("verb2")
        speaker = Attribution(
            trailing.group(group), base + trailing.start(group), verb, "", "indirect"
        )
        return _make(sentence, base, 0, trailing.start(), speaker, None)
    return None


def split_cues(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a reported clause, one per cue: "the talks were useful and that more were
    planned" gives two; "... and the Financial Times reports ..." ends the clause.

    >>> m = "it was useful and that more talks were planned"
    >>> [m[a:b] for a, b in split_cues(m, 0, len(m))]
    ['it was useful', 'more talks were planned']
    """
    other = _OTHER_SOURCE.search(masked, start, end)
    end = other.start() if other else end
    spans = []
    for cue in _SECOND_CUE.finditer(masked, start, end):
        if len(masked[start : cue.start()].split()) >= 2:
            spans.append((start, cue.start()))
            start = cue.end()
    spans.append((start, end))
    return [(a, b) for a, b in spans if len(masked[a:b].split()) >= 2]


def _shift(attribution: Attribution, base: int) -> Attribution:
    return Attribution(attribution.subject, attribution.start + base, "", "", "according")


def _make(
    sentence: str,
    base: int,
    start: int,
    end: int,
    speaker: Attribution,
    reporter: Attribution | None,
) -> Indirect | None:
    reported = _REPORTED_TAIL.search(sentence, start, end)
    end = reported.start() if reported else end
    reporter_tail = _REPORTER_TAIL.search(sentence, start, end)
    if reporter_tail is not None:
        end = reporter_tail.start() + 1
    start, end = _clean_span(sentence, start, end)
    clause = sentence[start:end]
    if len(clause.split()) < 2 or _is_one_quote(clause):
        return None
    return Indirect(base + start, base + end, speaker, reporter)
