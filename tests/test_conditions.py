"""The condition language: parsing, precedence, errors, names, evaluation."""

from __future__ import annotations

import itertools
import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.model.conditions import (
    Always,
    And,
    Compare,
    Condition,
    ConditionError,
    Implies,
    InSet,
    Not,
    Or,
    check_names,
    evaluate,
    parse_condition,
    to_text,
)
from detente.model.scenario import Issue
from tests.strategies import conditions, issue_lists

PYTHON_OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
A, B, C, D = (Compare(x, "==", "y") for x in "abcd")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a == y and b == y or c == y", Or((And((A, B)), C))),
        ("a == y or b == y and c == y", Or((A, And((B, C))))),
        ("not a == y and b == y", And((Not(A), B))),
        ("a == y -> b == y -> c == y", Implies(A, Implies(B, C))),
        ("(a == y -> b == y) -> c == y", Implies(Implies(A, B), C)),
        ("a == y or b == y -> c == y and d == y", Implies(Or((A, B)), And((C, D)))),
        ("not not a == y", Not(Not(A))),
        ("a == y and b == y and c == y", And((A, B, C))),
        ("a in {y}", InSet("a", ("y",))),
        ("a in { x , y,z }", InSet("a", ("x", "y", "z"))),
        ("not a in {x, y} or true", Or((Not(InSet("a", ("x", "y"))), Always(True)))),
        ("false", Always(False)),
        ("size >= 2.5", Compare("size", ">=", "2.5")),
        ("a!=b", Compare("a", "!=", "b")),
    ],
)
def test_parse_precedence_and_associativity(text: str, tree: Condition) -> None:
    assert parse_condition(text) == tree


@pytest.mark.parametrize(
    ("text", "fragment", "position"),
    [
        ("", "empty condition", 0),
        ("   ", "empty condition", 0),
        ("a ==", "expected an option name, found the end", 4),
        ("a == y and", "expected an issue name, found the end", 10),
        ("a = y", "unexpected character '='", 2),
        ("a == y)", "unexpected ')'", 6),
        ("(a == y", "ends early; expected ')'", 7),
        ("a y", "expected a comparison", 2),
        ("a in y", "expected '{'", 5),
        ("a in {}", "expected an option name, found '}'", 6),
        ("and == y", "expected an issue name, found 'and'", 0),
        ("a == y $", "unexpected character '$'", 7),
        ("a == or", "expected an option name, found 'or'", 5),
    ],
)
def test_parse_errors_have_positions(text: str, fragment: str, position: int) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(text)
    assert fragment in caught.value.message
    assert caught.value.position == position


def test_parse_never_evaluates_python() -> None:
    with pytest.raises(ConditionError):
        parse_condition("__import__('os').system('true')")


OPTIONS = {"sanctions": ["none", "humanitarian", "civilian", "all"], "testing": ["resumed", "halt"]}


def test_unknown_issue_suggests_nearest() -> None:
    problems = check_names(parse_condition("sanction > none"), OPTIONS)
    assert problems == ["unknown issue 'sanction'; did you mean 'sanctions'?"]


def test_unknown_option_suggests_nearest() -> None:
    problems = check_names(parse_condition("testing in {halted, resumed}"), OPTIONS)
    assert problems == ["unknown option 'halted' of issue 'testing'; did you mean 'halt'?"]


def test_unknown_name_far_from_all_lists_choices() -> None:
    (problem,) = check_names(parse_condition("zzz == none"), OPTIONS)
    assert "expected one of: sanctions, testing" in problem


def test_known_names_give_no_problem() -> None:
    assert check_names(parse_condition("sanctions >= civilian -> testing == halt"), OPTIONS) == []


def _truth(condition: Condition, outcome: dict[str, int], issues: list[Issue]) -> bool:
    """An independent reference: Python's own operators over option ranks."""
    rank = {i.id: {o: k for k, o in enumerate(i.option_ids)} for i in issues}
    if isinstance(condition, Always):
        return condition.value
    if isinstance(condition, Compare):
        left, right = outcome[condition.issue], rank[condition.issue][condition.option]
        return bool(PYTHON_OPERATORS[condition.op](left, right))
    if isinstance(condition, InSet):
        return any(outcome[condition.issue] == rank[condition.issue][o] for o in condition.options)
    if isinstance(condition, Not):
        return not _truth(condition.operand, outcome, issues)
    if isinstance(condition, And):
        return all(_truth(c, outcome, issues) for c in condition.operands)
    if isinstance(condition, Or):
        return any(_truth(c, outcome, issues) for c in condition.operands)
    assert isinstance(condition, Implies)
    return _truth(condition.conclusion, outcome, issues) or not _truth(
        condition.premise, outcome, issues
    )


@st.composite
def _trees(draw: st.DrawFn) -> tuple[list[Issue], Condition]:
    issue_list = draw(issue_lists(1, 3, 2, 4))
    return issue_list, draw(conditions(issue_list))


@settings(max_examples=100, deadline=None)
@given(_trees())
def test_to_text_then_parse_gives_equal_tree(case: tuple[list[Issue], Condition]) -> None:
    issue_list, tree = case
    text = to_text(tree)
    assert parse_condition(text) == tree
    options = {i.id: i.option_ids for i in issue_list}
    assert check_names(parse_condition(text), options) == []


@settings(max_examples=60, deadline=None)
@given(_trees())
def test_evaluate_agrees_with_truth_table(case: tuple[list[Issue], Condition]) -> None:
    issue_list, tree = case
    ranks = {i.id: {o: k for k, o in enumerate(i.option_ids)} for i in issue_list}
    parsed = parse_condition(to_text(tree))
    for combo in itertools.product(*(range(len(i.option_ids)) for i in issue_list)):
        outcome = dict(zip([i.id for i in issue_list], combo, strict=True))
        assert evaluate(parsed, outcome, ranks) == _truth(tree, outcome, issue_list)
