"""``detente analyze``: red-line credibility and constructive ambiguity, as rich tables.

Only formats :class:`detente.engines.analysis.credibility.Credibility` and
:class:`detente.engines.analysis.ambiguity.Ambiguity`; nothing is computed here.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from detente.engines.analysis.ambiguity import Ambiguity
from detente.engines.analysis.credibility import Credibility
from detente.presentation.cli.common import console

__all__ = ["show_ambiguity", "show_credibility"]


def _num(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _changed(outcome: dict[str, str], status_quo: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in outcome.items() if status_quo.get(k) != v) or "—"


def show_credibility(c: Credibility) -> None:
    """Each red line's credibility, P(ZOPA) over which lines hold, conflicts, bridges' odds."""
    if not c.lines:
        return
    console.rule(Text("Red-line credibility", style="bold"))
    console.print(c.reading)
    table = Table("party", "red line", "credibility", "commitment", "P(ZOPA | bends)")
    for line in c.lines:
        table.add_row(
            line.party_name,
            line.id.replace("_", " "),
            f"{line.credibility:.2f}",
            ", ".join(line.commitment) or "—",
            _num(line.zopa_if_bends),
        )
    console.print(table)
    for k, conflict in enumerate(c.conflicts, 1):
        sampled = (
            "" if conflict.binds_sampled is None else f" (sampled {conflict.binds_sampled:.2f})"
        )
        console.print(f"conflict {k} binds with probability {conflict.binds:.2f}{sampled}")
    if c.bridges:
        console.print("Bridges by the chance that the mover accepts", style="bold")
        for b in c.bridges:
            console.print(f"  {_num(b.acceptance)}  {b.description} (cost {b.mover_cost:.3f})")


def show_ambiguity(a: Ambiguity, status_quo: dict[str, str]) -> None:
    """Precise vs ambiguous deals, per disputed term, and what the solutions choose."""
    if a.verdict == "no_terms":
        return
    console.rule(Text("Constructive ambiguity", style="bold"))
    console.print(a.reading)
    table = Table("term", "P(gap surfaces)", "cost", "texts", "signed", "break-even")
    for t in a.terms:
        table.add_row(
            t.term,
            f"{t.probability:.2f}",
            f"{t.cost:.2f}",
            str(t.texts) if not t.note else t.note,
            str(t.signed),
            _num(t.break_even),
        )
    console.print(table)
    for name, choice in a.solutions.items():
        if choice.ambiguous is None:
            continue
        readings = "; ".join(
            f"{party} reads {_changed(r, status_quo)}"
            for party, r in choice.ambiguous.readings.items()
        )
        console.print(f"{name}: a text using '{choice.ambiguous.term}' — {readings}")
