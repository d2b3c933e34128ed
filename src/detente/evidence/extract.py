"""The extraction pipeline: article text to a list of :class:`ExtractedStatement`.

Steps: normalise (:mod:`.text`), split sentences (:mod:`.segment`), find and join quotations
(:mod:`.quotes`), mask them, introduce the people the article names (:mod:`.names`), attribute
each quotation (:mod:`.attribution`) and each reported clause (:mod:`.indirect`), read dates,
venues and reporters from the attribution text (:mod:`.dates`, :mod:`.venues`), carry them
over from context and from the occasion the narrative dates (:mod:`.occasions`), then issues
and stance (:mod:`.issues`).

Context rules: a statement with no date, venue or reporter of its own takes them from the
previous statement when that one has the same speaker and is in the same or the previous
paragraph; "In his TV appearance" (and the like) takes them from the speaker's last statement
that had a venue. Short quotations (four words or fewer) with no speaker, or introduced as a
term ("so-called", "defines", "called"), are terms rather than statements and are skipped.
Transcripts ("MR. MORA: ..." paragraphs) are read turn by turn.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from typing import Literal

from detente.evidence import attribution as attr
from detente.evidence.context import Context, introduce, mentions, resolve
from detente.evidence.dates import explicit_dates, find_date
from detente.evidence.discourse import merge_mixed, salience
from detente.evidence.gender import gender_cues, person_gender
from detente.evidence.indirect import find_indirect, split_cues
from detente.evidence.issues import find_issues, issue_vocabulary, stance_of
from detente.evidence.names import People, Person
from detente.evidence.occasions import context_dates, narrative
from detente.evidence.quotes import Quote, find_quotes, join_interrupted
from detente.evidence.segment import Pipeline, RulePipeline
from detente.evidence.statement import ExtractedStatement
from detente.evidence.text import Text, normalise
from detente.evidence.transcript import find_turns
from detente.evidence.venues import (
    ANAPHORIC_VENUE,
    find_reported_by,
    find_venue,
)
from detente.model.scenario import Scenario

__all__ = ["ExtractedStatement", "extract"]

#: Characters before and after a quotation searched for its attribution: bounds the work per
#: quotation, so a run-on "sentence" of megabytes stays linear (issue 16).
WINDOW = 600
_TERM_CUE = re.compile(
    r"(?:so-called|defines?|called|calls|dubbed|termed|known as|the term|the phrase|the word)"
    r"[\s#]*“?$"
)
_SAYING = re.compile(rf"\b(?:{attr.VERB}|[Aa]ccording to)\b")


def _next_attribution_sentence(ctx: Context, end: int) -> tuple[int, int] | None:
    k = bisect.bisect_left(ctx.sentence_starts, end)
    if k == len(ctx.sentences):
        return None
    start, stop = ctx.sentences[k]
    if ctx.paragraph_at(start) != ctx.paragraph_at(end - 1):
        return None
    sentence = ctx.masked[start : min(stop, start + WINDOW)]
    if len(sentence.split()) <= 6 and attr.tail_attribution(sentence, start):
        return start, stop
    return None


def _attribute(
    ctx: Context, quote: Quote
) -> tuple[attr.Attribution | None, attr.Attribution | None, str, str]:
    """The speaker and reporter of a quotation, the attribution text and the head."""
    sentence = ctx.sentence_at(quote.open_at)
    first = (max(sentence[0], quote.open_at - WINDOW), sentence[1])
    last = ctx.sentence_at(max(quote.close_at - 1, quote.open_at))
    head = ctx.masked[first[0] : quote.open_at]
    tail_end = min(max(last[1], quote.close_at), quote.close_at + WINDOW)
    if not ctx.masked[quote.close_at : tail_end].strip(" .!?…”’"):
        following = _next_attribution_sentence(ctx, tail_end)
        tail_end = following[1] if following else tail_end
    tail = ctx.masked[quote.close_at : tail_end]
    gaps = [(ctx.masked[s:e], s) for s, e in quote.gaps]
    region = " ".join([head, *(g for g, _ in gaps), tail])
    in_head = attr.head_attribution(head, first[0])
    in_tail = attr.tail_attribution(tail, quote.close_at) or _late_tail(tail, quote.close_at)
    in_gap = next((a for g, s in gaps if (a := attr.tail_attribution(g, s))), None)
    if in_head and (in_head.sieve == "head-immediate" or (in_tail and _reports(in_tail))):
        return in_head, in_tail if in_tail and _reports(in_tail) else None, region, head
    found = in_gap or in_tail or in_head
    if found is None:
        found = attr.according_to(ctx.masked[first[0] : tail_end], first[0])
    if found is None:  # "Santos showed optimism, saying “...”"
        found = attr.participle_attribution(head, first[0])
    if found is None and first[0] == sentence[0] > 0:  # "Jane Roe said:" ending the one before
        before = _previous_sentence(ctx, first[0])
        text_before = ctx.masked[max(before[0], before[1] - WINDOW) : before[1]]
        if text_before.rstrip().endswith(":"):
            found = attr.head_attribution(text_before.rstrip()[:-1] + " ", before[0])
            region = text_before + " " + region
    return found, None, region, head


_LATE_TAIL = re.compile(r"^[^“”#.!?,]{1,60},")


def _late_tail(tail: str, base: int) -> attr.Attribution | None:
    """The attribution after a few unquoted words: "“... the removing” of tariffs, Lee said"."""
    late = _LATE_TAIL.match(tail)
    if late is None or not tail[:1].isspace():
        return None
    return attr.tail_attribution(tail[late.end() :], base + late.end())


def _previous_sentence(ctx: Context, start: int) -> tuple[int, int]:
    k = bisect.bisect_left(ctx.sentence_starts, start) - 1
    return ctx.sentences[k] if k >= 0 else (start, start)


def _reports(found: attr.Attribution) -> bool:
    return attr.is_reporting_verb(found.verb)


def _make(
    ctx: Context,
    kind: Literal["direct", "indirect"],
    span: tuple[int, int, str],
    person: Person | None,
    found: attr.Attribution | None,
    reporter: Person | None,
    region: str,
) -> ExtractedStatement:
    start, end, quote = span
    sentence = ctx.sentence_at(start)
    date = find_date(region, ctx.article_date, ctx.previous_date(sentence[0]))
    reported_by = reporter.name if reporter else find_reported_by(region)
    if reported_by and not reporter:
        reported_by = ctx.people.resolve(reported_by, introduce=False).name
    if person is not None and reported_by == person.name:
        reported_by = ""
    return ExtractedStatement(
        speaker=person.name if person else None,
        party=person.party if person else None,
        speaker_role=person.role if person else "",
        quote=quote,
        kind=kind,
        said_on=date.start if date else None,
        said_until=date.until if date else None,
        date_precision=date.precision if date else None,
        venue=find_venue(region),
        reported_by=reported_by,
        start=start,
        end=end,
        paragraph=ctx.paragraph_at(start),
        sieve=found.sieve if found else "",
        region=region,
        anaphor=_anaphor(found),
    )


def _anaphor(found: attr.Attribution | None) -> str:
    """The subject when it is a pronoun or a definite description ("he", "the president")."""
    if found is None or not re.fullmatch(rf"{attr.PRONOUN}|{attr.ANAPHOR}", found.subject):
        return ""
    return found.subject


def _standalone(ctx: Context, quote: Quote) -> bool:
    """Whether the quotation is a sentence of its own (nothing but punctuation around it)."""
    start, end = ctx.sentence_at(quote.open_at)
    before = ctx.masked[max(start, quote.open_at - WINDOW) : quote.open_at]
    after = ctx.masked[quote.close_at : min(end, quote.close_at + WINDOW)]
    return not before.strip() and not after.strip(" .!?…”’")


def _directs(ctx: Context, quotes: list[Quote]) -> list[ExtractedStatement]:
    found_statements: list[ExtractedStatement] = []
    previous: dict[int, ExtractedStatement] = {}
    for quote in quotes:
        text = quote.text(ctx.text)
        found, reporter_found, region, head = _attribute(ctx, quote)
        short = len(text.split()) <= 4
        if short and _TERM_CUE.search(head):
            continue
        person = resolve(ctx, found, quote.open_at) if found else None
        paragraph = ctx.paragraph_at(quote.open_at)
        distant = found is None or found.sieve == "head"  # verb not right before the quote
        if short and distant and not _standalone(ctx, quote):
            continue  # a term quoted inside a sentence ("responded to “Timochenko”")
        if person is None and paragraph in previous:  # continuation of the same speaker
            earlier = previous[paragraph]
            person = Person(earlier.speaker or "", earlier.speaker_role, earlier.party)
            found = attr.Attribution(person.name, quote.open_at, "", "", "continuation")
        if person is None and short:
            continue
        reporter = resolve(ctx, reporter_found, quote.close_at) if reporter_found else None
        span = (quote.parts[0][0], quote.parts[-1][1], text)
        statement = _make(ctx, "direct", span, person, found, reporter, region)
        found_statements.append(statement)
        if person is not None:
            previous[paragraph] = statement
    return found_statements


def _indirects(ctx: Context) -> list[ExtractedStatement]:
    statements = []
    verbs = [m.start() for m in _SAYING.finditer(ctx.masked)]
    for start, end in ctx.sentences:
        k = bisect.bisect_left(verbs, start)
        if k == len(verbs) or verbs[k] >= end:
            continue  # no verb of saying: no reported speech
        found = find_indirect(ctx.text[start:end], ctx.masked[start:end], start)
        if found is None:
            continue
        person = resolve(ctx, found.speaker, found.speaker.start)
        reporter = resolve(ctx, found.reporter, found.reporter.start) if found.reporter else None
        region = ctx.masked[start : found.start] + " " + ctx.masked[found.end : end]
        for a, b in split_cues(ctx.masked, found.start, found.end):
            a, b = _trim_span(ctx.text, a, b)
            span = (a, b, ctx.text[a:b])
            statements.append(_make(ctx, "indirect", span, person, found.speaker, reporter, region))
    return statements


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


def _turns(ctx: Context) -> list[ExtractedStatement]:
    turns = find_turns(ctx.text, ctx.paragraphs)
    if not turns:
        return []
    first = ctx.paragraphs[0]
    date = find_date(ctx.text[first[0] : first[1]], ctx.article_date)
    day = date.start if date else ctx.article_date
    statements = []
    for name, start, end in turns:
        person = ctx.people.resolve(name)
        quote = ctx.text[start:end].strip()
        statement = ExtractedStatement(
            person.name, person.party, person.role, quote, "direct", day, None,
            "day" if day else None, start=start, end=end,
            paragraph=ctx.paragraph_at(start), sieve="transcript",
        )  # fmt: skip
        statements.append(statement)
    return statements


def _discourse(ctx: Context, statements: list[ExtractedStatement]) -> list[ExtractedStatement]:
    """Mixed statements, salience and continuation (:mod:`.discourse`)."""
    ordered = merge_mixed(sorted(statements, key=lambda s: (s.start, s.kind)))

    def introduced(s: ExtractedStatement) -> bool:
        k = bisect.bisect_left(ctx.mention_starts, s.start) - 1
        return k >= 0 and ctx.paragraph_at(ctx.mentions[k][0]) == s.paragraph

    def gender(s: ExtractedStatement) -> str | None:
        return person_gender(s.speaker or "", s.speaker_role, ctx.genders)

    return salience(ordered, gender, introduced)


def _with_context(statements: list[ExtractedStatement]) -> list[ExtractedStatement]:
    out: list[ExtractedStatement] = []
    with_venue: dict[str, ExtractedStatement] = {}  # latest statement with a venue, per speaker
    for statement in sorted(statements, key=lambda s: (s.start, s.kind)):
        source = None
        if statement.speaker and ANAPHORIC_VENUE.search(statement.region):
            source = with_venue.get(statement.speaker)
        elif out and statement.speaker and out[-1].speaker == statement.speaker:
            source = out[-1] if statement.paragraph - out[-1].paragraph <= 1 else None
        if source is not None:
            if statement.said_on is None:
                statement = replace(
                    statement,
                    said_on=source.said_on,
                    said_until=source.said_until,
                    date_precision=source.date_precision,
                )
            statement = replace(
                statement,
                venue=statement.venue or source.venue,
                reported_by=statement.reported_by or source.reported_by,
            )
        out.append(statement)
        if statement.speaker and statement.venue:
            with_venue[statement.speaker] = statement
    return out


def _dated(ctx: Context, statements: list[ExtractedStatement]) -> list[ExtractedStatement]:
    """Date the undated statements from the narrative (:mod:`.occasions`)."""
    text = narrative(ctx.masked, [(s.start, s.end) for s in statements if s.kind == "indirect"])
    dates = context_dates(
        [(text[a:b], ctx.paragraph_at(a)) for a, b in ctx.sentences], ctx.article_date
    )
    for i, s in enumerate(statements):
        k = bisect.bisect_right(ctx.sentence_starts, s.start) - 1
        if s.said_on is None and k >= 0 and (d := dates[k]) is not None:
            statements[i] = replace(
                s, said_on=d.start, said_until=d.until, date_precision=d.precision
            )
    return statements


def _classify(
    ctx: Context, statement: ExtractedStatement, vocabulary: dict[str, tuple[str, ...]]
) -> ExtractedStatement:
    text = statement.quote
    if len(text.split()) <= 4:
        start, end = ctx.sentence_at(statement.start)
        text = ctx.text[start:end]
    commentator = bool(vocabulary) and statement.party is None
    stance, confidence = stance_of(text, commentator=commentator)
    return replace(
        statement,
        issues=find_issues(text, vocabulary),
        stance=stance,
        stance_confidence=confidence,
    )


def extract(
    text: Text | str,
    scenario: Scenario | None = None,
    article_date: dt.date | None = None,
    pipeline: Pipeline | None = None,
) -> list[ExtractedStatement]:
    """Extract the direct and indirect statements of an article, in text order.

    Parameters
    ----------
    text
        The article (raw text is normalised first).
    scenario
        Resolves people, parties and issues; without one, parties and issues stay empty.
    article_date
        Anchors relative dates ("on Friday", "in October") and years left out.
    pipeline
        Sentence splitter (default :class:`~detente.evidence.segment.RulePipeline`).

    Examples
    --------
    >>> [(s.speaker, s.quote) for s in extract("“We will talk,” Kim Jong Un said.")]
    [('Kim Jong Un', 'We will talk,')]
    """
    norm = normalise(text) if isinstance(text, str) else text
    body = norm.text
    paragraphs = norm.paragraphs
    quotes = join_interrupted(body, find_quotes(body, paragraphs))
    masked = attr.mask_quotes(body, [part for q in quotes for part in q.parts])
    ctx = Context(
        body, masked, (pipeline or RulePipeline()).sentences(body), paragraphs,
        People(scenario), [], article_date, explicit_dates(masked, article_date),
    )  # fmt: skip
    ctx.genders = gender_cues(masked)
    introduce(ctx)
    ctx.mentions = mentions(ctx, scenario)
    ctx.mention_starts = [i for i, _ in ctx.mentions]
    statements = _turns(ctx) or _discourse(ctx, _directs(ctx, quotes) + _indirects(ctx))
    vocabulary = issue_vocabulary(scenario) if scenario is not None else {}
    return [_classify(ctx, s, vocabulary) for s in _dated(ctx, _with_context(statements))]
