"""Plain-words explanations of a forecast, built from the run itself.

The sentence for an issue says where the forecast settles, who held and who moved, and which
classifications (conflict, compromise, capitulation) caused the moves; the assumptions list the
options used and the capability and salience inputs, which are judgments.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.engines.forecast.actors import ActorTable
from detente.engines.forecast.bdm import BdmRun
from detente.engines.forecast.options import BdmOptions
from detente.engines.forecast.scenario import IssueForecast

__all__ = ["assumptions", "explain_issue", "explain_moves", "explain_run"]

_VERB = {1: "lost a confrontation to", 3: "compromised with", 4: "capitulated to"}
_STOP = {
    "converged": "the positions converged",
    "cycle": "the positions cycle",
    "round limit": "the round limit was reached",
}


def explain_moves(run: BdmRun, label: Callable[[float], str] = str, limit: int = 6) -> list[str]:
    """One phrase per move: ``round t: A compromised with B (x → y)``, at most ``limit``."""
    phrases = []
    for t in range(run.rounds):
        for i in range(len(run.names)):
            j = int(run.partner[t, i])
            if j < 0 or run.positions[t + 1, i] == run.positions[t, i]:
                continue
            verb = _VERB.get(int(run.move[t, i]), "moved towards")
            before, after = run.positions[t, i], run.positions[t + 1, i]
            phrases.append(
                f"round {t + 1}: {run.names[i]} {verb} {run.names[j]} "
                f"({label(before)} → {label(after)})"
            )
    if len(phrases) > limit:
        phrases = [*phrases[:limit], f"… and {len(phrases) - limit} more moves"]
    return phrases


def _why_still(run: BdmRun) -> str:
    if run.rounds == 0:
        return "every party starts at the same position"
    codes = run.classes[0]
    contested = codes[codes > 0]
    if contested.size and (contested == 6).all():
        return "each would expect to lose by challenging the others (every pair is a stalemate)"
    if contested.size and ((contested == 2) | (contested == 5) | (contested == 6)).all():
        return "no party expects the others to press a challenge it would have to yield to"
    return "no offer moved anyone"


def explain_issue(forecast: IssueForecast) -> str:
    """The plain sentence for one issue, built from its run."""
    labels = forecast.option_labels

    def label(value: float) -> str:
        return f"'{labels[forecast.options.index(forecast.option_of(value))]}'"

    return explain_run(forecast.label, forecast.run, label)


def explain_run(title: str, run: BdmRun, label: Callable[[float], str]) -> str:
    """The plain sentence for a run; ``label`` names a position (an option, or a number)."""
    start, final = run.median[0], run.forecast
    verb = "stays at" if label(start) == label(final) else "moves to"
    movers = {
        i for i in range(len(run.names)) if (run.positions[:, i] != run.positions[0, i]).any()
    }
    holders = [i for i in range(len(run.names)) if i not in movers]
    w = run.capability * run.salience
    held = ", ".join(
        f"{run.names[i]} at {label(run.positions[0, i])} "
        f"(capability {run.capability[i]:.2f}, salience {run.salience[i]:.2f})"
        for i in sorted(holders, key=lambda i: -w[i])
    )
    text = f"{title}: forecast {verb} {label(final)} after {run.rounds} round(s); "
    text += f"{_STOP[run.stop_reason]}"
    if run.period is not None and run.cycle_medians is not None:
        low, high = run.cycle_medians
        text += f" with period {run.period} (median between {label(low)} and {label(high)})"
    if run.stop_reason == "round limit" and run.rounds > 1:
        tail = run.median[-min(10, run.rounds) :]
        if tail.max() > tail.min():
            text += (
                f"; the median has not settled (between {label(tail.min())} and "
                f"{label(tail.max())} over the last {tail.size} rounds)"
            )
    text += ". "
    if held:
        text += f"Held: {held}. "
    moves = explain_moves(run, label)
    if moves:
        text += "Moves: " + "; ".join(moves) + "."
    else:
        text += f"Nobody moved because {_why_still(run)}."
    weights = ", ".join(
        f"{run.names[i]} {w[i]:.3f}" for i in sorted(range(w.size), key=lambda i: -w[i])
    )
    text += f" The forecast is the median of the final positions under the weights c·s ({weights})."
    return text


def assumptions(
    options: BdmOptions, table: ActorTable | None = None, scenario: bool = True
) -> list[str]:
    """The assumptions behind a forecast: non-default options and the judged inputs."""
    default = BdmOptions().as_dict()
    changed = {k: v for k, v in options.as_dict().items() if default[k] != v}
    lines = [
        "model options: "
        + (", ".join(f"{k}={v}" for k, v in changed.items()) if changed else "the defaults")
    ]
    if table is not None:
        t = table
        inputs = ", ".join(
            f"{name} c={c:.2f} s={s:.2f}"
            for name, c, s in zip(t.names, t.capability, t.salience, strict=True)
        )
        lines.append(f"capabilities and saliences are judgments: {inputs}")
    if scenario:
        lines.append("positions are each party's most preferred option (ranks on the issue)")
        lines.append(
            "each issue is forecast on its own, from influence (capability × salience): red "
            "lines, no-deal values and trade-offs across issues are not in this model — "
            "whether a package is acceptable to every principal is `detente analyze`'s question"
        )
    return lines
