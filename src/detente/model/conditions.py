"""The condition language: small boolean expressions over ordered issues.

A condition constrains outcomes, e.g. ``sanctions > none -> denuclearization == complete``.
Grammar (lowest precedence first; ``->`` is right-associative)::

    condition   := implication
    implication := disjunction ( "->" implication )?
    disjunction := conjunction ( "or" conjunction )*
    conjunction := negation ( "and" negation )*
    negation    := "not" negation | atom
    atom        := "(" condition ")" | comparison | "true" | "false"
    comparison  := ISSUE OP OPTION            OP in  == != < <= > >=
                 | ISSUE "in" "{" OPTION ("," OPTION)* "}"

Options compare by their rank on the issue's ordered scale (least to most). Conditions are
parsed once into a tree of frozen dataclasses; nothing is ever evaluated with ``eval``. The tree
is checked against the scenario's issues with :func:`check_names`, and compiled to vectorised
masks by the engines.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from detente.errors import DetenteError

__all__ = [
    "All",
    "Always",
    "And",
    "Compare",
    "Condition",
    "ConditionError",
    "Implies",
    "InSet",
    "Not",
    "Or",
    "check_names",
    "comparisons",
    "evaluate",
    "parse_condition",
    "partial_outcome_condition",
    "posture_text",
    "suggestion",
    "to_text",
]

OPERATORS = ("==", "!=", "<=", ">=", "<", ">")


class ConditionError(DetenteError, ValueError):
    """A condition that cannot be parsed or names something unknown.

    ``position`` is the 0-based character offset in the condition text, when known.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Compare:
    """``issue OP option``: the issue's chosen option compared by rank with ``option``."""

    issue: str
    op: str
    option: str


@dataclass(frozen=True)
class InSet:
    """``issue in {a, b}``: the issue's chosen option is one of ``options``."""

    issue: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class And:
    operands: tuple[Condition, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Condition, ...]


@dataclass(frozen=True)
class Implies:
    premise: Condition
    conclusion: Condition


@dataclass(frozen=True)
class Always:
    """The constant ``true`` (``value=True``) or ``false``."""

    value: bool


Condition = Compare | InSet | Not | And | Or | Implies | Always
All = Always(True)

_TOKEN = re.compile(
    r"\s*(?:(?P<op>->|==|!=|<=|>=|<|>)|(?P<punct>[(){},])|(?P<name>[A-Za-z_][A-Za-z0-9_]*"
    r"|[0-9]+(?:\.[0-9]+)?))"
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false"}


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            offset = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ConditionError(f"unexpected character {text[offset]!r}", offset)
        kind = match.lastgroup
        assert kind is not None
        tokens.append((match.group(kind), match.start(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    def peek(self) -> str | None:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def position(self) -> int:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else len(self.text)

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None:
            raise ConditionError(
                f"condition ends early; expected {expected!r}"
                if expected
                else "condition ends early",
                len(self.text),
            )
        if expected is not None and token != expected:
            raise ConditionError(f"expected {expected!r}, found {token!r}", self.position())
        self.index += 1
        return token

    def name(self, what: str) -> str:
        token = self.peek()
        if token is None or token in _KEYWORDS or not _is_name(token):
            found = "the end" if token is None else repr(token)
            raise ConditionError(f"expected {what}, found {found}", self.position())
        self.index += 1
        return token

    def implication(self) -> Condition:
        left = self.disjunction()
        if self.peek() == "->":
            self.take()
            return Implies(left, self.implication())
        return left

    def disjunction(self) -> Condition:
        parts = [self.conjunction()]
        while self.peek() == "or":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self) -> Condition:
        parts = [self.negation()]
        while self.peek() == "and":
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def negation(self) -> Condition:
        if self.peek() == "not":
            self.take()
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Condition:
        token = self.peek()
        if token == "(":
            self.take()
            inner = self.implication()
            self.take(")")
            return inner
        if token in ("true", "false"):
            self.take()
            return Always(token == "true")
        issue = self.name("an issue name")
        op = self.peek()
        if op == "in":
            self.take()
            return InSet(issue, self.option_set())
        if op not in OPERATORS:
            found = "the end" if op is None else repr(op)
            raise ConditionError(
                f"expected a comparison (== != < <= > >= in) after {issue!r}, found {found}",
                self.position(),
            )
        self.take()
        return Compare(issue, op, self.name("an option name"))

    def option_set(self) -> tuple[str, ...]:
        self.take("{")
        options = [self.name("an option name")]
        while self.peek() == ",":
            self.take()
            options.append(self.name("an option name"))
        self.take("}")
        return tuple(options)


def _is_name(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def parse_condition(text: str) -> Condition:
    """Parse ``text`` into a condition tree.

    Examples
    --------
    >>> parse_condition("sanctions > none -> denuc == complete")
    Implies(premise=Compare(issue='sanctions', op='>', option='none'), \
conclusion=Compare(issue='denuc', op='==', option='complete'))
    """
    if not isinstance(text, str):
        raise ConditionError(f"a condition must be text, not {type(text).__name__}")
    parser = _Parser(text)
    if not parser.tokens:
        raise ConditionError("empty condition", 0)
    tree = parser.implication()
    if parser.peek() is not None:
        raise ConditionError(f"unexpected {parser.peek()!r}", parser.position())
    return tree


def comparisons(condition: Condition) -> Iterator[Compare | InSet]:
    """Yield every leaf comparison of ``condition``, left to right."""
    if isinstance(condition, Compare | InSet):
        yield condition
    elif isinstance(condition, Not):
        yield from comparisons(condition.operand)
    elif isinstance(condition, And | Or):
        for operand in condition.operands:
            yield from comparisons(operand)
    elif isinstance(condition, Implies):
        yield from comparisons(condition.premise)
        yield from comparisons(condition.conclusion)


def suggestion(name: str, choices: Sequence[str]) -> str:
    """A hint for a misspelt ``name``: the nearest of ``choices``, or the list of them."""
    if not choices:
        return "none is defined"
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(choices)}"


def check_names(condition: Condition, options: Mapping[str, Sequence[str]]) -> list[str]:
    """Return a message for each unknown issue or option in ``condition``.

    ``options`` maps each issue id to its ordered option ids. Each message suggests the nearest
    valid name.
    """
    problems: list[str] = []
    for leaf in comparisons(condition):
        if leaf.issue not in options:
            problems.append(
                f"unknown issue {leaf.issue!r}; {suggestion(leaf.issue, list(options))}"
            )
            continue
        valid = list(options[leaf.issue])
        named = leaf.options if isinstance(leaf, InSet) else (leaf.option,)
        for option in named:
            if option not in valid:
                hint = suggestion(option, valid)
                problems.append(f"unknown option {option!r} of issue {leaf.issue!r}; {hint}")
    return problems


def evaluate(
    condition: Condition, outcome: Mapping[str, int], ranks: Mapping[str, Mapping[str, int]]
) -> bool:
    """Evaluate ``condition`` on one outcome (issue -> option rank); the scalar reference.

    ``ranks`` maps issue -> option id -> rank. Engines use vectorised masks instead; this
    function is the brute-force reference they are tested against.
    """
    if isinstance(condition, Always):
        return condition.value
    if isinstance(condition, Compare):
        left, right = outcome[condition.issue], ranks[condition.issue][condition.option]
        return bool(_COMPARE[condition.op](left, right))
    if isinstance(condition, InSet):
        return outcome[condition.issue] in {ranks[condition.issue][o] for o in condition.options}
    if isinstance(condition, Not):
        return not evaluate(condition.operand, outcome, ranks)
    if isinstance(condition, And):
        return all(evaluate(c, outcome, ranks) for c in condition.operands)
    if isinstance(condition, Or):
        return any(evaluate(c, outcome, ranks) for c in condition.operands)
    return (not evaluate(condition.premise, outcome, ranks)) or evaluate(
        condition.conclusion, outcome, ranks
    )


_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def partial_outcome_condition(partial: Mapping[str, str]) -> Condition:
    """The condition that fixes each named issue to the given option."""
    parts = tuple(Compare(issue, "==", option) for issue, option in partial.items())
    if not parts:
        return All
    return parts[0] if len(parts) == 1 else And(parts)


def posture_text(condition: str | None, partial: Mapping[str, str]) -> str | None:
    """A posture's condition and partial outcome written as one condition (None if neither).

    The one place a posture's set of outcomes is written out: ``condition and issue == option
    and ...``.

    Examples
    --------
    >>> posture_text("sanctions >= partial", {"testing": "codified"})
    'sanctions >= partial and testing == codified'
    >>> posture_text(None, {}) is None
    True
    """
    parts = [condition] if condition else []
    parts += [f"{issue} == {option}" for issue, option in partial.items()]
    return " and ".join(parts) or None


def to_text(condition: Condition) -> str:
    """Render ``condition`` back to text that :func:`parse_condition` reads to an equal tree."""
    if isinstance(condition, Always):
        return "true" if condition.value else "false"
    if isinstance(condition, Compare):
        return f"{condition.issue} {condition.op} {condition.option}"
    if isinstance(condition, InSet):
        return f"{condition.issue} in {{{', '.join(condition.options)}}}"
    if isinstance(condition, Not):
        return f"not {_wrap(condition.operand)}"
    if isinstance(condition, And):
        return " and ".join(_wrap(c) for c in condition.operands)
    if isinstance(condition, Or):
        return " or ".join(_wrap(c) for c in condition.operands)
    return f"{_wrap(condition.premise)} -> {_wrap(condition.conclusion)}"


def _wrap(condition: Condition) -> str:
    simple = isinstance(condition, Compare | InSet | Always | Not)
    return to_text(condition) if simple else f"({to_text(condition)})"
