"""An independent, scalar reference of the phased-deal model, and small random scenarios.

Everything here is plain Python over one outcome at a time, written from the equations in
``docs/phased-deals.md`` (not from the engine's vectorised code), so that the engine can be
checked against it on small lattices by brute force.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from detente.engines.compile import Compiled
from detente.model.scenario import Scenario

Outcome = tuple[int, ...]


def table(c: Compiled, party: str, issue: int, rank: int) -> float:
    return float(c.tables[c.party_index(party), issue, rank])


def utility(c: Compiled, party: str, o: Outcome) -> float:
    return sum(table(c, party, i, r) for i, r in enumerate(o))


def status_quo(c: Compiled) -> Outcome:
    sq = c.scenario.status_quo
    return tuple(
        c.space.options[i].index(sq[issue]) if issue in sq else 0
        for i, issue in enumerate(c.space.issues)
    )


def reversal(c: Compiled, issue: int, rank: int) -> tuple[bool, float]:
    """Can option ``rank`` be taken back to the status quo, and at what cost fraction."""
    start = status_quo(c)[issue]
    options = c.scenario.issues[issue].ordered_options
    path = range(start + 1, rank + 1) if rank > start else range(rank, start)
    ok, worst = True, 0.0
    for r in path:
        ok = ok and options[r].reversible
        worst = max(worst, options[r].reversal_cost)
    return ok, worst


def stop_value(c: Compiled, party: str, z: Outcome) -> float:
    sq = status_quo(c)
    kept, lost = list(z), 0.0
    for i, r in enumerate(z):
        v, v0 = table(c, party, i, r), table(c, party, i, sq[i])
        ok, cost = reversal(c, i, r)
        if v < v0 - 1e-12 and ok:
            kept[i] = sq[i]
            lost += cost * (v0 - v)
    reservation = float(c.reservations[c.party_index(party)])
    return reservation + utility(c, party, tuple(kept)) - lost - utility(c, party, sq)


def evaluate(
    c: Compiled, path: list[Outcome], trust: dict[str, float], discount: dict[str, float]
) -> dict[str, Any]:
    """Margins ``m[k][p]`` and movers of a path, by the recursion of the model."""
    parties = c.principals
    steps = list(itertools.pairwise(path))
    give = [
        {p: {i for i in range(len(x)) if table(c, p, i, y[i]) < table(c, p, i, x[i]) - 1e-12}
         for p in parties}
        for x, y in steps
    ]  # fmt: skip
    movers = [{p for p in parties if g[p]} for g in give]
    value = {p: utility(c, p, path[-1]) for p in parties}
    margins: list[dict[str, float]] = [{} for _ in steps]
    for k in range(len(steps) - 1, -1, -1):
        x, y = steps[k]
        for p in parties:
            q = 1.0
            for r in movers[k] - {p}:
                q *= trust[r]
            fail = tuple(y[i] if i in give[k][p] else x[i] for i in range(len(x)))
            value[p] = q * discount[p] * value[p] + (1 - q) * stop_value(c, p, fail)
            margins[k][p] = value[p] - stop_value(c, p, x)
    return {"margins": margins, "movers": movers}


def min_margin(result: dict[str, Any]) -> float:
    return min(min(m.values()) for m in result["margins"])


def monotone_paths(start: Outcome, final: Outcome, max_steps: int) -> Iterator[list[Outcome]]:
    """Every path from ``start`` to ``final`` of at most ``max_steps`` steps, each issue moving
    toward its final option or staying, at least one issue moving per step."""
    ranges = [
        list(range(a, b + 1)) if b >= a else list(range(a, b - 1, -1))
        for a, b in zip(start, final, strict=True)
    ]

    def ahead(x: Outcome) -> Iterator[Outcome]:
        choices = [r[r.index(v) :] for r, v in zip(ranges, x, strict=True)]
        for y in itertools.product(*choices):
            if y != x:
                yield y

    def walk(path: list[Outcome]) -> Iterator[list[Outcome]]:
        if path[-1] == final:
            yield path
            return
        if len(path) - 1 == max_steps:
            return
        for y in ahead(path[-1]):
            yield from walk([*path, y])

    yield from walk([start])


def random_scenario(draw: Any) -> Scenario:
    """A small two-principal scenario from a hypothesis ``draw`` (no linkage, no red lines)."""
    from hypothesis import strategies as st

    unit = st.floats(0.0, 1.0, allow_nan=False).map(lambda v: round(v, 3))
    n_issues = draw(st.integers(2, 3))
    issues, values = [], {"a": {}, "b": {}}
    for i in range(n_issues):
        n = draw(st.integers(2, 3))
        options = [
            {"id": f"o{r}", "reversible": draw(st.booleans()), "reversal_cost": draw(unit)}
            for r in range(n)
        ]
        issues.append({"id": f"i{i}", "options": options})
        for party in values:
            values[party][f"i{i}"] = {f"o{r}": draw(unit) for r in range(n)}
    parties = [
        {
            "id": party,
            "name": party,
            "role": "principal",
            "preferences": {
                "weights": {f"i{i}": draw(unit) + 0.01 for i in range(n_issues)},
                "values": values[party],
                "reservation": round(0.6 * draw(unit), 3),
            },
        }
        for party in values
    ]
    status = {f"i{i}": f"o{draw(st.integers(0, len(issues[i]['options']) - 1))}"
              for i in range(n_issues)}  # fmt: skip
    return Scenario.model_validate(
        {
            "metadata": {"id": "random", "title": "random", "as_of": "2020-01-01"},
            "parties": parties,
            "issues": issues,
            "status_quo": status,
            "process": {
                "trust": {"a": draw(unit), "b": draw(unit)},
                "discount": {"a": draw(unit), "b": draw(unit)},
            },
        }
    )
