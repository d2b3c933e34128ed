"""Where a statement was made (venue) and who carried it (reported_by).

Both are read from the attribution part of a sentence (never from the quoted words), by these
patterns, in order of preference:

venue
    "during / at a ... meeting|conference|briefing|embassy|..." → "a Blue House meeting";
    "in an interview with X", "in a statement", "in a letter to X";
    "on CBS’ Face the Nation" (a capitalised programme after "on");
    "told the Iowa Farm Bureau", "told reporters", "told the Kommersant newspaper".
reported_by
    "X reported" → X; "wrote in X", "an article in X", "an analysis by Y in the online magazine
    X" → X.

A small gazetteer of outlets and programmes trims words glued to a known name by careless
copy-paste ("The Wall Street Journalnewspaper" → "The Wall Street Journal").
"""

from __future__ import annotations

import re

__all__ = ["ANAPHORIC_VENUE", "CAPRUN", "KNOWN_NAMES", "PARTICLE", "find_reported_by", "find_venue"]

#: A capitalised run: "U.S. Secretary of State Mike Pompeo", "CBS’ Face the Nation".
# A capitalised word, or an Arabic article glued to one ("al-Mansouri", "el-Sisi").
# A word is at most 40 characters: every match attempt is then bounded, so scanning text with
# long glued runs ("summedGeraldsummedGerald...") stays linear (issue 16).
_CAP = r"(?:(?:al|el|ad|as|ash|ar|at|az|ul|ud)-)?[A-Z][\w’'\-]{0,40}(?:\.(?:[A-Z]\.){0,8})?"
#: Lower-case particles inside person names ("Ursula von der Leyen", "Ali bin Talal").
PARTICLE = (
    r"(?:de|da|di|du|del|della|des|dos|das|do|van|von|der|den|ter|ten|bin|ibn|bint|al|el|la|le)"
)
#: A run of capitalised words, joined by "of", "for", "the" or one or two name particles.
CAPRUN = rf"{_CAP}(?:(?: | (?:of|for|the|{PARTICLE}(?: {PARTICLE})?) ){_CAP}){{0,7}}"

#: Outlets and programmes whose names may have words glued to them.
KNOWN_NAMES = (
    "The Wall Street Journal", "The New York Times", "The Washington Post", "The Associated Press",
    "Associated Press", "Reuters", "Agence France-Presse", "Bloomberg", "The Diplomat",
    "Financial Times", "The Guardian", "The Economist", "Yonhap", "Xinhua", "KCNA", "CNN", "BBC",
    "Fox Business Network", "Fox News", "Face the Nation", "Meet the Press", "This Week",
    "Fox News Sunday", "State of the Union", "Kommersant", "NHK", "Politico", "Axios",
)  # fmt: skip

_VENUE_NOUN = (
    r"(?:meeting|conference|briefing|summit|rally|speech|forum|hearing|event|session|dinner|"
    r"ceremony|embassy|ministry|convention|gathering|address|luncheon|reception|visit|talks)"
)
_AT = re.compile(rf"\b(?:during|at) (?P<v>(?:a|an|the) [^,.;“”]{{0,60}}?\b{_VENUE_NOUN})\b")
_IN = re.compile(
    r"\bin (?P<v>(?:an|a) (?:[a-z]+ )?(?:interview|speech|statement|letter|address|post|tweet|"
    r"op-ed|column|editorial|message)(?: (?:with|to|at|on) [^,.;“”]{1,60}?)?)"
    r"(?=[,.;]| on | in | at | during | that |$)"
)
_ON = re.compile(
    rf"\bon (?P<v>(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b){CAPRUN})"
)
_TOLD = re.compile(
    rf"\btold (?P<v>(?:the )?{CAPRUN}(?: (?:newspaper|magazine|daily|network|channel|radio|"
    r"television|broadcaster|agency))?|reporters|journalists|lawmakers|senators|[a-z]+ reporters)"
)
_REPORTED = re.compile(rf"(?P<r>{CAPRUN}) (?:reported|reports|said in a report)\b")
_IN_OUTLET = re.compile(
    r"\b(?:wrote|writes|article|column|op-ed|analysis|interview|piece|editorial|report)\b"
    rf"[^.“”]{{0,40}}? in (?:the (?:online |weekly |daily )?(?:magazine|newspaper|journal|daily) )?"
    rf"(?P<r>(?:[Tt]he )?{CAPRUN})"
)
#: "In his TV appearance", "in the same interview": the venue of the speaker's last statement.
ANAPHORIC_VENUE = re.compile(
    r"\b(?:in|during|at|later in) (?:his|her|their|the same|that) (?:[A-Za-z]+ ){0,2}"
    r"(?:appearance|interview|speech|remarks|briefing|meeting|address|event|conference)\b",
    re.IGNORECASE,
)


def _trim(name: str) -> str:
    name = name.strip().rstrip(".,;:")
    for known in KNOWN_NAMES:
        index = name.find(known)
        if index >= 0 and name != known:
            tail = name[index + len(known) :]
            if tail and tail[0].isalpha() and tail[0].islower():
                return name[: index + len(known)]
    return name


def find_venue(text: str) -> str:
    """The venue named in an attribution text, or ``""``.

    Examples
    --------
    >>> find_venue("he said during a Blue House meeting on March 4, 2019")
    'a Blue House meeting'
    >>> find_venue("said on CBS’ Face the Nationin early March 2019 that")
    'CBS’ Face the Nation'
    >>> find_venue(" Bolton told Fox Business Network.")
    'Fox Business Network'
    """
    for pattern in (_AT, _IN, _ON, _TOLD):
        match = pattern.search(text)
        if match:
            return _trim(match.group("v"))
    return ""


def find_reported_by(text: str) -> str:
    """The outlet or person that carried the statement, or ``""``.

    Examples
    --------
    >>> find_reported_by("he said on March 4, 2019, The Associated Press reported.")
    'The Associated Press'
    >>> find_reported_by("summed Gerald Seib in a March 4, 2019, article in The Wall Street Journalnewspaper.")
    'The Wall Street Journal'
    """
    for pattern in (_REPORTED, _IN_OUTLET):
        match = pattern.search(text)
        if match:
            return _trim(match.group("r"))
    return ""
