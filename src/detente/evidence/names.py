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
    """Name resolution for one article; see the module docstring.

    Lookups go through dictionaries (full name, first or last name of the latest person
    introduced, scenario names and aliases), so resolving a mention costs O(1) however many
    people the article has introduced -- a linear scan made 20 MB texts quadratic.
    """

    scenario: Scenario | None = None
    introduced: list[Person] = field(default_factory=list)
    _by_name: dict[str, Person] = field(default_factory=dict, repr=False)
    _by_part: dict[str, Person] = field(default_factory=dict, repr=False)
    _known: dict[str, Person] | None = field(default=None, repr=False)
    _cues: list[tuple[str, re.Pattern[str]]] | None = field(default=None, repr=False)

    def party_of_text(self, text: str) -> str | None:
        """The scenario party named or cued in ``text`` ("U.S. Secretary" -> the U.S. party)."""
        if self.scenario is None or not text:
            return None
        if self._cues is None:
            self._cues = [
                (party.id, re.compile(rf"(?<![\w.]){re.escape(cue)}(?:’s|'s)?(?![\w])"))
                for party in self.scenario.parties
                for cue in (party.name, *COUNTRY_CUES.get(party.name, ()))
            ]
        padded = f" {text} "
        return next((party for party, cue in self._cues if cue.search(padded)), None)

    def _scenario_person(self, name: str) -> Person | None:
        if self.scenario is None:
            return None
        if self._known is None:
            self._known = {}
            for party in reversed(self.scenario.parties):  # first party wins, as before
                for person in reversed(party.people):
                    for alias in (person.name, *person.aliases):
                        self._known[alias.lower()] = Person(person.name, "", party.id)
        return self._known.get(name.lower())

    def _partial(self, name: str) -> Person | None:
        return self._by_part.get(name.lower())

    def _lookup(self, name: str) -> Person | None:
        if " " not in name and (found := self._partial(name)) is not None:
            return found
        found = self._by_name.get(name.lower())
        return found or self._scenario_person(name)

    def _add(self, person: Person) -> None:
        self.introduced.append(person)
        self._by_name.setdefault(person.name.lower(), person)
        parts = person.name.lower().split()
        self._by_part[parts[0]] = person
        self._by_part[parts[-1]] = person

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
        if introduce and " " in person.name and person.name.lower() not in self._by_name:
            self._add(person)
        return person

    def introduce(self, run: str) -> None:
        """Record the full name of ``run`` (with its title) if it is new."""
        self.resolve(run, introduce=True)
