"""Which scenario issues a statement concerns, and its stance, from cue words.

Issues: each scenario issue gets a vocabulary of word stems — the content words of its id,
label, description and option labels (minus stop words and words shared by most issues), plus
a small hand-kept vocabulary per issue id (:data:`VOCABULARY`). A statement concerns an issue
when one of the stems starts a word of the statement (so "sanction" matches "sanctions").

Stance: the first cue class found, in the order threat, red_line, demand, offer, hope, signal;
``unknown`` when no cue is found (a commentator -- a speaker with no party -- gives an
``assessment``). The order puts the strongest commitment first: "no relief ... and we’ll look
at ramping those sanctions up" is a threat, not a red line. The vocabulary is the scenario
format's (:class:`detente.model.scenario.Statement`), plus ``unknown``.

Confidence (:func:`stance_of`, an ordinal, not a calibrated probability): 0.8 when the cues
found point to one stance only, 0.5 when they point to several (the first wins) or for a
commentator's assessment, 0.0 for ``unknown``.
"""

from __future__ import annotations

import re
from collections import Counter

from detente.model.scenario import Scenario

__all__ = [
    "STANCE_CUES", "VOCABULARY", "find_issues", "find_stance", "issue_vocabulary", "stance_of"
]  # fmt: skip

#: Extra stems per issue id (lower case), for words the scenario labels do not contain.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "sanctions": ("sanction", "relief", "resolutions", "lifted", "lifting"),
    "yongbyon": ("yongbyon", "reactor", "enrichment", "fissile", "nuclear production"),
    "denuclearization": ("denucleari", "nuclear weapons program", "disarm"),
    "testing": ("missile test", "nuclear test", "missile testing", "launches"),
    "exercises": ("military exercises", "drills", "war games"),
    "launch_site": ("launch pad", "launch site", "tongchang", "sohae"),
    "talks": (
        "dialogue", "negotiat", "talks", "summit", "meet again", "delegation", "team in",
        "relationship", "process", "door to", "expiration",
    ),
    "tariffs": ("tariff", "duties", "imports"),
    "enforcement": ("into law", "in law", "enforcement", "enshrine"),
    "extension": ("extend", "extension", "new start", "treaty"),
    "freeze": ("freeze", "warhead"),
    "compliance": ("commitments", "compliance", "implementation"),
}  # fmt: skip

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "from",
        "at",
        "no",
        "not",
        "all",
        "any",
        "some",
        "its",
        "their",
        "his",
        "her",
        "only",
        "more",
        "most",
        "less",
        "least",
        "into",
        "within",
        "without",
        "continues",
        "lifted",
        "full",
        "whole",
        "another",
        "north",
        "south",
        "east",
        "west",
        "back",
        "none",
        "agreement",
        "written",
        "five",
        "beyond",
        "outside",
        "public",
        "record",
        "further",
        "format",
        "leader",
        "complete",
        "operating",
        "building",
        "unilateral",
        "resumed",
        "security",
        "council",
        "station",
        "programme",
        "deal",
        "some",
        "part",
    ]
)

#: Cue patterns per stance, tried in this order.
STANCE_CUES: tuple[tuple[str, str], ...] = (
    ("threat", r"ramp\w* (?:\w+ ){0,3}up|increas\w* sanctions|countermeasure|retaliat|consequences|"
               r"raising tariffs|will (?:impose|strike|respond)|or else|threaten"),
    ("red_line", r"can(?:no|')t accept|cannot accept|couldn’t accept|could not accept|"
                 r"not acceptable|unacceptable|red line|non-negotiable|will not make concessions|"
                 r"never accept|under no circumstances|no step-by-step|must be respected"),
    ("demand", r"\bmust\b|\bwanted\b|\bdemand|\brequest|\binsist|\bcalls? (?:on|for)|"
               r"\bask(?:ed|s)? (?:\w+ )?to\b|terms are|\bbalanced\b|should be lifted"),
    ("offer", r"\boffer|\bready to|\bprepared to extend|\bwilling to give|\bpropos|\bin exchange"),
    ("hope", r"\bhope|\bhopeful|\bconfident that|\blook forward|\bwish"),
    ("signal", r"\bprepared to|\bno rush|\bno expiration|\bkeep working|\bwill continue|"
               r"would continue|\bintends?\b|\bagrees\b|\bdoor\b[^.]{0,30}\bopen|know our position"),
)  # fmt: skip


def issue_vocabulary(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Stems per issue id: content words of its texts plus :data:`VOCABULARY`."""
    words: dict[str, set[str]] = {}
    for issue in scenario.issues:
        texts = [issue.id.replace("_", " "), issue.label, issue.description]
        texts += [o.label for o in issue.options]
        tokens = re.findall(r"[a-z][a-z\-]{3,}", " ".join(texts).lower())
        words[issue.id] = {t[:-1] if t.endswith("s") else t for t in tokens if t not in _STOP}
    counts = Counter(w for ws in words.values() for w in ws)
    shared = {w for w, n in counts.items() if n > 1}
    return {
        issue_id: tuple(sorted((ws - shared) | set(VOCABULARY.get(issue_id, ()))))
        for issue_id, ws in words.items()
    }


def find_issues(text: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Issue ids whose stems start a word of ``text``, in vocabulary order.

    >>> find_issues("They want sanctions lifted", {"sanctions": ("sanction",), "talks": ("talks",)})
    ('sanctions',)
    """
    lowered = " " + re.sub(r"\s+", " ", text.lower().replace("’", "'")) + " "
    return tuple(i for i, pattern in _compiled(vocabulary) if pattern.search(lowered))


_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], list[tuple[str, re.Pattern[str]]]] = {}


def _compiled(vocabulary: dict[str, tuple[str, ...]]) -> list[tuple[str, re.Pattern[str]]]:
    key = tuple(vocabulary.items())
    if key not in _CACHE:
        _CACHE[key] = [
            (i, re.compile("(?<![a-z])(?:" + "|".join(re.escape(s) for s in stems) + ")"))
            for i, stems in vocabulary.items()
            if stems
        ]
    return _CACHE[key]


def find_stance(text: str, commentator: bool = False) -> str:
    """The stance of a statement from its cue words; see the module docstring.

    A commentator (a speaker with no party) only ever gives an ``assessment``; no cue gives
    ``unknown``.

    >>> find_stance("we’ll look at ramping those sanctions up, and no relief")
    'threat'
    >>> find_stance("We hope that both countries will continue their dialogue")
    'hope'
    """
    return stance_of(text, commentator)[0]


def stance_of(text: str, commentator: bool = False) -> tuple[str, float]:
    """The stance and its confidence (see the module docstring).

    >>> stance_of("We hope that both countries will continue their dialogue")
    ('hope', 0.5)
    >>> stance_of("The weather was fine"), stance_of("Talks failed", commentator=True)
    (('unknown', 0.0), ('assessment', 0.5))
    """
    if commentator:
        return "assessment", 0.5
    lowered = text.lower().replace("’", "'").replace("'", "’") if "’" in text else text.lower()
    found = [stance for stance, pattern in STANCE_CUES if re.search(pattern, lowered)]
    if not found:
        return "unknown", 0.0
    return found[0], 0.8 if len(found) == 1 else 0.5
