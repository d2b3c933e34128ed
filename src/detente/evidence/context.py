"""Who is who in an article: the extraction context, the people introduced and resolution.

:func:`introduce` records full names in order of appearance (subjects of verbs of saying and
titled names); :func:`mentions` lists where known people are named; :func:`resolve` turns an
attribution's subject into a :class:`~detente.evidence.names.Person` (a pronoun goes to the
nearest earlier mention of a compatible gender, an apposition names the person, a group noun
stays a group).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from detente.evidence import attribution as attr
from detente.evidence.dates import DateRef
from detente.evidence.gender import nearest_compatible, person_gender
from detente.evidence.names import TITLE_WORDS, People, Person, split_role
from detente.evidence.venues import CAPRUN, KNOWN_NAMES
from detente.model.scenario import Scenario

__all__ = ["Context", "introduce", "mentions", "resolve", "strip_function_words"]

_TITLED_NAME = re.compile(rf"{attr.TITLED}, (?P<name>{CAPRUN}),")
_OF_TAIL = re.compile(r" (?:of|for) .*$")
_FUNCTION_WORDS = frozenset(
    [
        "As",
        "The",
        "In",
        "On",
        "At",
        "But",
        "And",
        "When",
        "While",
        "After",
        "Before",
        "If",
        "Although",
        "Later",
        "During",
        "For",
        "With",
        "By",
        "From",
        "Then",
        "So",
        "Yet",
        "Meanwhile",
        "However",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "My",
        "A",
        "An",
        "Namely",
        "Still",
        "Even",
        "Only",
    ]
)


@dataclass
class Context:
    """The article, its masked text, sentences, paragraphs, people, mentions and dates."""

    text: str
    masked: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    people: People
    mentions: list[tuple[int, Person]]
    article_date: dt.date | None
    dates: list[tuple[int, DateRef]]
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    date_starts: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # surname -> gender from honorifics

    def sentence_at(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_starts, offset) - 1
        if k >= 0 and self.sentences[k][0] <= offset < self.sentences[k][1]:
            return self.sentences[k]
        return offset, offset

    def paragraph_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, offset) - 1, 0)

    def previous_date(self, offset: int) -> DateRef | None:
        k = bisect.bisect_left(self.date_starts, offset) - 1
        return self.dates[k][1] if k >= 0 else None

    def __post_init__(self) -> None:
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.date_starts = [i for i, _ in self.dates]


def strip_function_words(subject: str, start: int) -> tuple[str, int]:
    words = subject.split(" ")
    while len(words) > 1 and words[0] in _FUNCTION_WORDS:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def _anaphor(ctx: Context, subject: str, reference: int) -> Person | None:
    title = subject.split()[-1].lower()
    k = bisect.bisect_left(ctx.mention_starts, reference) - 1
    for i in range(k, max(k - 30, -1), -1):
        if title in ctx.mentions[i][1].role.lower():
            return ctx.mentions[i][1]
    return ctx.mentions[k][1] if k >= 0 else None


def resolve(ctx: Context, found: attr.Attribution, reference: int) -> Person | None:
    subject, _ = strip_function_words(found.subject, found.start)
    if re.fullmatch(attr.ANAPHOR, subject):  # "the president": nearest person with that title
        return _anaphor(ctx, subject, reference)
    if re.fullmatch(attr.PRONOUN, subject):  # nearest person of a compatible gender
        k = bisect.bisect_left(ctx.mention_starts, reference) - 1
        found_at = nearest_compatible(
            ctx.mentions, k, subject, lambda m: person_gender(m[1].name, m[1].role, ctx.genders)
        )
        return found_at[1] if found_at else None
    appos = found.appos
    if appos and re.fullmatch(CAPRUN, appos):  # "His spokeswoman, Jen Psaki, told"
        person = ctx.people.resolve(appos)
        return replace(person, role=person.role or subject)
    if re.fullmatch(attr.GROUP, subject) and not re.fullmatch(CAPRUN, subject):
        return Person(subject, "", ctx.people.party_of_text(subject))
    person = ctx.people.resolve(subject)
    if appos and not re.match(r"(?:who|which|whose|where)\b", appos):
        return replace(person, role=appos) if not person.role else person
    return person


def mentions(ctx: Context, scenario: Scenario | None) -> list[tuple[int, Person]]:
    known = {p.name for p in ctx.people.introduced}
    if scenario is not None:
        known |= {person.name for party in scenario.parties for person in party.people}
    tokens = {t.lower() for name in known for t in name.split()}  # "Al-Mansouri" opens a sentence
    cache: dict[str, Person | None] = {}

    def person_of(run: str) -> Person | None:
        if run not in cache:
            person = None
            if tokens.intersection(w.strip(".,’'s").lower() for w in run.split()):
                person = ctx.people.resolve(run, introduce=False)
            ok = person is not None and person.name in known and person.name not in KNOWN_NAMES
            cache[run] = person if ok else None
            if cache[run] is None and _OF_TAIL.search(run):  # "Lars Henning of Germany"
                cache[run] = person_of(_OF_TAIL.sub("", run))
        return cache[run]

    found: list[tuple[int, Person]] = []
    for match in re.finditer(CAPRUN, ctx.masked):
        run, start = strip_function_words(match.group(), match.start())
        if (person := person_of(run)) is not None:
            found.append((start, person))
    return found


def introduce(ctx: Context) -> None:
    """Record the full names in order of appearance (subjects of saying, titled names)."""
    runs: list[tuple[int, str, bool]] = []
    for pattern in (attr._HEAD_ANY, attr._TAIL_VS, attr._ACCORDING):
        for match in pattern.finditer(ctx.masked):
            runs.append((match.start("subj"), match.group("subj"), True))
    for match in re.finditer(CAPRUN, ctx.masked):
        runs.append((match.start(), match.group(), False))
    for match in _TITLED_NAME.finditer(ctx.masked):  # "The president, Lars Henning of Germany,"
        runs.append((match.start("name"), _OF_TAIL.sub("", match.group("name")), True))
    seen: set[tuple[str, bool]] = set()
    for start, run, is_subject in sorted(runs):
        run, _ = strip_function_words(run, start)
        if (run, is_subject) in seen:
            continue
        seen.add((run, is_subject))
        if not re.fullmatch(CAPRUN, run) or re.fullmatch(attr.PRONOUN, run):
            continue
        titled = not TITLE_WORDS.isdisjoint(w.lower().strip(".,") for w in run.split())
        if is_subject or (titled and split_role(run)[0]):
            ctx.people.introduce(run)
