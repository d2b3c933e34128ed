"""Constructive ambiguity: agreements that use a term each party reads its own way.

A term ``T`` (a scenario ``definition`` with a ``dispute`` judgment) has a meaning ``D_p`` per
party — a set of outcomes. Let ``I_T`` be the issues its meanings mention and ``J`` the others.
An *ambiguous agreement* is a text that settles every issue of ``J`` precisely (``x``) and says
``T`` for the rest. Party ``p`` reads it as the least change from the status quo that its own
meaning requires:

.. math::  o_p(x) = \\operatorname{arg\\,min}_{o \\in F \\cap D_p,\\ o_J = x}
           (\\#\\{i : o_i \\ne sq_i\\},\\ \\sum_i |o_i - sq_i|,\\ \\text{index})

(``F`` the feasible outcomes; the order of :mod:`.definitions`), and values it under that
reading. With probability ``pi_T`` (a judgment) the difference surfaces during implementation,
the agreement unravels and each party is left with its no-deal value less a cost ``kappa_T``
(trust and face lost, steps already taken):

.. math::  V_p(x) = (1 - \\pi_T)\\, u_p(o_p(x)) + \\pi_T\\, (r_p - \\kappa_T)
           = u_p(o_p(x)) - \\pi_T\\, (u_p(o_p(x)) - r_p + \\kappa_T)

— its own reading's value less the expected cost of the dispute surfacing — when the readings
differ; when they coincide the text is a precise outcome, not an ambiguous one. A party that
is not a principal (a mediator, a stakeholder) cannot tell which reading will be implemented
and uses the mean of its utilities of the principals' readings. Every principal must have a
meaning of ``T`` for the term to be offered. Principal ``p`` signs when ``o_p(x)`` meets its
red lines and ``V_p(x) >= r_p``, that is ``(1 - pi) g_p >= pi kappa`` with
``g_p = u_p(o_p(x)) - r_p``. The texts every principal signs form the *ambiguous zone*; deals
that exist only through ambiguity are those of a case with an empty ZOPA and a non-empty
ambiguous zone. The *break-even* dispute probability is the largest ``pi`` at which some text
is still signed, ``max_x min_p g_p / (g_p + kappa)`` over the texts whose readings meet the red
lines with every ``g_p >= 0``.

When every party's meaning is the same set, every reading coincides and no text is ambiguous:
the analysis is then unchanged. The bargaining solutions of :mod:`.solutions` are applied to the
precise ZOPA's frontier together with the ambiguous texts (value vectors ``V``), which are
indexed after every outcome so that, at equal utilities, a precise deal wins the tie.

Constructive ambiguity as a negotiating device: Iklé, *How Nations Negotiate* (1964); Kissinger's
use of it in the Middle East (1973–75); Pehar, "Use of Ambiguities in Peace Agreements" (in
*Language and Diplomacy*, DiploFoundation, 2001); Bell & Cavanaugh, "'Constructive Ambiguity' or
Internal Self-Determination?", *Fordham Int. Law J.* 22 (1999). The formulation is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block
from detente.engines.analysis.definitions import status_quo_distance
from detente.engines.analysis.pareto import Frontier
from detente.engines.analysis.solutions import SOLUTIONS, Solution
from detente.engines.compile import Compiled, Floats
from detente.model.conditions import comparisons, parse_condition
from detente.model.scenario import Definition

__all__ = [
    "MAX_TEXTS",
    "Ambiguity",
    "AmbiguityScan",
    "AmbiguousDeal",
    "Choice",
    "TermAmbiguity",
    "ambiguity_of",
]

#: Largest number of texts (options of the issues outside a term) considered per term.
MAX_TEXTS = 2_000_000
_NONE = np.iinfo(np.int64).max
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class AmbiguousDeal:
    """One ambiguous text: the precise part, each principal's reading and every value."""

    term: str
    index: int
    precise: dict[str, str]
    readings: dict[str, dict[str, str]]
    values: dict[str, float]


@dataclass(frozen=True)
class TermAmbiguity:
    """A disputed term: how many texts use it, how many every principal signs, the best one."""

    id: str
    term: str
    probability: float
    cost: float
    texts: int
    signed: int
    best: AmbiguousDeal | None
    break_even: float | None
    note: str


@dataclass(frozen=True)
class Choice:
    """A bargaining solution over precise and ambiguous candidates."""

    name: str
    kind: str  # "precise" | "ambiguous"
    index: int
    utilities: dict[str, float]
    objective: float
    outcome: dict[str, str] | None
    ambiguous: AmbiguousDeal | None


@dataclass(frozen=True)
class Ambiguity:
    """Which deals exist precisely, which only through ambiguity, and what the solutions pick.

    ``verdict`` is ``precise`` (only precise deals), ``ambiguity_only`` (a vague text both can
    sign, no precise package), ``both``, ``neither`` or ``no_terms`` (no disputed term).
    """

    terms: tuple[TermAmbiguity, ...]
    precise_zopa: int
    ambiguous_zopa: int
    verdict: str
    reading: str
    solutions: dict[str, Choice]


def _issues(definition: Definition) -> set[str]:
    return {
        leaf.issue
        for m in definition.meanings
        for leaf in comparisons(parse_condition(m.condition))
    }


class _Term:
    """Running least-change readings ``o_p(x)`` of one term, per party with a meaning."""

    def __init__(self, compiled: Compiled, definition: Definition) -> None:
        space = compiled.space
        self.definition = definition
        self.parties = [m.party for m in definition.meanings]
        self.conditions = [parse_condition(m.condition) for m in definition.meanings]
        term = _issues(definition)
        self.rest = [i for i, name in enumerate(space.issues) if name not in term]
        radices = space.radices[self.rest]
        self.texts = int(np.prod(radices)) if self.rest else 1
        self.strides = np.array(
            [int(np.prod(radices[j + 1 :])) for j in range(len(radices))], dtype=np.int64
        )
        size, width = space.size, int(space.radices.sum())
        self.scale = (size, (width + 1) * size)
        fits = (len(space.issues) + 1) * (width + 1) * size < 2**62
        self.note = ""
        if self.texts > MAX_TEXTS or not fits:
            self.note = f"too many texts ({self.texts} > {MAX_TEXTS}): not considered"
        missing = [p for p in compiled.principals if p not in self.parties]
        if missing:
            self.note = f"no meaning for principal {missing[0]!r}: not considered"
        self.best = np.full((len(self.parties), 0 if self.note else self.texts), _NONE)

    def update(self, compiled: Compiled, block: Block) -> None:
        if self.note:
            return
        dist = status_quo_distance(compiled, block.ranks)
        key = (dist[:, 0] * self.scale[1] + dist[:, 1] * self.scale[0]) + block.index
        code = block.ranks[:, self.rest].astype(np.int64) @ self.strides
        for k, condition in enumerate(self.conditions):
            ok = block.feasible & compiled.mask(condition, block.ranks)
            np.minimum.at(self.best[k], code[ok], key[ok])

    def readings(self) -> Ints:
        """Outcome index of each party's reading per text, ``-1`` where it has none."""
        return np.where(self.best == _NONE, -1, self.best % self.scale[0])


class AmbiguityScan:
    """Every disputed term's readings, accumulated block by block (a ``BlockScan``)."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.terms = [
            _Term(compiled, d)
            for d in compiled.scenario.definitions
            if d.dispute is not None and len(d.meanings) >= 2
        ]

    def update(self, block: Block) -> None:
        for term in self.terms:
            term.update(self.compiled, block)


@dataclass(frozen=True)
class _Texts:
    """The signed texts of one term: principals' values ``(P, m)``, every party's, readings."""

    term: _Term
    xs: Ints
    values: Floats
    all_values: Floats
    readings: Ints  # (P, m) outcome index of each principal's reading


def _labels(compiled: Compiled, index: int) -> dict[str, str]:
    return compiled.space.labels(compiled.space.decode(np.array([index]))[0])


def _deal(compiled: Compiled, texts: _Texts, j: int, index: int) -> AmbiguousDeal:
    readings = {
        p: _labels(compiled, int(texts.readings[k, j])) for k, p in enumerate(compiled.principals)
    }
    first = readings[compiled.principals[0]]
    rest = {compiled.space.issues[i] for i in texts.term.rest}
    values = {q: float(texts.all_values[n, j]) for n, q in enumerate(compiled.parties)}
    precise = {i: o for i, o in first.items() if i in rest}
    return AmbiguousDeal(texts.term.definition.id, index, precise, readings, values)


def _evaluate(compiled: Compiled, term: _Term) -> tuple[_Texts, TermAmbiguity]:
    """The texts of ``term`` with differing readings, what each principal signs, the best."""
    definition, principals = term.definition, compiled.principals
    assert definition.dispute is not None
    pi, kappa = definition.dispute.probability, definition.dispute.cost
    reads = term.readings()
    rows = [term.parties.index(p) for p in principals]
    own = reads[rows] if reads.shape[1] else np.zeros((len(rows), 0), dtype=np.int64)
    differ = (own >= 0).all(axis=0) & (own != own[:1]).any(axis=0)
    xs = np.flatnonzero(differ)
    own = own[:, xs]
    n_q = len(compiled.parties)
    u = np.zeros((n_q, len(principals), xs.size))  # u[q, k]: party q's utility of reading k
    lines_ok = np.ones((len(principals), xs.size), dtype=bool)
    for k, party in enumerate(principals):
        ranks = compiled.space.decode(own[k])
        u[:, k] = compiled.utilities(ranks)
        for line in compiled.red_lines:
            if line.party == party:
                lines_ok[k] &= compiled.mask(line.condition, ranks)
    res = compiled.reservations[[compiled.party_index(p) for p in principals]]
    own_u = np.stack([u[compiled.party_index(p), k] for k, p in enumerate(principals)])
    values = (1 - pi) * own_u + pi * (res[:, None] - kappa)
    signed = lines_ok.all(axis=0) & (values >= res[:, None]).all(axis=0)
    every = u.mean(axis=1)  # a non-principal: the mean over the principals' readings
    for k, party in enumerate(principals):
        every[compiled.party_index(party)] = u[compiled.party_index(party), k]
    every = (1 - pi) * every + pi * (compiled.reservations[:, None] - kappa)
    texts = _Texts(term, xs[signed], values[:, signed], every[:, signed], own[:, signed])
    gains = (own_u - res[:, None])[:, lines_ok.all(axis=0)]
    return texts, _summary(compiled, term, texts, gains, int(xs.size))


def _break_even(gains: Floats, kappa: float) -> float | None:
    """Largest ``pi`` at which some text is signed: ``max_x min_p g_p / (g_p + kappa)``."""
    ok = (gains >= 0).all(axis=0)
    if not ok.any():
        return None
    g = gains[:, ok]
    ratio = np.divide(g, g + kappa, out=np.ones_like(g), where=(g + kappa) > 0)
    return float(ratio.min(axis=0).max())


def _summary(
    compiled: Compiled, term: _Term, texts: _Texts, gains: Floats, n_texts: int
) -> TermAmbiguity:
    definition = term.definition
    assert definition.dispute is not None
    pi, kappa = definition.dispute.probability, definition.dispute.cost
    res = compiled.reservations[[compiled.party_index(p) for p in compiled.principals]]
    best = None
    if texts.xs.size:
        pick = SOLUTIONS["nash"](texts.values, res, None)
        assert pick is not None
        best = _deal(compiled, texts, pick[0], -1)
    return TermAmbiguity(
        definition.id,
        definition.term,
        pi,
        kappa,
        n_texts,
        int(texts.xs.size),
        best,
        _break_even(gains, kappa),
        term.note,
    )


def _union(compiled: Compiled, frontier: Frontier | None, texts: list[_Texts]) -> dict[str, Choice]:
    """The four solutions over the precise ZOPA frontier and every signed text."""
    n_p = len(compiled.principals)
    res = compiled.reservations[[compiled.party_index(p) for p in compiled.principals]]
    u = [frontier.utilities] if frontier is not None else [np.zeros((n_p, 0))]
    index = [frontier.index] if frontier is not None else [np.zeros(0, dtype=np.int64)]
    owner: list[tuple[int, int]] = []
    for t, group in enumerate(texts):
        u.append(group.values)
        owner.extend((t, j) for j in range(group.values.shape[1]))
    k = index[0].shape[0]
    ids = np.concatenate([*index, compiled.space.size + np.arange(len(owner), dtype=np.int64)])
    utilities = np.concatenate(u, axis=1)
    result: dict[str, Choice] = {}
    for name, solve in SOLUTIONS.items():
        pick = solve(utilities, res, ids)
        if pick is None:
            continue
        pos, objective = pick
        if pos < k:
            outcome = _labels(compiled, int(ids[pos]))
            ranks = compiled.space.decode(ids[pos : pos + 1])
            values = compiled.utilities(ranks)[:, 0]
            every = {q: float(values[n]) for n, q in enumerate(compiled.parties)}
            result[name] = Choice(name, "precise", int(ids[pos]), every, objective, outcome, None)
        else:
            t, j = owner[pos - k]
            deal = _deal(compiled, texts[t], j, int(ids[pos]))
            result[name] = Choice(name, "ambiguous", deal.index, deal.values, objective, None, deal)
    return result


def _from_precise(solutions: dict[str, Solution]) -> dict[str, Choice]:
    return {
        name: Choice(name, "precise", s.index, s.utilities, s.objective, s.outcome, None)
        for name, s in solutions.items()
    }


def _verdict(precise: int, ambiguous: int, terms: tuple[TermAmbiguity, ...]) -> tuple[str, str]:
    offered = [t for t in terms if not t.note]
    if not offered:
        return "no_terms", "No disputed term (a definition with `dispute`) can be signed vaguely."
    names = ", ".join(f"'{t.term}'" for t in offered)
    if precise and ambiguous:
        return "both", (
            f"Precise deals exist ({precise} outcomes); vague texts using {names} add "
            f"{ambiguous} more candidates."
        )
    if precise:
        return "precise", (
            f"Precise deals exist ({precise} outcomes); no vague text using {names} is signed "
            "at the judged risk that the gap surfaces."
        )
    if ambiguous:
        return "ambiguity_only", (
            f"No package with precise terms is acceptable, but {ambiguous} vague texts using "
            f"{names} are: each party signs under its own reading — a deal that exists only "
            "through ambiguity."
        )
    even = [t for t in offered if t.break_even is not None]
    tail = "".join(
        f" A text using '{t.term}' would be signed if the chance that the gap surfaces were at "
        f"most {t.break_even:.2f} (judged {t.probability:.2f})."
        for t in even
    )
    return "neither", (
        f"No deal with precise terms, and no vague text using {names} either: at the judged "
        "risk that the gap surfaces, forcing the terms exposes the gap." + tail
    )


def ambiguity_of(
    compiled: Compiled,
    scan: AmbiguityScan,
    precise_zopa: int,
    frontier: Frontier | None,
    solutions: dict[str, Solution],
) -> Ambiguity:
    """Ambiguous texts of every disputed term beside the precise deals (module docstring).

    ``frontier`` is the precise ZOPA's Pareto frontier (None without a ZOPA) and ``solutions``
    the precise bargaining solutions, returned unchanged when no ambiguous text is signed.
    """
    groups, terms = [], []
    for term in scan.terms:
        if term.note:
            d = term.definition
            assert d.dispute is not None
            p, c = d.dispute.probability, d.dispute.cost
            terms.append(TermAmbiguity(d.id, d.term, p, c, 0, 0, None, None, term.note))
            continue
        texts, result = _evaluate(compiled, term)
        groups.append(texts)
        terms.append(result)
    signed = sum(t.signed for t in terms)
    verdict, reading = _verdict(precise_zopa, signed, tuple(terms))
    choices = _union(compiled, frontier, groups) if signed else _from_precise(solutions)
    if signed:
        picked = [c.name for c in choices.values() if c.kind == "ambiguous"]
        if picked:
            reading += f" The {', '.join(picked)} solution(s) choose an ambiguous text."
        else:
            reading += " Every bargaining solution still chooses a precise deal."
    return Ambiguity(tuple(terms), precise_zopa, signed, verdict, reading, choices)
