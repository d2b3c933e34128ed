"""What a negotiator may see: its own preference arrays and the public state of the talks.

Structural privacy: a negotiator is built from one :class:`PartyView` (its own utilities,
red-line mask, value table and reservation, for every run of a batch) and receives the
:class:`PublicState` (round, deadline, the public history of offers and responses) at each
move. No object handed to a negotiator holds another party's preferences.

Runs advance in lock-step: arrays have one row per run of the batch, and ``state.rows`` are
the runs still negotiating. Each method of a negotiator answers for ``state.rows`` only.

Per-run randomness is counter based (SplitMix64 of the run's key, the round and a salt;
Steele, Lea & Flood 2014), so it depends only on ``(seed, run)`` and never on the batch.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field

import numpy as np
import numpy.typing as npt

from detente.engines.simulation.ranking import Ranking
from detente.engines.space import Ranks

__all__ = ["Move", "PartyView", "PublicState", "run_key", "run_keys", "splitmix_uniform"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Keys = npt.NDArray[np.uint64]

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


def _mix(z: Keys) -> Keys:
    """The SplitMix64 finaliser (Steele, Lea & Flood 2014), elementwise."""
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * _M2
        z = (z ^ (z >> np.uint64(27))) * _M3
    return np.asarray(z ^ (z >> np.uint64(31)))


def run_keys(seed: int, runs: npt.ArrayLike) -> Keys:
    """The 64-bit keys of runs ``runs``' strategy randomness: ``mix(base + run * phi)``, with
    ``base`` drawn from ``SeedSequence(seed)``; each key depends only on (seed, run)."""
    base = np.random.SeedSequence(entropy=seed, spawn_key=(0x5EED,)).generate_state(1, np.uint64)
    with np.errstate(over="ignore"):
        return _mix(base[0] + np.asarray(runs, dtype=np.uint64) * _M1)


def run_key(seed: int, run: int) -> int:
    """The key of one run (see :func:`run_keys`)."""
    return int(run_keys(seed, [run])[0])


def splitmix_uniform(keys: Keys, counter: int) -> Floats:
    """Uniform numbers in [0, 1), one per key, from SplitMix64 of ``key + counter * phi``."""
    with np.errstate(over="ignore"):
        z = _mix(keys + np.uint64(counter % (1 << 64)) * _M1)
    return np.asarray((z >> np.uint64(11)).astype(np.float64) / float(1 << 53))


@dataclass
class PartyView:
    """One party's private arrays for a batch of runs (the only preferences it can read).

    ``utility[b, k]`` is its utility of domain outcome ``k`` in run ``b``; ``acceptable[k]``
    whether ``k`` meets its red lines; ``ranking`` the outcomes meeting them ranked by
    utility, run by run (every outcome, keyed -inf, when none meets them); ``table[b, i, r]``
    its weighted value of option ``r`` of issue ``i``; ``reservation[b]`` its no-deal utility
    (updated in place when an event fires). Every array is the party's own copy.
    """

    party: str
    utility: Floats
    acceptable: Bools
    table: Floats
    reservation: Floats
    ranking: Ranking = field(init=False)
    shared: bool = field(init=False)

    full: InitVar[Ranking | None] = None

    def __post_init__(self, full: Ranking | None) -> None:
        self.refresh(self.utility, self.table, full)

    def refresh(self, utility: Floats, table: Floats, full: Ranking | None = None) -> None:
        """Replace the utilities (after an event changed weights or values) and rank anew;
        ``full``, if given, is the ranking of ``utility`` over every outcome (one row, or one
        per run), shared with whoever ranked the same utilities."""
        self.utility, self.table = utility, table
        size = utility.shape[0]
        self.shared = size > 1 and utility.strides[0] == 0  # one row broadcast to all runs
        rows = utility[:1] if self.shared else utility
        # Only outcomes within the red lines can be proposed, and the red lines are the same in
        # every run: rank those columns alone (the -inf keys of the others would sort first).
        allowed = np.flatnonzero(self.acceptable)
        if allowed.size == 0:
            allowed = np.arange(utility.shape[1])
            self.ranking = Ranking.sort(np.full((rows.shape[0], allowed.size), -np.inf), allowed)
        elif full is not None:
            everything = allowed.size == utility.shape[1]
            self.ranking = full if everything else Ranking.of(full, self.acceptable)
        else:
            key = rows if allowed.size == utility.shape[1] else rows[:, allowed]
            self.ranking = Ranking.sort(key, allowed)

    def _runs(self, rows: Ints) -> Ints:
        return np.zeros_like(rows) if self.shared else rows

    @property
    def best(self) -> Floats:
        """Per run, the highest utility of an outcome meeting the party's red lines."""
        best = self.ranking.best
        return np.broadcast_to(best, self.utility.shape[:1]) if self.shared else best

    def at_least(self, rows: Ints, target: Floats) -> Ints:
        """Per row, the outcome of lowest key ``>= target`` (the best one if none reaches it),
        as the stable full ranking would give it (:class:`~.ranking.Ranking`)."""
        return self.ranking.at_least(self._runs(rows), target)

    def value(self, rows: Ints, outcomes: Ints) -> Floats:
        """The party's utility of ``outcomes`` (one per row); -inf where there is none (-1)."""
        safe = np.maximum(outcomes, 0)
        return np.where(outcomes >= 0, self.utility[rows, safe], -np.inf)


@dataclass(frozen=True)
class Move:
    """One round of the public history, for the runs active in it (``rows``)."""

    round: int
    mover: str
    rows: Ints
    offer: Ints
    accepted: dict[str, Bools]
    objections: dict[str, Ints]
    events: tuple[str, ...]


@dataclass
class PublicState:
    """The public state of a batch of negotiations (see the module docstring).

    ``last_offer[q]`` / ``previous_offer[q]`` are party ``q``'s last two proposals per run
    (-1 if none); ``text`` the mediator's current text; ``objection[q]`` the issue principal
    ``q`` last objected to (-1 if none).
    """

    principals: tuple[str, ...]
    ranks: Ranks
    keys: Keys
    horizon: float
    deadline: int | None
    round: int = 0
    #: Per-run breakdown hazard of the current round (public; set by the protocol), or None.
    hazard: Floats | None = None
    active: Bools = field(init=False)
    last_offer: dict[str, Ints] = field(init=False)
    previous_offer: dict[str, Ints] = field(init=False)
    text: Ints = field(init=False)
    objection: dict[str, Ints] = field(init=False)
    history: list[Move] = field(default_factory=list)
    _rows: Ints = field(init=False, repr=False)

    def __post_init__(self) -> None:
        size = self.keys.shape[0]
        self.active = np.ones(size, dtype=bool)
        self._rows = np.arange(size, dtype=np.int64)
        self.last_offer = {p: np.full(size, -1, dtype=np.int64) for p in self.principals}
        self.previous_offer = {p: np.full(size, -1, dtype=np.int64) for p in self.principals}
        self.text = np.full(size, -1, dtype=np.int64)
        self.objection = {p: np.full(size, -1, dtype=np.int64) for p in self.principals}

    @property
    def size(self) -> int:
        return int(self.keys.shape[0])

    @property
    def rows(self) -> Ints:
        """Runs still negotiating (kept up to date by :meth:`close`)."""
        return self._rows

    def close(self, rows: Ints) -> None:
        """End the talks of runs ``rows``."""
        if rows.size:
            self.active[rows] = False
            self._rows = np.flatnonzero(self.active)

    @property
    def time(self) -> float:
        """Relative time ``t / T`` (capped at 1), with ``T`` the deadline or the horizon."""
        return min(self.round / self.horizon, 1.0) if self.horizon > 0 else 1.0

    def uniform(self, salt: int) -> Floats:
        """Per active run, a uniform number fixed by (run key, round, salt)."""
        return splitmix_uniform(self.keys[self.rows], self.round * 1024 + salt)

    def legal_moves(self) -> int:
        """Number of domain outcomes a proposer may name (every one: indices 0..n-1)."""
        return int(self.ranks.shape[0])

    def is_terminal(self) -> Bools:
        """Per run, whether the talks have ended (deal or breakdown)."""
        return ~self.active
