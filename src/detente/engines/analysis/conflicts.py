"""Why there is no deal: the minimal infeasible subsets of the parties' requirements.

The requirements are the principals' reservation thresholds (``u_p >= r_p``) and red lines
(:func:`detente.engines.analysis.acceptability.requirements`); feasibility always holds. A set
``S`` of requirements is *satisfiable* when some feasible outcome meets all of them; a *minimal
infeasible subset* (MIS, also "minimal unsatisfiable core"; Liffiton & Sakallah, "Algorithms for
computing minimal unsatisfiable subsets of constraints", *J. Automated Reasoning* 40, 2008) is an
unsatisfiable ``S`` whose every proper subset is satisfiable. When the ZOPA is empty, the full
set is unsatisfiable and each MIS names one reason.

Method. One pass over the outcome blocks collects the distinct *patterns* (bit vectors of the
requirements met) of the feasible outcomes. ``S`` is satisfiable iff some pattern contains
``S``. With ``R <= EXACT_LIMIT`` requirements, the satisfiable sets are the downward closure of
the patterns, computed for all ``2^R`` sets at once by a superset-sum ("sum over subsets") pass
per bit; ``S`` is an MIS iff it is unsatisfiable and ``S - {i}`` is satisfiable for every
``i in S`` (another vectorised pass per bit). This is exact and complete. Beyond the limit, a
deletion-based search (Chinneck & Dravnieks, 1991) from the full set, once per seeded random
ordering, finds one MIS per ordering; the result then says ``exact=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block, Requirement, requirements, scan
from detente.engines.compile import Compiled
from detente.engines.space import DEFAULT_CHUNK
from detente.model.scenario import Scenario

__all__ = [
    "EXACT_LIMIT",
    "Conflict",
    "Conflicts",
    "EvidenceQuote",
    "PatternScan",
    "RequirementText",
    "conflicts_of",
    "evidence_quote",
    "explain",
    "minimal_infeasible_subsets",
    "possessive",
    "requirement_patterns",
    "satisfiable",
    "why_no_deal",
]

EXACT_LIMIT = 20
Patterns = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class EvidenceQuote:
    """A statement that a requirement rests on, as the scenario's evidence records it.

    ``kind`` is the statement's: ``direct`` (words quoted), ``indirect`` (reported speech) or
    ``fact``; ``date_end`` is the last day of a date range (empty for a single day).
    """

    id: str
    speaker: str
    date: str
    venue: str
    reported_by: str
    quote: str
    kind: str = "direct"
    date_end: str = ""


@dataclass(frozen=True)
class RequirementText:
    """One requirement in the parties' words: who holds it, its text and its evidence."""

    label: str
    kind: str
    party: str
    party_name: str
    id: str
    text: str
    evidence: tuple[EvidenceQuote, ...]


@dataclass(frozen=True)
class Conflict:
    """One minimal infeasible subset, explained."""

    requirements: tuple[RequirementText, ...]
    sentence: str


@dataclass(frozen=True)
class Conflicts:
    """Every MIS found (``exact``: all of them, by exhaustive search), and the method used."""

    conflicts: tuple[Conflict, ...]
    n_requirements: int
    n_patterns: int
    method: str
    exact: bool


class PatternScan:
    """Accumulates the distinct requirement patterns of the feasible outcomes (a ``BlockScan``).

    Up to 62 requirements a pattern is an int64 code (``np.unique`` on ints is fast); beyond,
    a row of packed bits.
    """

    def __init__(self, compiled: Compiled) -> None:
        self.requirements = requirements(compiled)
        self.codes = np.zeros(0, dtype=np.int64)
        self.packed = np.zeros((0, (len(self.requirements) + 7) // 8), dtype=np.uint8)

    def update(self, block: Block) -> None:
        r = len(self.requirements)
        met = block.met if block.feasible.all() else np.compress(block.feasible, block.met, axis=1)
        if r > 62:
            rows = np.packbits(met.T, axis=1)
            self.packed = np.unique(np.concatenate([self.packed, rows]), axis=0)
            return
        new = np.zeros(met.shape[1], dtype=np.int64)
        for k in range(r):
            new |= met[k].astype(np.int64) << k
        self.codes = np.unique(np.concatenate([self.codes, np.unique(new)]))

    def result(self) -> Patterns:
        """The distinct patterns, shape ``(m, R)``."""
        r = len(self.requirements)
        if r > 62:
            return np.asarray(np.unpackbits(self.packed, axis=1, count=r), dtype=bool)
        bits = (self.codes[:, None] >> np.arange(r, dtype=np.int64)) & 1
        return np.asarray(bits, dtype=bool).reshape(self.codes.shape[0], r)


def requirement_patterns(
    compiled: Compiled, chunk: int = DEFAULT_CHUNK
) -> tuple[tuple[Requirement, ...], Patterns]:
    """The requirements and the distinct patterns ``(m, R)`` met by feasible outcomes."""
    patterns = PatternScan(compiled)
    scan(compiled, [patterns], chunk)
    return patterns.requirements, patterns.result()


def satisfiable(patterns: Patterns, subset: npt.ArrayLike) -> bool:
    """Whether some pattern meets every requirement in ``subset`` (positions).

    Examples
    --------
    >>> p = np.array([[True, False, True], [False, True, True]])
    >>> satisfiable(p, [0, 2]), satisfiable(p, [0, 1])
    (True, False)
    """
    cols = np.asarray(subset, dtype=np.int64)
    return bool(patterns.shape[0] and patterns[:, cols].all(axis=1).any())


def _exhaustive(patterns: Patterns) -> list[tuple[int, ...]]:
    r = patterns.shape[1]
    sat = np.zeros(1 << r, dtype=bool)
    sat[patterns.astype(np.int64) @ (1 << np.arange(r, dtype=np.int64))] = patterns.shape[0] > 0
    for i in range(r):
        view = sat.reshape(-1, 2, 1 << i)
        view[:, 0, :] |= view[:, 1, :]
    minimal = ~sat
    for i in range(r):
        m, s = minimal.reshape(-1, 2, 1 << i), sat.reshape(-1, 2, 1 << i)
        m[:, 1, :] &= s[:, 0, :]
    codes = np.flatnonzero(minimal)
    subsets = [tuple(int(i) for i in range(r) if code >> i & 1) for code in codes]
    return sorted(subsets, key=lambda s: (len(s), s))


def _deletion(patterns: Patterns, seed: int, orderings: int) -> list[tuple[int, ...]]:
    r = patterns.shape[1]
    rng = np.random.default_rng(seed)
    found: set[tuple[int, ...]] = set()
    for _ in range(orderings):
        keep = list(range(r))
        for item in rng.permutation(r):
            trial = [k for k in keep if k != item]
            if not satisfiable(patterns, trial):
                keep = trial
        found.add(tuple(sorted(keep)))
    return sorted(found, key=lambda s: (len(s), s))


def minimal_infeasible_subsets(
    patterns: Patterns, seed: int = 0, orderings: int = 64
) -> tuple[list[tuple[int, ...]], str, bool]:
    """MIS (as sorted positions) of the requirements given the met patterns; method; exact.

    Examples
    --------
    >>> p = np.array([[True, True, False], [False, True, True]])
    >>> minimal_infeasible_subsets(p)[0]
    [(0, 2)]
    """
    if satisfiable(patterns, np.arange(patterns.shape[1])):
        return [], "none needed (all requirements hold together)", True
    if patterns.shape[1] <= EXACT_LIMIT:
        return _exhaustive(patterns), "exhaustive (sum over subsets of the met patterns)", True
    method = f"deletion-based, {orderings} seeded orderings (seed {seed}); may miss some MIS"
    return _deletion(patterns, seed, orderings), method, False


def possessive(name: str) -> str:
    """``"North Korea"`` -> ``"North Korea's"``; ``"United States"`` -> ``"United States'"``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def evidence_quote(scenario: Scenario, statement_id: str) -> EvidenceQuote:
    """The statement ``statement_id`` of the scenario's evidence as an :class:`EvidenceQuote`."""
    s = scenario.statement(statement_id)
    date = s.said_on or s.said_until
    when = "" if date is None else date.isoformat()
    ranged = s.said_on is not None and s.said_until not in (None, s.said_on)
    end = s.said_until.isoformat() if ranged and s.said_until is not None else ""
    text = " ".join(s.quote.split())
    return EvidenceQuote(s.id, s.speaker, when, s.venue, s.reported_by, text, s.kind, end)


def _text(compiled: Compiled, req: Requirement) -> RequirementText:
    scenario = compiled.scenario
    name = scenario.party(req.party).name
    if req.kind == "reservation":
        r = float(compiled.reservations[compiled.party_index(req.party)])
        text = f"a deal must give {name} at least its no-deal value {r:.3g} (analyst's judgment)"
    else:
        text = " ".join(req.text.split())
    quotes = tuple(evidence_quote(scenario, e) for e in req.evidence)
    return RequirementText(req.label, req.kind, req.party, name, req.id, text, quotes)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"both {items[0]} and {items[1]}"
    return "all of " + ", ".join(items[:-1]) + f" and {items[-1]}"


def explain(compiled: Compiled, subset: tuple[Requirement, ...]) -> Conflict:
    """One MIS as requirement texts with evidence and a plain sentence."""
    texts = tuple(_text(compiled, r) for r in subset)
    lines = [
        f"the red line '{t.id.replace('_', ' ')}' ({t.party_name})"
        for t in texts
        if t.kind == "red_line"
    ]
    floors = [
        f"{t.party_name} at least its no-deal value "
        f"{float(compiled.reservations[compiled.party_index(t.party)]):.3g}"
        for t in texts
        if t.kind == "reservation"
    ]
    if not texts:
        sentence = "No outcome is feasible at all."
    elif not lines:
        sentence = f"No feasible outcome gives {' and '.join(floors)}."
    else:
        sentence = f"No feasible outcome meets {_join(lines)}"
        sentence += f" while giving {' and '.join(floors)}." if floors else "."
    return Conflict(texts, sentence)


def why_no_deal(compiled: Compiled, chunk: int = DEFAULT_CHUNK, seed: int = 0) -> Conflicts:
    """All minimal infeasible subsets of the requirements, explained (none if a ZOPA exists)."""
    reqs, patterns = requirement_patterns(compiled, chunk)
    return conflicts_of(compiled, reqs, patterns, seed)


def conflicts_of(
    compiled: Compiled, reqs: tuple[Requirement, ...], patterns: Patterns, seed: int = 0
) -> Conflicts:
    """:func:`why_no_deal` from already collected patterns (see :class:`PatternScan`)."""
    subsets, method, exact = minimal_infeasible_subsets(patterns, seed)
    conflicts = tuple(explain(compiled, tuple(reqs[k] for k in s)) for s in subsets)
    return Conflicts(conflicts, len(reqs), int(patterns.shape[0]), method, exact)
