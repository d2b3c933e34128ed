"""Phased deals: is there a sequence of steps to a deal that each side can trust at every step?

The model (the full text, with proofs of the properties the tests check, is
``docs/phased-deals.md``). Principals ``p`` with utility ``u_p`` and reservation ``r_p``; the
status quo ``s_0``; a final outcome ``f``.

*Path.* A phased agreement is a monotone path ``s_0 -> s_1 -> ... -> s_K = f`` of feasible
outcomes: in each step every issue moves toward its final option or stays, never back. The
big-bang deal is the one-step path ``s_0 -> f``.

*Gives and movers.* ``p`` gives on issue ``i`` in step ``k`` when its value on ``i`` drops,
``T_{p,i}(s_{k,i}) < T_{p,i}(s_{k-1,i})``; the movers ``M_k`` of step ``k`` are the principals that
give in it (they carry out those moves; the others only receive). Movers of one step act
together.

*Stopping.* Stopping at ``z``, ``p`` keeps what it has received and takes back what it gave where
that can be reversed, losing the reversal cost (a fraction of the value taken back):
``S_p(z) = r_p + u_p(z^p) - sum_{i reversed} c_i(z_i) (T_{p,i}(s_{0,i}) - T_{p,i}(z_i)) - u_p(s_0)``
(:mod:`.values`), so ``S_p(s_0) = r_p``: stopping before the first step is no deal.

*Continuing.* The other movers of step ``k`` comply with probability
``q_{p,k} = prod_{r in M_k, r != p} t_r`` (``t_r = process.trust[r]``, per step, independent); if
they do, the path goes on one step later (discount ``delta_p = process.discount[p]``); if not, ``p``
is left at ``s_{k-1}`` with its own gives of the step done, and stops there:

``V_p(K) = u_p(f)``,
``V_p(k-1) = q_{p,k} delta_p V_p(k) + (1 - q_{p,k}) S_p(s_{k-1} ⊕ G_{p,k})``.

*Incentive compatibility.* The path is self-enforcing when for every principal and every state
before the last, continuing is worth at least stopping: ``m_{p,k} = V_p(k) - S_p(s_k) >= 0``
(``k = 0`` is participation: at least the no-deal value ``r_p``).

*Search.* Backward induction over the sub-lattice between ``s_0`` and ``f``, vectorised over
states, with Pareto pruning of continuation-value vectors (exact; :mod:`.search`), at most ``K``
steps (default 5); whole-issue steps when the lattice is too large (:mod:`.lattice`).

References: Schelling, *The Strategy of Conflict* (1960), ch. 2, on making an agreement
enforceable by dividing it into steps, each small enough that the loss from the other side's
default is bearable; Kydd, "Trust, reassurance, and cooperation", *International Organization*
54(2), 2000, and *Trust and Mistrust in International Relations* (2005): trust as the
probability that the other side will reciprocate, and reassurance by small, costly first steps;
Fearon, "Rationalist explanations for war", *International Organization* 49(3), 1995: the
commitment problem (a side cannot promise not to exploit a later advantage), which is the stop
constraint here. The formulation (gives, stop values with reversal costs, the recursion) is our
own.
"""

from detente.engines.phasing.analysis import Acceptability, PhaseResult, analyse_phasing
from detente.engines.phasing.errors import (
    FinalSpecError,
    LatticeTooLargeError,
    NoNashDealError,
    PhasingError,
)
from detente.engines.phasing.finals import Final, resolve_final
from detente.engines.phasing.paths import PathNumbers, path_numbers
from detente.engines.phasing.reports import Incentive, Move, PathReport, StepReport
from detente.engines.phasing.robustness import Robustness
from detente.engines.phasing.values import PhaseContext, phase_context

__all__ = [
    "Acceptability",
    "Final",
    "FinalSpecError",
    "Incentive",
    "LatticeTooLargeError",
    "Move",
    "NoNashDealError",
    "PathNumbers",
    "PathReport",
    "PhaseContext",
    "PhaseResult",
    "PhasingError",
    "Robustness",
    "StepReport",
    "analyse_phasing",
    "path_numbers",
    "phase_context",
    "resolve_final",
]
