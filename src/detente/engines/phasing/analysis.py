"""The phased-deal analysis of one final outcome: big-bang against the best phased paths.

:func:`analyse_phasing` answers, for a final outcome ``f``: is there a self-enforcing path of at
most ``K`` steps from the status quo to ``f``; the shortest one; the one that maximises the
weaker side's minimum margin (or, when none is self-enforcing, the one that fails by least); the
big-bang deal (the one-step path) and the constraints it violates; and the trust thresholds:

- per principal ``p`` and path: the least compliance probability of the others at which all of
  ``p``'s constraints on that path hold (:func:`.paths.party_thresholds`);
- per form: the least trust ``t``, given to every principal alike, at which the form is
  self-enforcing: for the big-bang the largest of the per-principal thresholds (``p``'s
  constraints depend only on the others' trust), for the phased form the least ``t`` at which
  the search finds any path of at most ``K`` steps, by bisection (20 halvings: ``~1e-6``) over the
  search, whose answer is monotone in ``t`` (``docs/phased-deals.md``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.documents import jsonable
from detente.engines.compile import Compiled
from detente.engines.phasing.finals import Final, PhasingError
from detente.engines.phasing.lattice import Lattice, build_lattice
from detente.engines.phasing.paths import least_trust, path_numbers
from detente.engines.phasing.reports import PathReport, path_report
from detente.engines.phasing.robustness import Robustness, robustness
from detente.engines.phasing.search import best_path, search
from detente.engines.phasing.values import (
    PhaseContext,
    discount_vector,
    phase_context,
    principal_utilities,
    trust_vector,
)

__all__ = ["Acceptability", "PhaseResult", "analyse_phasing"]

_FORM_BISECTIONS = 20


@dataclass(frozen=True)
class Acceptability:
    """Is the final outcome acceptable as a deal: utilities against reservations, red lines."""

    utilities: dict[str, float]
    reservations: dict[str, float]
    red_lines_broken: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        """In the zone of possible agreement (it is feasible by construction)."""
        above = all(self.utilities[p] >= r - 1e-12 for p, r in self.reservations.items())
        return above and not self.red_lines_broken


@dataclass(frozen=True)
class PhaseResult:
    """Everything :func:`analyse_phasing` found, with the settings it used.

    ``best`` is the maximin path over at most ``max_steps`` steps: self-enforcing when
    ``exists``, otherwise the path that fails by the least. ``phased_threshold`` is the least
    uniform trust at which some path of at most ``max_steps`` steps is self-enforcing, and
    ``threshold_path`` the path found there; ``big_bang_threshold`` the same for the one-step
    path. ``mode`` is ``exact`` or ``whole-issue`` (see :mod:`.lattice`); ``approximate`` is set
    when the beam cut records.
    """

    final: dict[str, str]
    final_source: str
    acceptability: Acceptability
    mode: str
    states: int
    moves: int
    approximate: bool
    max_steps: int
    trust: dict[str, float]
    discount: dict[str, float]
    path_red_lines: bool
    exists: bool
    shortest: PathReport | None
    best: PathReport | None
    big_bang: PathReport
    big_bang_threshold: float | None
    phased_threshold: float | None
    threshold_path: PathReport | None
    robustness: Robustness | None
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """Every field but the search's wall-clock ``seconds`` (a document must not depend on
        the machine), plus ``acceptability.acceptable`` and each path's ``length`` and
        ``first_movers``. Outcomes are by name: ``final`` and each step's moves name issues and
        options."""
        document: dict[str, Any] = jsonable(self)
        del document["seconds"]
        document["acceptability"]["acceptable"] = self.acceptability.acceptable
        for name in ("shortest", "best", "big_bang", "threshold_path"):
            path = getattr(self, name)
            if path is not None:
                document[name]["length"] = path.length
                document[name]["first_movers"] = list(path.first_movers)
        return document


def _acceptability(ctx: PhaseContext, final: np.ndarray) -> Acceptability:
    compiled = ctx.compiled
    utilities = principal_utilities(ctx, final[None, :])[:, 0]
    broken = tuple(
        f"{line.party}:{line.id}"
        for line in compiled.red_lines
        if line.party in ctx.principals and not compiled.mask(line.condition, final[None, :])[0]
    )
    names = ctx.principals
    return Acceptability(
        utilities={p: float(u) for p, u in zip(names, utilities, strict=True)},
        reservations={p: float(r) for p, r in zip(names, ctx.reservations, strict=True)},
        red_lines_broken=broken,
    )


def _report(
    ctx: PhaseContext, lat: Lattice, states: list[int], trust: np.ndarray, discount: np.ndarray
) -> PathReport:
    return path_report(ctx, path_numbers(ctx, lat.ranks[states], trust, discount))


def _phased_form(
    ctx: PhaseContext, lat: Lattice, discount: np.ndarray, max_steps: int
) -> tuple[float | None, PathReport | None]:
    n = len(ctx.principals)

    def holds(t: float) -> bool:
        return bool(search(lat, np.full(n, t), discount, 0.0, max_steps, True).lengths())

    threshold = least_trust(holds, _FORM_BISECTIONS)
    if threshold is None:
        return None, None
    trust = np.full(n, threshold)
    found = best_path(lat, trust, discount, list(range(1, max_steps + 1)))
    assert found is not None
    return threshold, _report(ctx, lat, found[0], trust, discount)


def analyse_phasing(  # noqa: PLR0913 - keyword-only options of the public engine call
    compiled: Compiled,
    final: Final,
    *,
    max_steps: int = 5,
    trust: float | dict[str, float] | None = None,
    path_red_lines: bool = False,
    whole_issues: bool = False,
    samples: int = 0,
    seed: int = 0,
) -> PhaseResult:
    """Phased paths from the status quo to ``final`` against the big-bang deal.

    ``trust`` overrides ``process.trust`` (one number for every principal, or per principal);
    ``path_red_lines`` keeps every state of a path within the principals' red lines (by default
    red lines bind the final agreement only, and breaches on the way are reported);
    ``samples > 0`` adds :func:`.robustness.robustness` over the uncertain trust and discount.
    """
    clock = time.perf_counter()
    if max_steps < 1:
        raise PhasingError("a path needs at least one step (max_steps >= 1)")
    ctx = phase_context(compiled)
    if np.array_equal(final.ranks, ctx.start):
        raise PhasingError("the final outcome is the status quo: there is nothing to phase")
    lat = build_lattice(ctx, final.ranks, path_red_lines, whole_issues)
    t, delta = trust_vector(ctx, trust), discount_vector(ctx)
    big_bang = path_report(ctx, path_numbers(ctx, np.stack([ctx.start, final.ranks]), t, delta))
    steps = list(range(1, max_steps + 1))
    lengths = search(lat, t, delta, 0.0, max_steps).lengths()
    shortest = best_path(lat, t, delta, lengths[:1]) if lengths else None
    best = best_path(lat, t, delta, steps)
    form = _phased_form(ctx, lat, delta, max_steps)
    thresholds = [v for v in big_bang.thresholds.values() if v is not None]
    bb_threshold = max(thresholds) if len(thresholds) == len(ctx.principals) else None
    return PhaseResult(
        final=compiled.space.labels(final.ranks.tolist()),
        final_source=final.source,
        acceptability=_acceptability(ctx, final.ranks),
        mode=lat.mode,
        states=lat.size,
        moves=int(lat.source.size),
        approximate=any(found is not None and found[2] for found in (shortest, best)),
        max_steps=max_steps,
        trust=dict(zip(ctx.principals, t.tolist(), strict=True)),
        discount=dict(zip(ctx.principals, delta.tolist(), strict=True)),
        path_red_lines=path_red_lines,
        exists=bool(lengths),
        shortest=_report(ctx, lat, shortest[0], t, delta) if shortest else None,
        best=_report(ctx, lat, best[0], t, delta) if best else None,
        big_bang=big_bang,
        big_bang_threshold=bb_threshold,
        phased_threshold=form[0],
        threshold_path=form[1],
        robustness=robustness(ctx, lat, max_steps, samples, seed) if samples > 0 else None,
        seconds=time.perf_counter() - clock,
    )
