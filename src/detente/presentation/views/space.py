"""The utility space of the two main principals: every feasible outcome as a point.

Each feasible outcome ``o`` is drawn at ``(u_a(o), u_b(o))`` for the first two principals ``a``
and ``b`` (scenario order). The zone of possible agreement (ZOPA: feasible outcomes that meet
every principal's red lines and reservation value, :mod:`detente.engines.analysis.acceptability`)
is flagged; the Pareto frontier (exact: every feasible outcome that no feasible outcome
dominates for the two drawn principals, by :func:`detente.engines.analysis.pareto.pareto_mask`), the
bargaining solutions (analysis engine) and the postures are marked.

Big spaces: when more than ``max_points`` outcomes are feasible, the *drawn* cloud is a seeded
Bernoulli sample of the feasible outcomes with rate ``max_points / feasible`` (ZOPA outcomes are
sampled at the same rate and flagged), so that the figure stays light; counts, the ZOPA size and
the frontier are always computed over the whole space.

A posture is marked at the outcome of its set (its condition, or its partial outcome) that its
own party values most (ties: the lowest outcome index) — the posture's most favourable reading
for the party that stated it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block, blocks
from detente.engines.analysis.pareto import pareto_mask
from detente.engines.compile import Compiled, Floats
from detente.engines.space import DEFAULT_CHUNK, OutcomeSpace, Ranks
from detente.model.conditions import parse_condition
from detente.model.scenario import Posture, Scenario
from detente.presentation.views import engines

__all__ = ["DEFAULT_MAX_POINTS", "hover_text", "utility_space"]

DEFAULT_MAX_POINTS = 5000
_DIGITS = 4


def hover_text(scenario: Scenario, space: OutcomeSpace, ranks: Ranks) -> list[str]:
    """One line per issue, ``label: option label``, for each row of ``ranks`` (vectorised).

    Labels are HTML-escaped: plotly reads a few tags (``<br>``, ``<a>``) in hover text, and a
    scenario's text must never become markup.
    """
    if ranks.shape[0] == 0:
        return []
    columns = []
    for i, issue in enumerate(scenario.issues):
        labels = np.array(
            [
                html.escape(f"{issue.label or issue.id}: {o.label or o.id}")
                for o in issue.ordered_options
            ]
        )
        columns.append(labels[ranks[:, i]])
    joined = reduce(lambda x, y: np.char.add(np.char.add(x, "<br>"), y), columns)
    return [str(t) for t in joined]


def _evaluated(compiled: Compiled) -> Iterable[Block]:
    """The evaluated blocks: kept in memory when the space is one block, else re-streamed."""
    if compiled.space.size <= DEFAULT_CHUNK:
        return list(blocks(compiled))
    return _Restream(compiled)


class _Restream:
    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled

    def __iter__(self) -> Iterator[Block]:
        return blocks(self.compiled)


def utility_space(
    compiled: Compiled, max_points: int = DEFAULT_MAX_POINTS, seed: int = 0, with_text: bool = True
) -> dict[str, Any]:
    """The JSON-ready utility space of the first two principals (see the module docstring).

    ``with_text=False`` leaves out the cloud's hover text: a what-if changes utilities and the
    ZOPA, never the feasible outcomes drawn (same seed, same feasible count, same sample), so
    a client can keep the texts of its first request.
    """
    if len(compiled.principals) < 2:
        return engines.unavailable("the utility space needs two principals")
    a, b = (compiled.party_index(p) for p in compiled.principals[:2])
    evaluated = _evaluated(compiled)
    feasible = sum(int(block.feasible.sum()) for block in evaluated)
    rate = min(1.0, max_points / feasible) if feasible else 1.0
    rng = np.random.default_rng(seed)
    index, utils, zopa, zopa_count = [], [], [], 0
    for block in evaluated:
        zopa_count += int(block.zopa.sum())
        keep = block.feasible & (rng.random(block.index.shape[0]) < rate if rate < 1 else True)
        index.append(block.index[keep])
        utils.append(block.utilities[[a, b]][:, keep])
        zopa.append(block.zopa[keep])
    drawn = np.concatenate(index)
    points = np.concatenate(utils, axis=1)
    space, scenario = compiled.space, compiled.scenario
    return {
        "available": True,
        "parties": list(compiled.principals[:2]),
        "names": [scenario.party(p).name for p in compiled.principals[:2]],
        "reservations": [float(compiled.reservations[a]), float(compiled.reservations[b])],
        "outcomes": space.size,
        "feasible": feasible,
        "drawn": int(drawn.shape[0]),
        "subsampled": rate < 1.0,
        "zopa": zopa_count,
        "cloud": _points(compiled, drawn, points, with_text, zopa=np.concatenate(zopa)),
        "frontier": _frontier(compiled, evaluated, a, b),
        "solutions": _solutions(compiled, a, b),
        "postures": _postures(compiled, evaluated, a, b),
        "status_quo": _status_quo(compiled, a, b),
    }


def _points(
    compiled: Compiled,
    index: npt.NDArray[np.int64],
    points: Floats,
    with_text: bool = True,
    **flags: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "index": index.tolist(),
        "x": np.round(points[0], _DIGITS).tolist(),
        "y": np.round(points[1], _DIGITS).tolist(),
    }
    if with_text:
        ranks = compiled.space.decode(index)
        result["text"] = hover_text(compiled.scenario, compiled.space, ranks)
    result.update({k: np.asarray(v).tolist() for k, v in flags.items()})
    return result


def _frontier(compiled: Compiled, evaluated: Iterable[Block], a: int, b: int) -> dict[str, Any]:
    # The frontier of the picture is over the two drawn principals (with more principals the
    # engine's frontier is over all of them, a different set), by the exact 2-D sweep.
    index, source = _local_frontier(evaluated, a, b), "exact two-party sweep"
    ranks = compiled.space.decode(index)
    utilities = compiled.utilities(ranks)[[a, b]]
    order = np.lexsort((-utilities[1], -utilities[0]))
    result = _points(compiled, index[order], utilities[:, order])
    result["source"] = source
    return result


def _local_frontier(evaluated: Iterable[Block], a: int, b: int) -> npt.NDArray[np.int64]:
    """Exact frontier over the feasible outcomes, merged block by block (bounded memory)."""
    front_i = np.empty(0, dtype=np.int64)
    front_u = np.empty((2, 0))
    for block in evaluated:
        union_i = np.concatenate([front_i, block.index[block.feasible]])
        union_u = np.concatenate([front_u, block.utilities[[a, b]][:, block.feasible]], axis=1)
        keep = pareto_mask(union_u)
        front_i, front_u = union_i[keep], union_u[:, keep]
    return front_i


def _solutions(compiled: Compiled, a: int, b: int) -> dict[str, Any]:
    found = engines.bargaining_solutions(compiled)
    result = {}
    for name, solution in found.items():
        ranks = compiled.space.decode(np.array([solution["index"]]))
        u = compiled.utilities(ranks)[[a, b], 0]
        text = hover_text(compiled.scenario, compiled.space, ranks)[0]
        result[name] = {**solution, "x": float(u[0]), "y": float(u[1]), "text": text}
    return result


def posture_condition(posture: Posture) -> str | None:
    """The posture's condition, or its partial outcome written as one."""
    if posture.condition:
        return posture.condition
    if posture.outcome:
        return " and ".join(f"{k} == {v}" for k, v in posture.outcome.items())
    return None


def _postures(
    compiled: Compiled, evaluated: Iterable[Block], a: int, b: int
) -> list[dict[str, Any]]:
    marks = []
    for posture in compiled.scenario.postures:
        text = posture_condition(posture)
        if text is None or posture.party not in compiled.parties:
            continue
        best = _best_in(compiled, evaluated, compiled.party_index(posture.party), text)
        if best is None:
            continue
        ranks = compiled.space.decode(np.array([best]))
        u = compiled.utilities(ranks)
        marks.append(
            {
                "id": posture.id,
                "party": posture.party,
                "kind": posture.kind,
                "date": posture.date.isoformat(),
                "statement": posture.text,
                "condition": text,
                "x": float(u[a, 0]),
                "y": float(u[b, 0]),
                "text": hover_text(compiled.scenario, compiled.space, ranks)[0],
            }
        )
    return marks


def _best_in(
    compiled: Compiled, evaluated: Iterable[Block], party: int, condition: str
) -> int | None:
    parsed = parse_condition(condition)
    best, best_u = None, -np.inf
    for block in evaluated:
        ok = block.feasible & compiled.mask(parsed, block.ranks)
        if ok.any():
            u = np.where(ok, block.utilities[party], -np.inf)
            k = int(np.argmax(u))
            if u[k] > best_u:
                best, best_u = int(block.index[k]), float(u[k])
    return best


def _status_quo(compiled: Compiled, a: int, b: int) -> dict[str, Any] | None:
    status = compiled.scenario.status_quo
    if set(status) != set(compiled.space.issues):
        return None
    ranks = compiled.space.ranks_of(status)
    u = compiled.utilities(ranks)
    text = hover_text(compiled.scenario, compiled.space, ranks)[0]
    return {"x": float(u[a, 0]), "y": float(u[b, 0]), "text": text}
