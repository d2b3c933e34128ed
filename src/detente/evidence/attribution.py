"""Who said it: verbs of saying, subjects, and the sieves that attribute a quotation.

All patterns run on *masked* text, where the inside of every quotation is replaced by ``#``
(same length, so offsets hold): a name inside a quote is never its speaker.

A quotation is attributed by the first of these sieves that finds a subject (the order of
CoreNLP's quote attribution, He et al. 2013 and Muzny et al. 2017, reduced to rules):

1. *head, immediate*: the sentence before the quote ends with "SUBJECT VERB (that|:|,)",
   e.g. ``Ri Yong Ho said that “...”`` (a following "..., Panda reported" is then the reporter);
2. *tail*: right after the quote comes "SUBJECT VERB" or "VERB SUBJECT" (``,” he said``,
   ``,” summed Gerald Seib``), allowing an apposition (``said Mary Lovely, a trade economist``);
   when the sentence after a quote is only "Moon said." it counts as the tail;
3. *head*: the rightmost "SUBJECT VERB" before the quote in its sentence (partial quotes:
   ``Trump announced that he was in “no rush”``);
4. *according to*: "according to (an analysis by) X" anywhere in the sentence;
5. *continuation* (in :mod:`detente.evidence.extract`): the speaker of the previous statement
   in the same paragraph.

A subject is a pronoun (resolved to the nearest preceding person mention outside quotes), a
group ("analysts", "two people familiar with the talks", "North Korean officials") kept as
written, or a capitalised run resolved by :class:`detente.evidence.names.People`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.evidence.segment import ABBREVIATIONS
from detente.evidence.venues import CAPRUN

__all__ = [
    "ANAPHOR",
    "GROUP",
    "LOWER_TITLED",
    "NOT_AFTER_PREPOSITION",
    "PRONOUN",
    "SUBJECT",
    "TITLED",
    "VERB",
    "Attribution",
    "according_to",
    "head_attribution",
    "is_reporting_verb",
    "mask_quotes",
    "participle_attribution",
    "tail_attribution",
]

_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "summed",
    "maintained",
    "maintains",
    "explained",
    "explains",
    "argued",
    "argues",
    "noted",
    "notes",
    "stated",
    "states",
    "announced",
    "announces",
    "declared",
    "declares",
    "insisted",
    "insists",
    "warned",
    "warns",
    "stressed",
    "asserted",
    "replied",
    "responded",
    "concluded",
    "observed",
    "remarked",
    "claimed",
    "suggested",
    "acknowledged",
    "surmised",
    "reported",
    "tweeted",
    "predicted",
    "cautioned",
    "emphasized",
    "emphasised",
    "urged",
    "vowed",
    "pledged",
    "promised",
    "threatened",
    "conceded",
    "recalled",
    "commented",
    "admitted",
    "countered",
    "signaled",
    "signalled",
    "complained",
    "confirmed",
    "denied",
    "indicated",
    "hinted",
    "mused",
    "contended",
    "estimated",
    "pointed out",
    "reiterated",
    "revealed",
    "mentioned",
    "repeated",
]
#: A verb of saying, with an optional auxiliary and adverb ("has said", "also told").
VERB = (
    r"(?:(?:has|had|have|also|later|then|again|repeatedly|previously|once) ){0,2}"
    rf"(?:put it|{'|'.join(sorted(_VERBS, key=len, reverse=True))})"
)
PRONOUN = r"(?:he|she|He|She)"
_GROUP_NOUN = (
    r"(?:analysts|officials|experts|diplomats|observers|spokes(?:man|woman|person)|negotiators|"
    r"critics|lawmakers|sources|official|analyst|diplomat|source|people familiar with [a-z ]{1,30}|"
    r"press service|foreign ministry|ministry|press office)"
)
#: A group speaker: "analysts", "a senior official", "North Korean officials".
GROUP = (
    r"(?:(?:[Tt]he|[Ss]ome|[Mm]any|[Oo]ther|[Tt]wo|[Tt]hree|[Ss]everal|[Aa]n?|senior|[Ww]estern|"
    rf"{CAPRUN}) ){{0,2}}{_GROUP_NOUN}"
)
#: An apposition or a relative clause: "Rice, the secretary," / "Rice who met Merkel in Berlin,".
_APPOS = r"(?:(?:, | (?=who ))(?P<appos>[^,“”;#]{2,80}?),)?"
#: Not a subject when a preposition comes before it ("... met Merkel in Berlin, said").
NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p} )" for p in ("in", "at", "on", "of", "to", "by", "from", "with", "for")
)
_TITLE = (
    r"(?:minister|secretary|president|negotiator|envoy|ambassador|spokes(?:man|woman|person)|"
    r"adviser|advisor|chief|head|leader|mediator|commissioner|chair(?:man|woman)?|director|"
    r"representative|premier|chancellor|official|diplomat)"
)
#: A name after a lower-case title: "U.S. envoy Glyn Davies", "the top trade official Ann Lee".
LOWER_TITLED = rf"(?:(?:[Tt]he )?{CAPRUN} )?(?:[a-z]+ ){{0,2}}{_TITLE} {CAPRUN}"
#: A title put before the name it describes: "Almora's foreign minister, Elena Sarkis," or
#: "The bloc's chief negotiator, Ann Lee," (the name follows as an apposition; see ``_resolve``).
TITLED = (
    rf"(?:(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|{CAPRUN}(?:’s|'s)) )(?:the )?(?:[\w.’'\-]+ ){{0,3}}"
    rf"{_TITLE}(?=, {CAPRUN},)"
)
#: A definite description that refers back to a person: "the president", "the head of state".
ANAPHOR = (
    r"(?:[Tt]he|[Tt]his) (?:[A-Za-z]+ ){0,2}?(?:[Pp]resident|[Mm]inister|[Pp]remier|[Cc]hancellor|"
    r"[Ss]ecretary|[Nn]egotiator|[Ee]nvoy|head of state|[Ll]eader|[Dd]iplomat)"
)
#: A subject: pronoun, anaphor, group, title-first apposition or capitalised run (optional
#: apposition).
SUBJECT = rf"(?P<subj>{PRONOUN}|{ANAPHOR}|{TITLED}|{GROUP}|{CAPRUN}){_APPOS}"

_HEAD_ANY = re.compile(rf"(?<![\w’]){NOT_AFTER_PREPOSITION}(?:{SUBJECT}),? (?P<verb>{VERB})\b")
_TAIL_SV = re.compile(rf"^[\s,]*(?:{SUBJECT}),? (?P<verb>{VERB})\b")
_TAIL_VS = re.compile(
    rf"^[\s,]*(?P<verb>{VERB}) (?P<subj>{ANAPHOR}|{GROUP}|{CAPRUN}|{PRONOUN})"
    r"(?:, (?P<appos>[^,“”;#]{2,80}?)(?:,|\.(?= |$)|$))?"
)
_ACCORDING = re.compile(
    r"\b[Aa]ccording to (?:(?:an?|the) (?:analysis|report|study|statement|survey|assessment) "
    rf"(?:by|from|of) )?(?P<subj>{ANAPHOR}|(?:the )?(?:{GROUP}|{CAPRUN}))"
)
_IMMEDIATE = re.compile(r"^(?: that| to| [a-z]+ly)?\s*[,:]?\s*(?:that\s*)?$")
_REPORTING = frozenset({"reported", "reports", "wrote", "writes", "noted"})


@dataclass(frozen=True)
class Attribution:
    """A subject found by a sieve: its text, start offset, verb, apposition and sieve name."""

    subject: str
    start: int
    verb: str
    appos: str
    sieve: str


def mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span replaced by ``#`` (same length).

    >>> mask_quotes("He said “no deal” today", [(9, 16)])
    'He said “#######” today'
    """
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces += [text[last:start], "#" * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


_TRAILING_DAY = re.compile(r" (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")


def _found(match: re.Match[str], base: int, sieve: str) -> Attribution:
    subject = _TRAILING_DAY.sub("", match.group("subj").strip())  # "Santos Saturday said"
    last = subject.rsplit(" ", 1)[-1]
    initials = re.fullmatch(r"(?:[A-Z]\.)+", last) is not None
    if last.endswith(".") and not initials and last[:-1].lower() not in ABBREVIATIONS:
        subject = subject[:-1]  # "said John Smith." ends the sentence
    appos = (match.groupdict().get("appos") or "").strip()
    return Attribution(subject, base + match.start("subj"), match.group("verb"), appos, sieve)


def head_attribution(head: str, base: int) -> Attribution | None:
    """The subject of the rightmost verb of saying in ``head`` (text before a quote).

    The sieve is ``head-immediate`` when nothing but "that", ":" or "," separates the verb from
    the quote.

    >>> head_attribution("North Korean Foreign Minister Ri Yong Ho said that ", 0).sieve
    'head-immediate'
    >>> head_attribution("Before the summit, Trump announced that he was in ", 0).subject
    'Trump'
    """
    last = None
    for match in _HEAD_ANY.finditer(head):
        last = match
    if last is None:
        return None
    rest = head[last.end() :]
    sieve = "head-immediate" if _IMMEDIATE.match(rest) else "head"
    return _found(last, base, sieve)


def tail_attribution(tail: str, base: int) -> Attribution | None:
    """The subject right after a quote: ``,” he said`` or ``,” said John Smith``.

    >>> tail_attribution(" summed Gerald Seib in a March 4, 2019, article", 0).subject
    'Gerald Seib'
    >>> tail_attribution(" said Mary Lovely, a trade economist at Syracuse University.", 0).appos
    'a trade economist at Syracuse University'
    """
    for pattern in (_TAIL_SV, _TAIL_VS):
        match = pattern.match(tail)
        if match:
            return _found(match, base, "tail")
    return None


_PARTICIPLE = re.compile(
    r",? (?:saying|adding|noting|insisting|warning|stressing|arguing|declaring|telling [a-z ]{1,30})"
    r"(?: that)?[\s:,]*$"
)
_CLAUSE_SUBJECT = re.compile(
    rf"^(?:(?:[A-Z][a-z]+|[Oo]n [A-Z][a-z]+|[Ii]n [^,]{{1,40}}),\s)?(?P<subj>{PRONOUN}|{CAPRUN})"
    rf"{_APPOS} (?P<verb>[a-z]+)"
)


def participle_attribution(head: str, base: int) -> Attribution | None:
    """The subject of the sentence when the quotation follows a participle of saying.

    >>> participle_attribution("Santos Saturday showed optimism, saying ", 0).subject
    'Santos'
    """
    if _PARTICIPLE.search(head) is None:
        return None
    match = _CLAUSE_SUBJECT.match(head)
    return _found(match, base, "participle") if match else None


def according_to(sentence: str, base: int) -> Attribution | None:
    """The source named by "according to X" in a sentence.

    >>> according_to("..., according to an analysis by Ankit Panda in The Diplomat.", 0).subject
    'Ankit Panda'
    """
    match = _ACCORDING.search(sentence)
    if match is None:
        return None
    return Attribution(match.group("subj").strip(), base + match.start("subj"), "", "", "according")


def is_reporting_verb(verb: str) -> bool:
    """Whether ``verb`` names the reporter rather than the speaker ("Panda reported")."""
    return verb.split()[-1] in _REPORTING
