"""The issue-table models against brute force, hand computations and their defining properties."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.engines.issuetable.exchange import exchange
from detente.engines.issuetable.models import compromise, nash_reference
from detente.engines.issuetable.procedural import pivots, procedural
from detente.engines.issuetable.table import Issue, make_issue

positions = st.lists(st.integers(0, 100), min_size=3, max_size=9)


def _issue(x: list[int], **fields: object) -> Issue:
    n = len(x)
    roles = ["setter", "chamber"] + ["member"] * (n - 2)
    return make_issue("i", "p", [f"a{k}" for k in range(n)], x, [50] * n, role=roles, **fields)


def _qm_prefers(issue: Issue, y: float, q: float) -> bool:
    members = np.array([r == "member" for r in issue.role])
    x, v = issue.position[members], issue.capability[members]
    theta = 1.0 if issue.rule == "Unan" else issue.threshold
    yes = v[np.abs(x - y) < np.abs(x - q)].sum()
    return bool(yes >= theta * v.sum() - 1e-9)


@settings(max_examples=150, deadline=None)
@given(positions, st.integers(0, 100), st.sampled_from(["QMV", "Unan"]))
def test_procedural_is_the_acceptable_point_closest_to_the_setter(
    x: list[int], q: int, rule: str
) -> None:
    # Brute force on a fine grid: the points a qualified majority strictly prefers to q, plus q.
    issue = _issue(x, reference=float(q), rule=rule, procedure="CNS")
    forecast = procedural(issue)
    setter = issue.position[0]
    grid = np.linspace(0, 100, 4001)
    ok = [y for y in grid if y == q or _qm_prefers(issue, y, q)]
    best = min(abs(y - setter) for y in [*ok, float(q)])
    assert abs(forecast - setter) <= best + 1e-9
    # and the forecast itself is q or beats q, up to the boundary (weak preference at the edge)
    edge = forecast + np.sign(q - forecast) * 1e-6
    assert forecast == q or _qm_prefers(issue, edge, q)


def test_procedural_unanimity_keeps_the_status_quo_between_members() -> None:
    issue = _issue([100, 100, 10, 60, 90], reference=50.0, rule="Unan")
    assert procedural(issue) == 50.0  # one member at 10 vetoes every move right of 50
    qmv = _issue([100, 100, 10, 60, 90, 80, 95], reference=50.0, rule="QMV", threshold=0.7)
    # members 10,60,90,80,95 (votes 1): 4 of 5 = 0.8 >= 0.7 sit at or above L = 60 -> 2L-q = 70
    assert procedural(qmv) == 70.0


def test_pivots_by_hand() -> None:
    x, v = np.array([0.0, 30.0, 60.0, 100.0]), np.array([1.0, 1.0, 1.0, 1.0])
    assert pivots(x, v, 0.75) == (30.0, 60.0)
    assert pivots(x, v, 1.0) == (0.0, 100.0)


@settings(max_examples=100, deadline=None)
@given(positions, st.integers(0, 100))
def test_nash_is_the_fixed_point_weighted_mean(x: list[int], q: int) -> None:
    issue = make_issue(
        "i", "p", [str(k) for k in range(len(x))], x, [50] * len(x), reference=float(q)
    )
    kappa = 0.5
    f = nash_reference(issue, kappa)
    gains = kappa * 1e4 + (q - issue.position) ** 2 - (f - issue.position) ** 2
    assert (gains > 0).all()
    w = issue.salience / gains
    # first-order condition of Σ w ln g: f = Σ (w/g) x / Σ (w/g), up to the grid step 0.05
    assert abs(f - float((w * issue.position).sum() / w.sum())) < 0.1


def test_nash_limits() -> None:
    issue = make_issue("i", "p", "abc", [0, 20, 100], [30, 60, 90], reference=0.0)
    assert abs(nash_reference(issue, 1e4) - compromise(issue)) < 0.05
    # κ = 0: only points every actor prefers to q are feasible; actor a sits at q, so none is
    assert nash_reference(issue, 0.0) == 0.0


def _two_issue_market() -> list[Issue]:
    # a cares about issue 1, b about issue 2; they sit on opposite sides of both outcomes.
    one = make_issue("i1", "p", "abc", [0, 100, 50], [90, 10, 50])
    two = make_issue("i2", "p", "abc", [100, 0, 50], [10, 90, 50])
    return [one, two]


def test_exchange_moves_each_outcome_towards_the_actor_that_cares() -> None:
    issues = _two_issue_market()
    before = np.array([compromise(i) for i in issues])
    after = exchange(issues)
    assert after[0] < before[0] and after[1] < before[1]  # both towards a's and b's ideals 0


def test_exchange_gains_are_equal_and_positive() -> None:
    issues = [
        make_issue("i1", "p", "abc", [0, 100, 50], [80, 20, 50]),
        make_issue("i2", "p", "abc", [100, 0, 50], [30, 70, 50]),
    ]
    before = np.array([compromise(i) for i in issues])
    after = exchange(issues, max_exchanges=1)
    move = np.abs(after - before)
    # equal gain: s_a1 A − s_a2 B = s_b2 B − s_b1 A with A, B the outcome moves
    gain_a = 80 * move[0] - 30 * move[1]
    gain_b = 70 * move[1] - 20 * move[0]
    assert gain_a > 0 and abs(gain_a - gain_b) < 1e-9


def test_exchange_single_issue_is_the_compromise() -> None:
    issue = _two_issue_market()[0]
    assert exchange([issue])[0] == compromise(issue)


def test_smp_forecast_is_a_final_position_within_the_range() -> None:
    from detente.engines.forecast.smp import run_smp
    from detente.engines.issuetable.models import smp

    issue = make_issue("i", "p", "abcd", [0, 30, 60, 100], [80, 40, 60, 20],
                       capability=[1, 2, 3, 1])  # fmt: skip
    run = run_smp(issue.position[:, None], issue.salience[:, None], issue.capability)
    forecast = smp(issue)
    assert forecast in run.positions[-1, :, 0].tolist() and 0 <= forecast <= 100
