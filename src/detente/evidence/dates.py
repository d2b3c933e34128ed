"""Dates of statements: explicit dates, parts of months, weekdays and "that day".

:func:`find_date` reads the first date expression in a piece of text (the attribution part of a
sentence, never the quoted words) and returns a :class:`DateRef` with its precision:

- ``day``: "March 4, 2019", "4 March 2019", "2019-03-04", "Feb. 27" (year from the article
  date), "on Friday" (the latest Friday on or before the article date), "yesterday", "today";
- ``range``: "in early / mid / late March 2019" (days 1–10, 11–20, 21–end), "last week"
  (Monday to Sunday of the week before the article date);
- ``month``: "in March 2019", "in October" (the latest such month on or before the article
  date); the range is the whole month.
- "Later that day", "that day", "the same day", "hours earlier", "earlier in the day" take the
  last explicit date before the text;
  "the next day" / "the following day" / "a day later" add one day.

A statement whose own text has no date takes one from the narrative (:mod:`.occasions`): a
dateline, or a date in a sentence naming an occasion (conference, briefing, summit, meeting,
interview, hearing, talks, session, ...), sets the *occasion date* for the statements that
follow until another explicit date or another (undated, not "the ...") occasion appears; a
past-perfect flashback ("had told") does not end it; and a date given in one sentence reaches the
next sentence of the same paragraph.

Every pattern is a flat alternation with bounded repetition, so the scan is linear.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateRef", "explicit_dates", "find_date"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_FULL = re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?\b")
_DAY_FIRST = re.compile(rf"\b(?P<day>\d{{1,2}}) {_MONTH} (?P<year>\d{{4}})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})\b")
_PART = re.compile(rf"\b(?P<part>early|mid|mid-|late)[ -]?{_MONTH}(?: (?P<year>\d{{4}}))?\b")
_IN_MONTH = re.compile(rf"\bin {_MONTH}(?: (?P<year>\d{{4}}))?\b(?! \d)")
_WEEKDAY = re.compile(
    r"\b(?:on |last )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|last week|this week)\b", re.IGNORECASE)
_THAT_DAY = re.compile(
    r"\b(?P<anchor>(?:later |earlier )?that day|the same day|the next day|the following day|"
    r"a day later|hours (?:earlier|later)|(?:earlier|later) in the day)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRef:
    """A date or a date range, with its precision (``day``, ``range`` or ``month``)."""

    start: dt.date
    end: dt.date
    precision: str = "day"

    @property
    def until(self) -> dt.date | None:
        """The end of the range, or ``None`` for a single day."""
        return None if self.end == self.start else self.end


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _year(text: str | None, month: int, article: dt.date | None) -> int | None:
    if text:
        return int(text)
    if article is None:
        return None
    return article.year if month <= article.month else article.year - 1


def _safe(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def explicit_dates(text: str, article: dt.date | None = None) -> list[tuple[int, DateRef]]:
    """``(offset, date)`` of every day-precision date written in ``text``, in order.

    >>> [(i, d.start.isoformat()) for i, d in explicit_dates("On March 4, 2019, and 5 May 2020")]
    [(3, '2019-03-04'), (22, '2020-05-05')]
    """
    found: list[tuple[int, DateRef]] = []
    for pattern in (_FULL, _DAY_FIRST):
        for m in pattern.finditer(text):
            month = _month(m.group("month"))
            day = _safe(_year(m.group("year"), month, article), month, int(m.group("day")))
            if day is not None:
                found.append((m.start(), DateRef(day, day)))
    for m in _ISO.finditer(text):
        day = _safe(int(m.group("year")), int(m.group("m")), int(m.group("day")))
        if day is not None:
            found.append((m.start(), DateRef(day, day)))
    return sorted(found, key=lambda item: item[0])


def _part(m: re.Match[str], article: dt.date | None) -> DateRef | None:
    month = _month(m.group("month"))
    year = _year(m.group("year"), month, article)
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    first, final = {"early": (1, 10), "late": (21, last)}.get(m.group("part"), (11, 20))
    return DateRef(dt.date(year, month, first), dt.date(year, month, final), "range")


def _in_month(m: re.Match[str], article: dt.date | None) -> DateRef | None:
    month = _month(m.group("month"))
    year = _year(m.group("year"), month, article)
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    return DateRef(dt.date(year, month, 1), dt.date(year, month, last), "month")


def _relative(m: re.Match[str], article: dt.date | None) -> DateRef | None:
    if article is None:
        return None
    if m.groupdict().get("wd"):
        back = (article.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
        day = article - dt.timedelta(days=back)
        return DateRef(day, day)
    rel = m.group("rel").lower()
    if rel in ("yesterday", "today"):
        day = article - dt.timedelta(days=1 if rel == "yesterday" else 0)
        return DateRef(day, day)
    monday = article - dt.timedelta(days=article.weekday())
    if rel == "last week":
        monday -= dt.timedelta(days=7)
    return DateRef(monday, monday + dt.timedelta(days=6), "range")


def find_date(
    text: str, article: dt.date | None = None, previous: DateRef | None = None
) -> DateRef | None:
    """The first date expressed in ``text``; see the module docstring.

    ``previous`` is the last explicit date before ``text`` (for "that day").

    Examples
    --------
    >>> find_date("said on CBS in early March 2019 that")
    DateRef(start=datetime.date(2019, 3, 1), end=datetime.date(2019, 3, 10), precision='range')
    >>> find_date("told reporters on Friday", article=dt.date(2019, 5, 11)).start
    datetime.date(2019, 5, 10)
    >>> find_date("Later that day, he told", previous=DateRef(dt.date(2019, 3, 4), dt.date(2019, 3, 4)))
    DateRef(start=datetime.date(2019, 3, 4), end=datetime.date(2019, 3, 4), precision='day')
    """
    candidates: list[tuple[int, DateRef]] = list(explicit_dates(text, article))
    for pattern, make in (
        (_PART, _part),
        (_IN_MONTH, _in_month),
        (_WEEKDAY, _relative),
        (_RELATIVE, _relative),
    ):
        for m in pattern.finditer(text):
            ref = make(m, article)
            if ref is not None:
                candidates.append((m.start(), ref))
    if previous is not None:
        for m in _THAT_DAY.finditer(text):
            words = m.group().lower()
            shift = 1 if any(w in words for w in ("next", "following", "a day later")) else 0
            day = previous.start + dt.timedelta(days=shift)
            candidates.append((m.start(), DateRef(day, day)))
    if not candidates:
        return None
    return min(candidates, key=lambda item: item[0])[1]
