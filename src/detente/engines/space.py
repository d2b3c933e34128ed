"""The outcome space: the product of the issues' ordered options, as mixed-radix indices.

An outcome is one option per issue. Outcome ``k`` of a space with radices ``(n_1, ..., n_m)``
has option ranks ``r_i = (k // s_i) mod n_i`` with strides ``s_i = prod_{j > i} n_j`` (the first
issue is the most significant digit, so indices run in lexicographic order). Outcomes are never
materialised as Python objects: engines decode index ranges to rank arrays in chunks, so that
10^7 outcomes fit in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from detente.errors import DetenteError
from detente.model.scenario import Scenario

__all__ = [
    "DEFAULT_CHUNK",
    "OutcomeSpace",
    "Ranks",
    "SpaceTooLargeError",
    "check_space_size",
    "space_size",
]

Ranks = npt.NDArray[np.int16]
DEFAULT_CHUNK = 1 << 20


@dataclass(frozen=True)
class OutcomeSpace:
    """The ordered issues and options of a scenario, and index <-> ranks conversion.

    Examples
    --------
    >>> space = OutcomeSpace(("a", "b"), (("x", "y"), ("p", "q", "r")))
    >>> space.size
    6
    >>> space.decode(np.arange(6)).tolist()
    [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]
    >>> int(space.encode(np.array([[1, 2]]))[0])
    5
    """

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]

    @property
    def radices(self) -> npt.NDArray[np.int64]:
        return np.array([len(o) for o in self.options], dtype=np.int64)

    @property
    def strides(self) -> npt.NDArray[np.int64]:
        radices = self.radices
        strides = np.ones(len(radices), dtype=np.int64)
        for i in range(len(radices) - 2, -1, -1):
            strides[i] = strides[i + 1] * radices[i + 1]
        return strides

    @property
    def size(self) -> int:
        """Number of outcomes (Python int: it may exceed int64 for absurd scenarios)."""
        total = 1
        for options in self.options:
            total *= len(options)
        return total

    def decode(self, index: npt.ArrayLike) -> Ranks:
        """Option ranks, shape ``(len(index), n_issues)``, of the outcomes at ``index``."""
        k = np.asarray(index, dtype=np.int64)[:, None]
        return ((k // self.strides) % self.radices).astype(np.int16)

    def encode(self, ranks: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """Indices of the outcomes with the given option ranks (rows)."""
        r = np.asarray(ranks, dtype=np.int64)
        return np.asarray(r @ self.strides, dtype=np.int64)

    def range_ranks(self, start: int, stop: int) -> Ranks:
        """Ranks of the contiguous outcomes ``start, ..., stop - 1`` (equal to ``decode``).

        In a contiguous range, issue ``i``'s rank is constant over runs of ``s_i`` indices:
        each column is built by repeating the few distinct quotients ``k // s_i`` (clipped to
        the range) instead of dividing every index, which is several times faster.

        Examples
        --------
        >>> space = OutcomeSpace(("a", "b"), (("x", "y"), ("p", "q", "r")))
        >>> space.range_ranks(2, 5).tolist() == space.decode(np.arange(2, 5)).tolist()
        True
        """
        # Column-major: engines read ranks one issue (column) at a time.
        ranks = np.empty((stop - start, len(self.options)), dtype=np.int16, order="F")
        for i, (n_i, s_i) in enumerate(zip(self.radices, self.strides, strict=True)):
            s = int(s_i)
            first, last = start // s, (stop - 1) // s
            quotients = np.arange(first, last + 1, dtype=np.int64)
            runs = np.full(quotients.shape[0], s, dtype=np.int64)
            runs[0] -= start - first * s
            runs[-1] -= (last + 1) * s - stop
            ranks[:, i] = np.repeat((quotients % n_i).astype(np.int16), runs)
        return ranks

    def chunks(self, chunk: int = DEFAULT_CHUNK) -> Iterator[tuple[int, Ranks]]:
        """Yield ``(start, ranks)`` blocks covering the whole space in index order."""
        for start in range(0, self.size, chunk):
            yield start, self.range_ranks(start, min(start + chunk, self.size))

    def rank_of(self, issue: str, option: str) -> int:
        """The rank of ``option`` on ``issue`` (ValueError if unknown)."""
        return self.options[self.issues.index(issue)].index(option)

    def ranks_of(self, outcome: Mapping[str, str]) -> Ranks:
        """Ranks, shape ``(1, n_issues)``, of a full outcome given as issue -> option."""
        row = [self.rank_of(issue, outcome[issue]) for issue in self.issues]
        return np.array([row], dtype=np.int16)

    def named(self, index: npt.ArrayLike) -> list[dict[str, str]]:
        """The outcomes at ``index`` by name, each ``{issue: option id}`` (for JSON documents)."""
        ranks = self.decode(np.atleast_1d(np.asarray(index, dtype=np.int64)))
        columns = [
            np.asarray(self.options[i], dtype=object)[ranks[:, i]] for i in range(len(self.issues))
        ]
        return [dict(zip(self.issues, row, strict=True)) for row in zip(*columns, strict=True)]

    def labels(self, ranks: Sequence[int]) -> dict[str, str]:
        """One outcome's ranks as issue -> option id."""
        return {
            issue: self.options[i][int(r)]
            for i, (issue, r) in enumerate(zip(self.issues, ranks, strict=True))
        }


class SpaceTooLargeError(DetenteError, ValueError):
    """The scenario's outcome space is larger than the caller's limit."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"the outcome space has {size:,} outcomes; the limit here is {limit:,} "
            "(merge or coarsen issues, or run the analysis from the command line)"
        )


def space_size(scenario: Scenario) -> int:
    """Number of outcomes (product of the issues' option counts), without enumerating.

    Examples
    --------
    >>> from detente import resolve_scenario
    >>> space_size(resolve_scenario("hanoi-2019")) > 1
    True
    """
    size = 1
    for issue in scenario.issues:
        size *= issue.numeric.steps if issue.numeric is not None else len(issue.options)
    return size


def check_space_size(scenario: Scenario, limit: int) -> int:
    """The outcome-space size, or :class:`SpaceTooLargeError` when it exceeds ``limit``."""
    size = space_size(scenario)
    if size > limit:
        raise SpaceTooLargeError(size, limit)
    return size
