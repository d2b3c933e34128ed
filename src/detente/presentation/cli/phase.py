"""``detente phase``: phased deals against the big-bang deal, step by step."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from detente.engines.compile import compile_scenario
from detente.engines.limits import MAX_PHASE_OUTCOMES, MAX_PHASE_PRINCIPALS
from detente.engines.phasing import (
    FinalSpecError,
    PathReport,
    PhaseResult,
    PhasingError,
    analyse_phasing,
    resolve_final,
)
from detente.presentation.cli.common import (
    MAX_SAMPLES,
    MAX_SEED,
    check_space_or_exit,
    console,
    fail,
    load_or_exit,
    print_json,
)

__all__ = ["phase", "register", "result_document"]


def _threshold(value: float | None) -> str:
    return "never (fails at full trust)" if value is None else f"{value:.3f}"


def _moves(step: Any) -> str:
    return "\n".join(f"{m.issue}: {m.before} → {m.after}" for m in step.moves)


def _steps_table(path: PathReport, title: str, principals: list[str]) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column("step", justify="right")
    table.add_column("moves")
    table.add_column("who moves (gives)")
    for party in principals:
        table.add_column(f"{party}\nutility after", justify="right")
        table.add_column(f"{party}\nmargin over stopping", justify="right")
    for step in path.steps:
        movers = ", ".join(step.movers) or "nobody (joint gain)"
        cells: list[str | Text] = [str(step.number), _moves(step), movers]
        for party in principals:
            margin = step.margins[party]
            style = "red" if margin < -1e-9 else "green"
            cells += [f"{step.utilities[party]:.3f}", Text(f"{margin:+.3f}", style=style)]
        table.add_row(*cells)
    return table


def _form_row(name: str, path: PathReport | None, uniform: float | None) -> list[str | Text]:
    if path is None:
        return [name, "—", "no path", "—", "—", _threshold(uniform)]
    verdict = Text("yes", style="green") if path.feasible else Text("no", style="red")
    failing = "; ".join(c.describe() for c in path.violated) or "none"
    per_party = ", ".join(f"{p} {_threshold(t)}" for p, t in path.thresholds.items())
    return [name, str(path.length), verdict, f"{path.min_margin:+.3f}\n{failing}", per_party,
            _threshold(uniform)]  # fmt: skip


def _verdict_table(result: PhaseResult) -> Table:
    table = Table(title="Verdict: phased against big-bang", show_lines=True)
    for column in ("form", "steps", "self-enforcing", "weakest margin; violated constraints"):
        table.add_column(column)
    table.add_column("trust threshold per party\n(the others' compliance it needs)")
    table.add_column("trust threshold\n(all parties alike)")
    table.add_row(*_form_row("big-bang (one step)", result.big_bang, result.big_bang_threshold))
    table.add_row(*_form_row(f"best phased (≤{result.max_steps} steps)", result.best, None))
    if result.threshold_path is not None:
        table.add_row(
            *_form_row("phased, at its threshold", result.threshold_path, result.phased_threshold)
        )
    return table


def _header(result: PhaseResult) -> None:
    acc = result.acceptability
    console.print(Text("Final outcome", style="bold"), f"({result.final_source}):")
    console.print("  " + ", ".join(f"{k}={v}" for k, v in result.final.items()))
    parts = [f"{p} {u:.3f} (no deal {acc.reservations[p]:.3f})" for p, u in acc.utilities.items()]
    console.print("  utilities: " + "; ".join(parts))
    if acc.red_lines_broken:
        console.print(Text("  breaks red lines:", style="red"), ", ".join(acc.red_lines_broken))
    console.print(
        f"  in the zone of agreement: {'yes' if acc.acceptable else 'no'}; trust "
        + ", ".join(f"{p} {t:.2f}" for p, t in result.trust.items())
        + "; discount "
        + ", ".join(f"{p} {d:.2f}" for p, d in result.discount.items())
    )


def _summary(result: PhaseResult) -> str:
    if result.exists and result.shortest is not None:
        return (
            f"A self-enforcing path exists: the shortest has {result.shortest.length} step(s); "
            f"who moves first: {', '.join(result.shortest.first_movers) or 'nobody'}."
        )
    return f"No path of at most {result.max_steps} steps is self-enforcing at this trust."


def _show(result: PhaseResult) -> None:
    _header(result)
    principals = list(result.trust)
    console.print(_verdict_table(result))
    console.print(_summary(result))
    shown = result.best if result.best is not None else result.big_bang
    title = "Best phased path (maximin margin)" + ("" if shown.feasible else ": fails by least")
    console.print(_steps_table(shown, title, principals))
    binding = "; ".join(c.describe() for c in shown.binding)
    console.print(f"Binding constraints: {binding}")
    if shown.red_line_breaches:
        console.print("Red lines broken on the way: " + ", ".join(shown.red_line_breaches))
    if result.shortest is not None and result.shortest.length != shown.length:
        console.print(_steps_table(result.shortest, "Shortest self-enforcing path", principals))
    if result.robustness is not None:
        r = result.robustness
        console.print(
            f"Over {r.samples} samples (seed {r.seed}) of {', '.join(r.varied) or 'nothing'}: "
            f"a phased path is self-enforcing in {r.phased_share:.0%}, "
            f"the big-bang deal in {r.big_bang_share:.0%}."
        )
    beam = "a beam cut records: approximate" if result.approximate else "no beam: exact"
    console.print(
        f"search: {result.mode} steps, {result.states} states, {result.moves} moves, "
        f"{beam}; {result.seconds:.2f} s",
        style="dim",
    )


def result_document(result: PhaseResult) -> dict[str, Any]:
    """The JSON document of ``detente phase --json`` (dataclass fields plus verdict fields)."""
    document = dataclasses.asdict(result)
    document["acceptability"]["acceptable"] = result.acceptability.acceptable
    for name in ("shortest", "best", "big_bang", "threshold_path"):
        path = getattr(result, name)
        if path is not None:
            document[name]["length"] = path.length
            document[name]["first_movers"] = list(path.first_movers)
    return document


def phase(
    scenario: Annotated[str | None, typer.Argument(help="Embedded id or file path.")] = None,
    final: Annotated[
        str, typer.Option(help="nash, bridge:N, or ISSUE=OPTION,... (others at the status quo).")
    ] = "nash",
    max_steps: Annotated[int, typer.Option(min=1, max=12, help="Most steps in a path.")] = 5,
    trust: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Compliance probability for every party."),
    ] = None,
    path_red_lines: Annotated[
        bool, typer.Option(help="Keep every step within the red lines (default: final only).")
    ] = False,
    samples: Annotated[
        int,
        typer.Option(
            min=0, max=MAX_SAMPLES, help="Samples of the uncertain trust and discount factors."
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Seed of the samples.")] = 0,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Phased deals: which step-by-step sequences to a final deal each side can trust."""
    loaded = load_or_exit(scenario)
    check_space_or_exit(loaded, MAX_PHASE_OUTCOMES, "phase")
    principals = sum(party.role == "principal" for party in loaded.parties)
    if principals > MAX_PHASE_PRINCIPALS:
        fail(
            f"the scenario has {principals} principals; phased deals handle at most "
            f"{MAX_PHASE_PRINCIPALS} (every set of movers is weighed at each step)"
        )
    compiled = compile_scenario(loaded)
    try:
        chosen = resolve_final(compiled, final)
        result = analyse_phasing(
            compiled,
            chosen,
            max_steps=max_steps,
            trust=trust,
            path_red_lines=path_red_lines,
            samples=samples,
            seed=seed,
        )
    except FinalSpecError as error:
        fail(str(error), 2)
    except PhasingError as error:
        fail(str(error))
    if json:
        print_json(result_document(result))
    else:
        _show(result)


def register(app: typer.Typer) -> None:
    app.command()(phase)
