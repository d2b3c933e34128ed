"""Names, titles and parties: who a mention refers to, and which party that person speaks for.

A mention such as "U.S. National Security Advisor John Bolton" is split into the title as
written (``role``: everything up to the last title word, with an "of State" tail) and the name.
:class:`People` resolves names in the order the article introduces them: "Bolton" becomes
"John Bolton" once the full name has been seen (or when the scenario lists the alias), and the
role given at the first introduction is kept for later mentions. The party comes from the
scenario's people (names and aliases), else from a country cue in the role or name ("U.S.",
"North Korean", "China’s", "Moscow") matched to a scenario party's name; commentators and
unknown speakers keep ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detente.model.scenario import Scenario

__all__ = ["COUNTRY_CUES", "TITLE_WORDS", "People", "Person", "split_role"]

#: Words that end a title ("Foreign Minister", "Vice Premier", ...), lower case.
TITLE_WORDS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "advisor",
        "adviser",
        "ambassador",
        "envoy",
        "representative",
        "chancellor",
        "premier",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "governor",
        "general",
        "director",
        "chief",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "commissioner",
        "negotiator",
        "king",
        "queen",
        "prince",
        "mayor",
        "deputy",
        "vice",
        "prime",
        "commander",
        "admiral",
        "analyst",
        "economist",
        "professor",
        "official",
        "head",
        "emir",
        "sultan",
        "secretary-general",
        "counselor",
        "counsellor",
        "diplomat",
    ]
)
_HONORIFICS = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"])

#: Country cues (demonyms, abbreviations, capitals) for the party of a role or an institution.
COUNTRY_CUES: dict[str, tuple[str, ...]] = {
    "United States": ("U.S.", "US", "USA", "U.S.A.", "America", "American", "Washington"),
    "North Korea": ("North Korean", "DPRK", "Pyongyang"),
    "South Korea": ("South Korean", "ROK", "Seoul", "Blue House"),
    "China": ("Chinese", "Beijing", "PRC"),
    "Russia": ("Russian", "Moscow", "Kremlin"),
    "Iran": ("Iranian", "Tehran"),
    "European Union": ("EU", "E.U.", "European", "Brussels"),
    "United Kingdom": ("U.K.", "UK", "British", "Britain", "London"),
    "Japan": ("Japanese", "Tokyo"),
    "France": ("French", "Paris"),
    "Germany": ("German", "Berlin"),
    "Ukraine": ("Ukrainian", "Kyiv"),
    "India": ("Indian", "New Delhi"),
    "Israel": ("Israeli",),
    "Turkey": ("Turkish", "Ankara"),
    "Canada": ("Canadian", "Ottawa"),
    "Mexico": ("Mexican",),
}


def _clean(token: str) -> str:
    return token.strip(".,;:").replace("’s", "").replace("'s", "").lower()


def split_role(run: str) -> tuple[str, str]:
    """Split a capitalised run into ``(role, name)``.

    Examples
    --------
    >>> split_role("U.S. Secretary of State Mike Pompeo")
    ('U.S. Secretary of State', 'Mike Pompeo')
    >>> split_role("South Korea President Moon Jae-in")
    ('South Korea President', 'Moon Jae-in')
    >>> split_role("Mr. Kim")
    ('', 'Kim')
    """
    tokens = run.split()
    while tokens and tokens[0].lower() in _HONORIFICS:
        tokens = tokens[1:]
    last = -1
    for i, token in enumerate(tokens):
        if _clean(token) in TITLE_WORDS:
            last = i
    if last < 0 or last == len(tokens) - 1:
        return "", " ".join(tokens)
    end = last + 1
    if end + 1 < len(tokens) and tokens[end] in ("of", "for"):
        end += 2
    while end < len(tokens) and tokens[end] in ("of", "for", "the"):
        end += 1
    if end >= len(tokens):
        return " ".join(tokens[: last + 1]), " ".join(tokens[last + 1 :])
    return " ".join(tokens[:end]), " ".join(tokens[end:])


@dataclass(frozen=True)
class Person:
    """A resolved speaker: canonical name, role at introduction, party id (or ``None``)."""

    name: str
    role: str = ""
    party: str | None = None


@dataclass
class People:
    """Name resolution for one article; see the module docstring."""

    scenario: Scenario | None = None
    introduced: list[Person] = field(default_factory=list)

    def party_of_text(self, text: str) -> str | None:
        """The scenario party named or cued in ``text`` ("U.S. Secretary" -> the U.S. party)."""
        if self.scenario is None or not text:
            return None
        padded = f" {text} "
        for party in self.scenario.parties:
            cues = (party.name, *COUNTRY_CUES.get(party.name, ()))
            for cue in cues:
                if re.search(rf"(?<![\w.]){re.escape(cue)}(?:’s|'s)?(?![\w])", padded):
                    return party.id
        return None

    def _scenario_person(self, name: str) -> Person | None:
        if self.scenario is None:
            return None
        key = name.lower()
        for party in self.scenario.parties:
            for person in party.people:
                names = [person.name.lower(), *(a.lower() for a in person.aliases)]
                if key in names:
                    return Person(person.name, "", party.id)
        return None

    def _partial(self, name: str) -> Person | None:
        key = name.lower()
        for person in reversed(self.introduced):
            parts = person.name.lower().split()
            if len(parts) > 1 and key in (parts[0], parts[-1]):
                return person
        return None

    def _lookup(self, name: str) -> Person | None:
        if " " not in name and (found := self._partial(name)) is not None:
            return found
        key = name.lower()
        found = next((p for p in self.introduced if p.name.lower() == key), None)
        return found or self._scenario_person(name)

    def resolve(self, run: str, introduce: bool = True) -> Person:
        """Resolve a mention (with or without title) to a :class:`Person`.

        Examples
        --------
        >>> people = People()
        >>> people.resolve("U.S. National Security Advisor John Bolton").name
        'John Bolton'
        >>> people.resolve("Bolton")
        Person(name='John Bolton', role='U.S. National Security Advisor', party=None)
        """
        role, name = split_role(run)
        words = name.split()
        if len(words) > 1 and re.search(r"(?:’s|'s)$", words[0]):
            # "China’s Commerce Ministry": the possessive names the party, not a title
            role = role or ""
            possessive, name = words[0], " ".join(words[1:])
            known = self._lookup(name)
            party = self.party_of_text(possessive)
            if known is None:
                return Person(name, role, party or self.party_of_text(role))
        known = self._lookup(name)
        if known is None:
            person = Person(name, role, self.party_of_text(role) or self.party_of_text(name))
        else:
            party = known.party or self.party_of_text(role)
            person = Person(known.name, role or known.role, party)
        if introduce and " " in person.name and all(p.name != person.name for p in self.introduced):
            self.introduced.append(person)
        return person

    def introduce(self, run: str) -> None:
        """Record the full name of ``run`` (with its title) if it is new."""
        self.resolve(run, introduce=True)
