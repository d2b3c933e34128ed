"""The utility plane of the first two principals: every feasible outcome as a point.

Each feasible outcome ``o`` sits at ``(u_a(o), u_b(o))`` for the first two principals ``a`` and
``b`` (scenario order). The zone of possible agreement (ZOPA: feasible outcomes that meet every
principal's red lines and reservation value, :mod:`.acceptability`) is flagged; the Pareto
frontier of the plane is exact: every feasible outcome that no feasible outcome dominates for
``a`` and ``b`` (:func:`.pareto.pareto_mask`, merged block by block; with more principals this
differs from the engine's frontier over all of them). The bargaining solutions
(:mod:`.solutions`), the postures and the status quo are placed on it.

Big spaces: when more than ``max_points`` outcomes are feasible, the *drawn* cloud is a seeded
Bernoulli sample of the feasible outcomes with rate ``max_points / feasible`` (ZOPA outcomes
are sampled at the same rate and flagged); counts, the ZOPA size and the frontier are always
over the whole space.

A posture is placed at the outcome of its set (its condition and partial outcome,
:func:`.postures.posture_condition`) that its own party values most (ties: the lowest outcome
index) — the posture's most favourable reading for the party that stated it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.engines.analysis.acceptability import Block, blocks
from detente.engines.analysis.pareto import pareto_mask
from detente.engines.analysis.postures import posture_condition
from detente.engines.analysis.solutions import Solution, bargaining_solutions
from detente.engines.compile import Compiled, Floats
from detente.engines.space import DEFAULT_CHUNK
from detente.model.conditions import posture_text
from detente.model.scenario import Posture

__all__ = ["Plane", "PlanePoint", "PostureMark", "utility_plane"]

Indices = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PlanePoint:
    """Outcomes ``index`` at utilities ``(x, y)`` of the two principals (arrays, one per point)."""

    index: Indices
    x: Floats
    y: Floats


@dataclass(frozen=True)
class PostureMark:
    """A posture placed at its party's best outcome of the posture's set."""

    posture: Posture
    condition: str
    index: int
    x: float
    y: float


@dataclass(frozen=True)
class Plane:
    """The utility plane of ``parties`` (the first two principals); see the module docstring."""

    parties: tuple[str, str]
    reservations: tuple[float, float]
    outcomes: int
    feasible: int
    zopa: int
    subsampled: bool
    cloud: PlanePoint
    cloud_zopa: npt.NDArray[np.bool_]
    frontier: PlanePoint
    solutions: dict[str, tuple[Solution, float, float]]
    postures: tuple[PostureMark, ...]
    status_quo: PlanePoint | None


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


def _at(compiled: Compiled, index: Indices, a: int, b: int) -> PlanePoint:
    utilities = compiled.utilities(compiled.space.decode(index))
    return PlanePoint(index, utilities[a], utilities[b])


def _frontier(compiled: Compiled, evaluated: Iterable[Block], a: int, b: int) -> PlanePoint:
    """Exact frontier over the feasible outcomes, merged block by block (bounded memory);
    sorted by ``u_a`` then ``u_b``, both descending."""
    front_i = np.empty(0, dtype=np.int64)
    front_u = np.empty((2, 0))
    for block in evaluated:
        union_i = np.concatenate([front_i, block.index[block.feasible]])
        union_u = np.concatenate([front_u, block.utilities[[a, b]][:, block.feasible]], axis=1)
        keep = pareto_mask(union_u)
        front_i, front_u = union_i[keep], union_u[:, keep]
    point = _at(compiled, front_i, a, b)
    order = np.lexsort((-point.y, -point.x))
    return PlanePoint(point.index[order], point.x[order], point.y[order])


def _best_in(
    compiled: Compiled, evaluated: Iterable[Block], party: int, posture: Posture
) -> int | None:
    condition = posture_condition(posture)
    best, best_u = None, -np.inf
    for block in evaluated:
        ok = block.feasible & compiled.mask(condition, block.ranks)
        if ok.any():
            u = np.where(ok, block.utilities[party], -np.inf)
            k = int(np.argmax(u))
            if u[k] > best_u:
                best, best_u = int(block.index[k]), float(u[k])
    return best


def _postures(
    compiled: Compiled, evaluated: Iterable[Block], a: int, b: int
) -> tuple[PostureMark, ...]:
    marks = []
    for posture in compiled.scenario.postures:
        text = posture_text(posture.condition, posture.outcome)
        if text is None or posture.party not in compiled.parties:
            continue
        best = _best_in(compiled, evaluated, compiled.party_index(posture.party), posture)
        if best is None:
            continue
        at = _at(compiled, np.array([best]), a, b)
        marks.append(PostureMark(posture, text, best, float(at.x[0]), float(at.y[0])))
    return tuple(marks)


def _status_quo(compiled: Compiled, a: int, b: int) -> PlanePoint | None:
    status = compiled.scenario.status_quo
    if set(status) != set(compiled.space.issues):
        return None
    index = compiled.space.encode(compiled.space.ranks_of(status))
    return _at(compiled, index, a, b)


def _cloud(
    evaluated: Iterable[Block], a: int, b: int, rate: float, seed: int
) -> tuple[PlanePoint, npt.NDArray[np.bool_], int]:
    rng = np.random.default_rng(seed)
    index, utils, zopa, zopa_count = [], [], [], 0
    for block in evaluated:
        zopa_count += int(block.zopa.sum())
        keep = block.feasible & (rng.random(block.index.shape[0]) < rate if rate < 1 else True)
        index.append(block.index[keep])
        utils.append(block.utilities[[a, b]][:, keep])
        zopa.append(block.zopa[keep])
    points = np.concatenate(utils, axis=1)
    cloud = PlanePoint(np.concatenate(index), points[0], points[1])
    return cloud, np.concatenate(zopa), zopa_count


def utility_plane(compiled: Compiled, max_points: int = 5000, seed: int = 0) -> Plane:
    """The utility plane of the first two principals (``ValueError`` with fewer than two).

    Examples
    --------
    >>> from detente import compile_scenario, resolve_scenario
    >>> plane = utility_plane(compile_scenario(resolve_scenario("hanoi-2019")))
    >>> plane.parties, plane.zopa, plane.frontier.index.size > 0
    (('usa', 'dprk'), 0, True)
    """
    if len(compiled.principals) < 2:
        raise ValueError("the utility plane needs two principals")
    a, b = (compiled.party_index(p) for p in compiled.principals[:2])
    evaluated = _evaluated(compiled)
    feasible = sum(int(block.feasible.sum()) for block in evaluated)
    rate = min(1.0, max_points / feasible) if feasible else 1.0
    cloud, cloud_zopa, zopa = _cloud(evaluated, a, b, rate, seed)
    solutions = {}
    for name, solution in bargaining_solutions(compiled).items():
        at = _at(compiled, np.array([solution.index]), a, b)
        solutions[name] = (solution, float(at.x[0]), float(at.y[0]))
    return Plane(
        parties=(compiled.principals[0], compiled.principals[1]),
        reservations=(float(compiled.reservations[a]), float(compiled.reservations[b])),
        outcomes=compiled.space.size,
        feasible=feasible,
        zopa=zopa,
        subsampled=rate < 1.0,
        cloud=cloud,
        cloud_zopa=cloud_zopa,
        frontier=_frontier(compiled, evaluated, a, b),
        solutions=solutions,
        postures=_postures(compiled, evaluated, a, b),
        status_quo=_status_quo(compiled, a, b),
    )
